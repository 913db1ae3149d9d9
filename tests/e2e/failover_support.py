"""An nginx of the test's own in front of Sammen processes (deploy/nginx.conf.template), and what it reads back."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.e2e.conftest import IN_CI, ROOT, STARTUP_TIMEOUT, _healthy, _stop
from tests.services import PG_URL

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
# Derived from the runner's own database (TEST_POSTGRES_URL, per xdist worker), so it is private to this run and
# never the test_cluster_e2e database that test_cluster_live.py wipes.
FAILOVER_PG_URL = PG_URL + "_failover"
T = TypeVar("T")


def need_nginx() -> str:
    """The nginx binary; skipped outside CI and a failure in CI when it is missing (like need_service)."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)),
                                          None)
    if found:
        return found
    if IN_CI:
        pytest.fail("nginx is required in CI (make nginx) but is not installed")
    pytest.skip("nginx is not installed (make nginx)")


def write_nginx_conf(run: Path, port: int, app_ports: list[int]) -> Path:
    """run/nginx.conf from the template, with the substitutions deploy/cluster.sh's write_nginx_conf makes."""
    upstreams = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in app_ports)
    (run / "nginx-tmp").mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.read_text().replace("@RUN@", str(run)).replace("@PORT@", str(port))
    conf = run / "nginx.conf"
    conf.write_text(text.replace("@UPSTREAMS@", upstreams) + "\n")
    return conf


@dataclass
class Nginx:
    """A running nginx and the files it writes."""

    url: str
    process: subprocess.Popen[bytes]
    run: Path

    @property
    def access_log(self) -> Path:
        """One line per finished request, with the upstream that served it and the routing key."""
        return self.run / "nginx-access.log"

    def output(self) -> str:
        """nginx's error log (its own complaints and every failed upstream attempt)."""
        path = self.run / "nginx-error.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else "(no nginx error log)"


@contextmanager
def nginx(run: Path, port: int, app_ports: list[int]) -> Iterator[Nginx]:
    """nginx on 127.0.0.1:port in front of app_ports, in the foreground as this test's child; stopped after."""
    binary = need_nginx()
    conf = write_nginx_conf(run, port, app_ports)
    # As root the workers would run as nobody, who cannot enter pytest's 0700 tmp folder for buffered responses.
    globals_ = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    log = run / "nginx-stdout.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([binary, "-e", str(run / "nginx-error.log"), "-p", f"{run}/", "-c", str(conf),
                                    "-g", globals_], stdout=sink, stderr=subprocess.STDOUT)
    proxy = Nginx(url=f"http://localhost:{port}", process=process, run=run)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _healthy(f"http://127.0.0.1:{port}"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nginx did not answer on {port}:\n{log.read_text(errors='replace')}\n{proxy.output()}",
                            pytrace=False)
            time.sleep(0.1)
        yield proxy
    finally:
        _stop(process)


def served_by(access_log: Path, route: str) -> int:
    """The port of the process that last answered a request carrying this routing key (nginx's upstream= column)."""
    ports = []
    for line in access_log.read_text(errors="replace").splitlines():
        if f" route={route}" in line and (found := re.search(r"upstream=(\S+(?:, \S+)*)", line)):
            last = found.group(1).split(", ")[-1]  # after a failed try nginx lists every upstream it asked
            if last.rpartition(":")[2].isdigit():
                ports.append(int(last.rpartition(":")[2]))
    assert ports, f"no request with route={route} in {access_log}"
    return ports[-1]


def _in_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    # Sync Playwright marks this thread's event loop as running, so asyncio.run needs a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _fetch(url: str, query: str, *args: object) -> list[dict[str, Any]]:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    try:
        return [dict(row) for row in await conn.fetch(query, *args)]
    finally:
        await conn.close()


def query(url: str, sql: str, *args: object) -> list[dict[str, Any]]:
    """Rows of one read-only query on the cluster's database."""
    return _in_thread(_fetch(url, sql, *args))
