"""Tortoise's asyncpg client, with a lost PostgreSQL raised as the domain's DatabaseUnavailable wherever it surfaces."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.base.client import NestedTransactionContext, TransactionContext, TransactionContextPooled
from tortoise.connection import get_connections

from domain.errors import DatabaseUnavailable

# What a restarting, stopped or unreachable server looks like to asyncpg; OSError covers refused, reset and timed out.
SERVER_GONE = (
    OSError,
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08, including "connection was closed in the middle of operation"
    asyncpg.AdminShutdownError,  # 57P01: the server is shutting down (a restart's first step)
    asyncpg.CrashShutdownError,  # 57P02
    asyncpg.CannotConnectNowError,  # 57P03: "the database system is starting up"
)


def is_server_gone(exc: BaseException) -> bool:
    """Whether an exception means the server cannot be reached, as opposed to a bad query or a bug."""
    if isinstance(exc, SERVER_GONE):
        return True
    # asyncpg says a pooled connection died under us with a bare InterfaceError; other InterfaceErrors are misuse.
    return isinstance(exc, asyncpg.InterfaceError) and "connection is closed" in str(exc)


@contextmanager
def server_gone_as_unavailable() -> Iterator[None]:
    """Re-raise a lost server as DatabaseUnavailable (naming only the cause's type: messages may carry addresses)."""
    try:
        yield
    except DatabaseUnavailable:
        raise
    except Exception as exc:
        if is_server_gone(exc):
            raise DatabaseUnavailable(type(exc).__name__) from exc
        raise


class _OutageAware:
    """Maps every query's connection failure; the pool itself replaces dead connections on the next acquire."""

    async def _translate_exceptions(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        with server_gone_as_unavailable():
            return await super()._translate_exceptions(func, *args, **kwargs)  # type: ignore[misc]


class OutageAwareTransaction(_OutageAware, TransactionWrapper):
    """A transaction whose begin, savepoints, commit and rollback map a lost server too."""

    def _in_transaction(self) -> TransactionContext:
        return _MappedNested(OutageAwareTransaction(self))

    async def commit(self) -> None:
        with server_gone_as_unavailable():
            await super().commit()

    async def rollback(self) -> None:
        with server_gone_as_unavailable():
            await super().rollback()


class _MappedNested(NestedTransactionContext):
    async def __aenter__(self) -> Any:
        with server_gone_as_unavailable():
            return await super().__aenter__()


class _MappedPooled(TransactionContextPooled):
    async def __aenter__(self) -> Any:
        with server_gone_as_unavailable():
            await self.ensure_connection()
            pool = self.client._parent._pool
            self.client._connection = await pool.acquire()
            self.token = get_connections().set(self.connection_name, self.client)
            try:
                await self.client.begin()
            except BaseException:
                # Tortoise's own version leaves this task pointing at the dead transaction when BEGIN fails, so every
                # later query of a long-lived task (the jobs loop, the ticker) failed even with the server back.
                get_connections().reset(self.token)
                with suppress(Exception):
                    await pool.release(self.client._connection)
                raise
        return self.client

    async def __aexit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        with server_gone_as_unavailable():
            await super().__aexit__(exc_type, exc_val, exc_tb)


class OutageAwareAsyncpgClient(_OutageAware, AsyncpgDBClient):
    """The pooled client Sammen uses for PostgreSQL."""

    def _in_transaction(self) -> TransactionContext:
        return _MappedPooled(OutageAwareTransaction(self), self._pool_init_lock)


client_class = OutageAwareAsyncpgClient  # Tortoise looks the client up by this name in an engine module
