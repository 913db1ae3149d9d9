"""The public /krise page behind the cluster's nginx: micro-cached, one key whatever the query, stale when all fail."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx

from tests.e2e.cluster_support import cluster_env, prepare_database, processes
from tests.e2e.conftest import free_port
from tests.e2e.failover_support import need_nginx, nginx
from tests.services import PG_URL

KRISE_PG_URL = PG_URL + "_krise"
CACHE_SECONDS = 2  # proxy_cache_valid in deploy/nginx.conf.template


def _get(url: str) -> httpx.Response:
    return httpx.get(f"{url}/krise", timeout=10)


def test_krise_is_cached_by_nginx_and_still_served_when_every_process_is_gone(tmp_path: Path) -> None:
    need_nginx()
    env = cluster_env(tmp_path, KRISE_PG_URL)
    prepare_database(env)
    with processes(tmp_path, env, ("a",)) as (server,), nginx(tmp_path / "nginx", free_port(),
                                                             [int(server.url.rpartition(":")[2])]) as proxy:
        first = _get(proxy.url)
        assert first.status_code == 200 and first.headers["x-cache"] == "MISS", first.headers
        assert "Krisebeskeder fra kommunen" in first.text
        # A flood that varies the query string must not reach the app: every address shares one cache entry.
        again = httpx.get(f"{proxy.url}/krise?cache-buster=1", timeout=10)
        assert again.status_code == 200 and again.headers["x-cache"] == "HIT", again.headers
        assert again.text == first.text
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(10)
        # nginx counts validity in whole seconds (fresh until the end of second now + 2): wait past that, so it
        # must ask, finds nobody, and serves the entry stale.
        time.sleep(CACHE_SECONDS + 1.5)
        stale = _get(proxy.url)
        assert stale.status_code == 200, (stale.status_code, proxy.output())
        assert stale.headers["x-cache"] == "STALE", stale.headers
        assert stale.text == first.text
