# Sammen: `make run` sets everything up and starts the app; `make test` sets up and passes every test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8080
export PORT

# The tests whose outcome could depend on the day or the hour: KommeGå, calendar, conferences, forms, vacation,
# retention, rollout and surveys, the birthday and week-plan widgets, the autosvar's day, audit search by day,
# the demo and the clock itself.
DATE_TESTS := $(wildcard $(foreach f,presence kiosk kommegaa calendar conference forms vacation gdpr_retention \
	rollout surveys demo clock builtin_widgets overblik_widgets messages_send gdpr_audit date_fields danish_dates \
	pickup_text,tests/*/test_$(f)*.py))

.PHONY: run test test-dates lint typecheck pytest bench bench-peak wrk services chromium clean-data nginx cluster cluster-stop

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Sammen needs Python 3.11 ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependency list changed.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py migrate
	$(BIN)/python main.py seed --demo --if-empty
	$(BIN)/python main.py serve

# Debian's Chromium for the end-to-end tests (no browser downloads work here).
chromium:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

# PostgreSQL and Redis run on this kind of machine; start them if they stopped.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start || true
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 \
		--save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true

# Debian's nginx for the local cluster (the package's own service is not used: the cluster starts its own instance).
nginx:
	@command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }

# Three Sammen processes on PostgreSQL (database sammen_cluster) and Redis behind nginx on http://localhost:8100.
cluster: $(STAMP) nginx services
	@deploy/cluster.sh start

cluster-stop:
	@deploy/cluster.sh stop

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy domain persistence auth ui demo main.py

pytest: $(STAMP) chromium nginx services
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

test: lint typecheck pytest

# The date-sensitive tests once more at a hard instant: SAMMEN_TEST_NOW when set, else the one for today's day of
# the year (tests/clocks.py lists them), so that a week of CI runs covers every one.
test-dates: $(STAMP) chromium nginx services
	@when="$${SAMMEN_TEST_NOW:-$$($(BIN)/python -m tests.clocks)}"; echo "date-sensitive tests at $$when"; \
		SAMMEN_TEST_NOW="$$when" $(BIN)/python -m pytest -q -n 2 --dist loadgroup $(DATE_TESTS)

# Every benchmark but the morning peak, which has its own target (it takes about half an hour).
bench: $(STAMP)
	@for script in bench/[!_]*.py; do [[ $$script == bench/morning_peak.py ]] && continue; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; done

# The morning peak: 250/500/1,000 simulated browsers on one process (SQLite) and on three behind nginx (PostgreSQL
# and Redis); `make bench-peak ARGS=--quick` for a smoke run. The figures are in docs/performance.md.
bench-peak: $(STAMP) nginx wrk services
	$(BIN)/python bench/morning_peak.py $(ARGS)
	$(BIN)/python bench/krise_flood.py

# Debian's wrk, the load generator of bench/krise_flood.py.
wrk:
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

clean-data:
	rm -rf data .nicegui
