"""Two Sammen processes on one PostgreSQL database and one Redis, for the cross-process e2e test."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.clocks import main_command
from tests.e2e.conftest import (
    FOREIGN_ENV,
    FOREIGN_PREFIXES,
    LOGIN_BUTTON,
    ROOT,
    STARTUP_TIMEOUT,
    SammenServer,
    _healthy,
    _run_step,
    _stop,
    free_port,
)
from tests.services import PG_URL, REDIS_URL, WORKER, need_service, reset_postgres

# A database of its own (per xdist worker), so the cluster test never touches another test's data.
# TEST_CLUSTER_POSTGRES_URL names another one, for two runners that share a PostgreSQL server.
CLUSTER_PG_URL = (os.environ.get("TEST_CLUSTER_POSTGRES_URL") or PG_URL.rpartition("/")[0] + "/test_cluster_e2e") + (
    f"_{WORKER}" if WORKER else "")


def cluster_env(workdir: Path, database_url: str = CLUSTER_PG_URL, extra: dict[str, str] | None = None
                ) -> dict[str, str]:
    """The environment every process of this cluster shares: one database, one Redis, a channel of its own."""
    need_service("PostgreSQL", "127.0.0.1", 5432)
    need_service("Redis", "127.0.0.1", 6379)
    run = uuid.uuid4().hex[:12]
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV and not k.startswith(FOREIGN_PREFIXES)}
    env.update({
        "SAMMEN_DATA_DIR": str(workdir),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        # Unique per run, so parallel runs (and `make cluster`) never see each other's events or storage.
        "SAMMEN_EVENTS_CHANNEL": f"sammen:test-cluster:{run}",
        "NICEGUI_REDIS_URL": REDIS_URL,
        "NICEGUI_REDIS_KEY_PREFIX": f"nicegui-test-cluster-{run}:",
        "STORAGE_SECRET": f"test-cluster-secret-{run}",
        "PYTHONUNBUFFERED": "1",
        **(extra or {}),
    })
    return env


def prepare_database(env: dict[str, str]) -> None:
    """Wipe the cluster's database, migrate it and seed the small demo municipality."""
    # Sync Playwright marks this thread's event loop as running, so the async reset runs in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, reset_postgres(env["DATABASE_URL"])).result()
    _run_step(["migrate"], env)
    _run_step(["seed", "--demo", "--scale", "0.1"], env)


def _start(env: dict[str, str], workdir: Path, name: str, run_jobs: bool) -> SammenServer:
    port = free_port()
    process_env = {**env, "PORT": str(port), "SAMMEN_RUN_JOBS": "1" if run_jobs else "0",
                   "NICEGUI_STORAGE_PATH": str(workdir / f"nicegui-{name}")}
    log = workdir / f"server-{name}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(main_command("serve"), cwd=ROOT, env=process_env, stdout=sink,
                                   stderr=subprocess.STDOUT)
    return SammenServer(url=f"http://localhost:{port}", process=process, log=log)


def _wait_healthy(server: SammenServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not _healthy(server.url):
        server.check_alive()
        if time.monotonic() > deadline:
            pytest.fail(f"{server.url} did not answer /api/health in {STARTUP_TIMEOUT:.0f} s:\n{server.output()}",
                        pytrace=False)
        time.sleep(0.2)


@contextmanager
def processes(workdir: Path, env: dict[str, str], names: tuple[str, ...]) -> Iterator[list[SammenServer]]:
    """One Sammen process per name on env's database (the first runs the jobs); stopped, storage forgotten after."""
    servers: list[SammenServer] = []
    try:
        for name in names:
            servers.append(_start(env, workdir, name, run_jobs=not servers))
        for server in servers:
            _wait_healthy(server)
        yield servers
    finally:
        for server in servers:
            _stop(server.process)
        forget_storage(env["NICEGUI_REDIS_KEY_PREFIX"])


@contextmanager
def two_processes(workdir: Path) -> Iterator[tuple[SammenServer, SammenServer]]:
    """Processes A (runs the jobs) and B on one freshly seeded PostgreSQL database and Redis; both stopped after."""
    env = cluster_env(workdir)
    prepare_database(env)
    with processes(workdir, env, ("a", "b")) as (a, b):
        yield a, b
        for server in (a, b):
            server.check_alive()


def forget_storage(prefix: str) -> None:
    """Delete this run's NiceGUI storage keys (user storage has no expiry of its own)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def login(page: Page, url: str, subject: str, home: str) -> None:
    """Log in through the embedded identity provider of whichever process the routing cookie reaches."""
    page.goto(f"{url}/login")
    page.get_by_role("button", name=LOGIN_BUTTON).click()
    page.wait_for_url(re.compile(r"/dev-idp/authorize"))
    page.locator(f'button[name="subject"][value="{subject}"]').click()
    page.wait_for_url(f"{url}{home}")
    expect(page.locator("header")).to_be_visible()
