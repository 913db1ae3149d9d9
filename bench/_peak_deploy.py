"""The Sammen processes the morning peak runs against: one on SQLite, or several on PostgreSQL + Redis behind nginx."""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from bench._presence_fanout import free_port
from tests.e2e.cluster_support import forget_storage
from tests.e2e.failover_support import write_nginx_conf

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "bench" / "_peak_server.py"


def seed(url: str, workdir: Path) -> None:
    """Migrate and seed the demo municipality into an empty database, as `make run` does."""
    env = {**os.environ, "DATABASE_URL": url, "SAMMEN_DATA_DIR": str(workdir)}
    for step in (["migrate"], ["seed", "--demo"]):
        subprocess.run([sys.executable, str(ROOT / "main.py"), *step], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@dataclass
class Deployment:
    """Started processes (and nginx), the address browsers use, and each process's own address for its figures."""

    workdir: Path
    processes: list[tuple[int, subprocess.Popen[bytes]]] = field(default_factory=list)
    nginx: subprocess.Popen[bytes] | None = None
    base_url: str = ""
    redis_prefix: str = ""

    async def start(self, url: str, count: int, redis_url: str | None) -> None:
        """Start `count` processes on the database; with more than one, nginx in front with the routing cookie."""
        ports = [free_port() for _ in range(count)]
        front = free_port() if count > 1 else ports[0]
        self.base_url = f"http://127.0.0.1:{front}"
        run = uuid.uuid4().hex[:10]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NICEGUI_", "REDIS_", "SAMMEN_"))}
        env.update({"DATABASE_URL": url, "PUBLIC_URL": self.base_url, "STORAGE_SECRET": secrets.token_hex(16),
                    "SAMMEN_DATA_DIR": str(self.workdir), "SAMMEN_HOST": "127.0.0.1", "PYTHONUNBUFFERED": "1",
                    "NICEGUI_STORAGE_PATH": str(self.workdir / "nicegui")})
        if redis_url:
            self.redis_prefix = f"sammen-peak-{run}:"
            env.update({"REDIS_URL": redis_url, "NICEGUI_REDIS_URL": redis_url,
                        "NICEGUI_REDIS_KEY_PREFIX": self.redis_prefix, "SAMMEN_EVENTS_CHANNEL": f"sammen:peak:{run}"})
        for n, port in enumerate(ports):
            log = (self.workdir / f"server-{port}.log").open("wb")
            process_env = {**env, "PORT": str(port), "SAMMEN_RUN_JOBS": "1" if n == 0 else "0"}
            process = subprocess.Popen(  # noqa: ASYNC220 - start-up, not the measured peak
                [sys.executable, str(SERVER)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=process_env)
            self.processes.append((port, process))
        for port, process in self.processes:
            await _wait_healthy(f"http://127.0.0.1:{port}", process)
        if count > 1:
            self.nginx = _start_nginx(self.workdir / "nginx", front, ports)
            await _wait_healthy(self.base_url, self.nginx)

    def process_urls(self) -> list[str]:
        """Each process's own address (not through nginx)."""
        return [f"http://127.0.0.1:{port}" for port, _ in self.processes]

    def live_urls(self) -> list[str]:
        """The addresses of the processes still running."""
        return [f"http://127.0.0.1:{port}" for port, process in self.processes if process.poll() is None]

    async def stats(self, collect: bool = False) -> list[dict[str, Any]]:
        """Each live process's memory, CPU seconds and clients (after a full collection only when asked)."""
        since = time.monotonic()  # no stalls or collections: bench/_peak_window.py reads those for a window
        async with httpx.AsyncClient(timeout=120) as http:
            answers = await asyncio.gather(*(http.get(f"{u}/_bench/stats", params={"collect": collect, "since": since})
                                             for u in self.live_urls()))
        return [a.json() for a in answers]

    def stop(self) -> None:
        """Stop nginx and every process; forget this run's storage in Redis."""
        if self.nginx is not None:
            self.nginx.send_signal(signal.SIGQUIT)
            _reap(self.nginx)
        for _, process in self.processes:
            process.terminate()
        for _, process in self.processes:
            _reap(process)
        if self.redis_prefix:
            forget_storage(self.redis_prefix)

    def keep_logs(self, folder: Path, name: str) -> None:
        """Copy each process's log (its tracebacks say what a page 500 was) before the temporary folder goes."""
        folder.mkdir(parents=True, exist_ok=True)
        for port, _ in self.processes:
            shutil.copy(self.workdir / f"server-{port}.log", folder / f"{name}-{port}.log")

    def log_tail(self) -> str:
        """The end of each process's log, for a failed run."""
        return "\n".join((self.workdir / f"server-{p}.log").read_text(errors="replace")[-1500:]
                         for p, _ in self.processes)


def _reap(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _start_nginx(run: Path, port: int, ports: list[int]) -> subprocess.Popen[bytes]:
    """nginx in the foreground with the cluster's own configuration (deploy/nginx.conf.template)."""
    conf = write_nginx_conf(run, port, ports)
    # As root the workers would run as nobody, who cannot enter the benchmark's private temporary folder.
    settings = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    return subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p", str(run), "-g",
                             settings], stdout=subprocess.DEVNULL, stderr=(run / "nginx.out").open("wb"))


async def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient(timeout=2) as http:
        for _ in range(600):
            if process.poll() is not None:
                raise RuntimeError(f"{url} stopped during start-up")
            try:
                if (await http.get(f"{url}/api/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not answer /api/health within 60 s")


async def on_both_deployments(only: str | None, pg_name: str, names: tuple[str, str],
                              run: Callable[[str, str, int, str | None, Path], Awaitable[T]]) -> dict[str, T]:
    """A measurement on one process (SQLite file) and on three behind nginx (PostgreSQL `pg_name`, Redis)."""
    from bench._figures import bench_postgres
    from tests.services import REDIS_URL, reachable, reset_postgres

    results: dict[str, T] = {}
    if only != "cluster":
        with tempfile.TemporaryDirectory() as tmp:
            results[names[0]] = await run("single", f"sqlite://{Path(tmp) / 'bench.sqlite3'}", 1, None, Path(tmp))
    if only == "single":
        return results
    pg = await bench_postgres(pg_name)
    if pg is None or not reachable("127.0.0.1", 6379) or shutil.which("nginx") is None:
        print("PostgreSQL, Redis or nginx is missing here: the cluster was not measured")
        return results
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results[names[1]] = await run("cluster", pg, 3, REDIS_URL, Path(tmp))
    finally:
        await reset_postgres(pg)
    return results

