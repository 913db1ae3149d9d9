#!/usr/bin/env bash
# A local Sammen cluster: three single-worker processes on PostgreSQL and Redis behind nginx with a routing cookie.
# Usage: deploy/cluster.sh start | stop.  Everything it starts is recorded in .cluster/*.pid; stop ends only those.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN="$ROOT/.cluster"
PYTHON="$ROOT/.venv/bin/python"
NGINX_PORT="${CLUSTER_PORT:-8100}"
PORTS=(${CLUSTER_APP_PORTS:-8101 8102 8103})
DB_NAME="${CLUSTER_DB:-sammen_cluster}"
PG_BASE="postgres://postgres@127.0.0.1:5432"
export DATABASE_URL="$PG_BASE/$DB_NAME"
export REDIS_URL="${CLUSTER_REDIS_URL:-redis://127.0.0.1:6379/0}"
export NICEGUI_REDIS_URL="$REDIS_URL"
# A channel and key prefix of its own, so the tests' Redis traffic on this machine never mixes with the cluster's.
export SAMMEN_EVENTS_CHANNEL="sammen:cluster:events"
export NICEGUI_REDIS_KEY_PREFIX="sammen-cluster:"
export PUBLIC_URL="http://localhost:$NGINX_PORT"
export SAMMEN_HOST=127.0.0.1  # only nginx reaches the processes
export PYTHONUNBUFFERED=1
cd "$ROOT"

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

healthy() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/api/health"; }

ensure_database() {
    local exists
    exists="$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")"
    [[ "$exists" == 1 ]] || { psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE \"$DB_NAME\""; \
                              echo "created database $DB_NAME"; }
    "$PYTHON" main.py migrate
    "$PYTHON" main.py seed --demo --if-empty
}

write_nginx_conf() {
    local upstreams=""
    for port in "${PORTS[@]}"; do upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'; done
    mkdir -p "$RUN/nginx-tmp"
    local template; template="$(cat "$ROOT/deploy/nginx.conf.template")"
    template="${template//@RUN@/$RUN}"
    template="${template//@PORT@/$NGINX_PORT}"
    template="${template//@UPSTREAMS@/${upstreams%$'\n'}}"
    printf '%s\n' "$template" > "$RUN/nginx.conf"
}

start() {
    mkdir -p "$RUN"
    trap 'echo "make cluster failed; make cluster-stop ends whatever it started"' ERR
    command -v nginx >/dev/null || { echo "nginx is missing (make cluster installs it)"; exit 1; }
    # One secret for every process (the session cookie is signed with it), generated once and never committed.
    [[ -s "$RUN/storage_secret" ]] || (umask 077; "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(48))' \
                                       > "$RUN/storage_secret")
    export STORAGE_SECRET; STORAGE_SECRET="$(cat "$RUN/storage_secret")"
    ensure_database
    local first=1
    for port in "${PORTS[@]}"; do
        if alive "$RUN/sammen-$port.pid"; then
            echo "sammen on $port already runs (pid $(cat "$RUN/sammen-$port.pid"))"
        else
            # Only the first process runs the daily jobs and the e-mail sender.
            PORT="$port" SAMMEN_RUN_JOBS="$first" nohup "$PYTHON" main.py serve </dev/null \
                >>"$RUN/sammen-$port.log" 2>&1 &
            echo $! >"$RUN/sammen-$port.pid"
            echo "started sammen on $port (pid $(cat "$RUN/sammen-$port.pid"), log .cluster/sammen-$port.log)"
        fi
        first=0
    done
    write_nginx_conf
    if alive "$RUN/nginx.pid"; then
        nginx -c "$RUN/nginx.conf" -p "$RUN" -s reload
    else
        nginx -c "$RUN/nginx.conf" -p "$RUN"
    fi
    local deadline=$((SECONDS + 90))
    for port in "${PORTS[@]}"; do
        until healthy "$port"; do
            alive "$RUN/sammen-$port.pid" || { echo "sammen on $port died; see .cluster/sammen-$port.log"; \
                                               tail -20 "$RUN/sammen-$port.log"; exit 1; }
            (( SECONDS < deadline )) || { echo "sammen on $port did not answer /api/health in 90 s"; exit 1; }
            sleep 0.3
        done
    done
    healthy "$NGINX_PORT" || { echo "nginx on $NGINX_PORT does not answer; see .cluster/nginx-error.log"; exit 1; }
    echo "Sammen cluster: ${#PORTS[@]} processes behind nginx on $PUBLIC_URL (stop with: make cluster-stop)"
}

stop() {
    local files=() pids=()
    for file in "$RUN"/nginx.pid "$RUN"/sammen-*.pid; do
        [[ -e "$file" ]] || continue
        if alive "$file"; then files+=("$file"); pids+=("$(cat "$file")"); else rm -f "$file"; fi
    done
    (( ${#pids[@]} )) || { echo "no cluster runs"; return 0; }
    # All at once: each Sammen process takes a few seconds to close its pages.
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 75); do
        kill -0 "${pids[@]}" 2>/dev/null || break
        sleep 0.2
    done
    for i in "${!pids[@]}"; do
        kill -0 "${pids[$i]}" 2>/dev/null && kill -9 "${pids[$i]}"
        echo "stopped $(basename "${files[$i]}" .pid) (pid ${pids[$i]})"
        rm -f "${files[$i]}"
    done
    return 0
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
