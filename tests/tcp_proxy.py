"""A small asyncio TCP proxy for outage tests: cut and restore a real service (Redis, PostgreSQL) without stopping it.

Usage (inside a running event loop):

    proxy = TcpProxy("127.0.0.1", 6379)
    port = await proxy.start()           # listens on 127.0.0.1:<port>, forwards to the target
    proxy = await TcpProxy.in_front_of("postgres://me@db:5432/x")  # or: started, with proxy.url through it
    await proxy.cut()                    # drop every open connection; new ones are refused (ECONNREFUSED)
    await proxy.cut(hang=True)           # or: drop them, then accept new ones but never answer (a black hole)
    await proxy.restore()                # forward again, on the same port
    await proxy.close()                  # stop for good

The real service is never touched: only connections through the proxy break.
"""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlsplit, urlunsplit

DEFAULT_PORTS = {"postgres": 5432, "postgresql": 5432, "asyncpg": 5432, "redis": 6379}


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target host and port until cut; restore resumes on the same port."""

    def __init__(self, target_host: str, target_port: int, listen_host: str = "127.0.0.1") -> None:
        self.target_host, self.target_port, self.listen_host = target_host, target_port, listen_host
        self.port = 0
        self.url = ""  # the service URL through this proxy, when made by in_front_of
        self.hanging = False
        self.accepted = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    @classmethod
    async def in_front_of(cls, url: str) -> TcpProxy:
        """A started proxy to a service URL's host and port; its .url is that URL through the proxy."""
        target = urlsplit(url)
        proxy = cls(target.hostname or "127.0.0.1", target.port or DEFAULT_PORTS[target.scheme])
        await proxy.start()
        credentials = target.netloc.rpartition("@")[0]
        here = f"{proxy.listen_host}:{proxy.port}"
        proxy.url = urlunsplit(target._replace(netloc=f"{credentials}@{here}" if credentials else here))
        return proxy

    async def start(self) -> int:
        """Start listening (on a free port the first time) and return the port."""
        self._server = await asyncio.start_server(self._accept, self.listen_host, self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def cut(self, hang: bool = False) -> None:
        """Close every open connection; refuse new ones, or with hang=True accept them and stay silent."""
        self.hanging = hang
        if not hang:
            await self._stop_listening()
        elif self._server is None:
            await self.start()
        self._drop_all()

    async def restore(self) -> None:
        """Forward new connections again (connections held by a hang are dropped so clients reconnect)."""
        self.hanging = False
        self._drop_all()
        if self._server is None:
            await self.start()

    async def close(self) -> None:
        """Stop listening and drop every connection."""
        await self._stop_listening()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _stop_listening(self) -> None:
        if self._server is not None:
            self._server.close()
            self._drop_all()  # before wait_closed: since Python 3.12 it waits for open connections to end
            await self._server.wait_closed()
            self._server = None
        self._drop_all()

    def _drop_all(self) -> None:
        for writer in list(self._writers):
            with contextlib.suppress(Exception):
                writer.transport.abort()  # a reset, not a polite close: what a crashed server looks like
        self._writers.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        self._writers.add(writer)
        if self.hanging:
            return  # keep the socket open and never answer; _drop_all ends it
        try:
            up_reader, up_writer = await asyncio.open_connection(self.target_host, self.target_port)
        except OSError:
            writer.transport.abort()
            self._writers.discard(writer)
            return
        self._writers.add(up_writer)
        for src, dst in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pipe(src, dst))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        try:
            while data := await src.read(65536):
                dst.write(data)
                await dst.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            # One side ended: end the other too, so neither end waits on a half-open pair.
            with contextlib.suppress(Exception):
                dst.transport.abort()
            self._writers.discard(dst)
