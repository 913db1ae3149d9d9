"""Why the database named by DATABASE_URL cannot be used, in one Danish line that never quotes its password."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import asyncpg
from tortoise.exceptions import DBConnectionError

from domain.errors import DatabaseUnavailable
from persistence.db import PG_CONNECT_TIMEOUT

POSTGRES_SCHEMES = ("postgres", "postgresql", "asyncpg")


def sqlite_path(url: str) -> str:
    """The file of an sqlite:// URL ("" or ":memory:" for none)."""
    return url.removeprefix("sqlite://").split("?", 1)[0]


def database_url_problem(url: str) -> str | None:
    """What is wrong with a DATABASE_URL, never quoting more of it than its scheme."""
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced [ of an IPv6 host
        return "værten kan ikke læses"
    try:
        port = parts.port  # raises ValueError unless a number from 0 to 65535
    except ValueError:
        port = -1
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        return None if sqlite_path(url) else "stien til SQLite-filen mangler"
    if scheme not in POSTGRES_SCHEMES:
        return f"ukendt databasetype \"{scheme}\"" if scheme else "den begynder ikke med sqlite:// eller postgres://"
    if port is not None and not 0 < port < 65536:
        return "porten er ikke et tal fra 1 til 65535"
    return None if parts.path.strip("/") else "databasens navn mangler efter værten"


def open_sqlite_file(url: str) -> None:
    """Create an SQLite file's folder and open the file once, synchronously, before Tortoise does."""
    # aiosqlite answers a file it cannot open from a worker thread that outlives asyncio.run and prints its own
    # traceback; failing here first, in this thread, keeps the answer to one line. Opening creates the file, as the
    # first command against it would anyway.
    path = sqlite_path(url)
    if not url.startswith("sqlite://") or path in ("", ":memory:"):
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(path).close()


def os_reason(exc: OSError) -> str:
    """Why a file could not be used, in Danish where the cause is a common one."""
    reasons: dict[type[OSError], str] = {
        PermissionError: "ingen adgang", FileNotFoundError: "findes ikke", FileExistsError: "en fil står i vejen",
        NotADirectoryError: "en del af stien er en fil, ikke en mappe", IsADirectoryError: "det er en mappe",
    }
    return next((text for kind, text in reasons.items() if isinstance(exc, kind)), exc.strerror or type(exc).__name__)


def causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it was raised from or while handling, outermost first."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)


def _describe_sqlite(chain: list[BaseException], path: str) -> str | None:
    folder = str(Path(path).parent)
    # Only a failure on the database file or a folder above it: a photo that cannot be written is another matter.
    on_the_way = {path, *(str(p) for p in Path(path).parents)}
    for e in chain:
        if isinstance(e, OSError) and str(e.filename) in on_the_way:
            return (f"SQLite-filen {path} kan ikke oprettes: {e.filename or folder}: {os_reason(e)}. "
                    "Ret stien i DATABASE_URL, eller giv adgang til mappen.")
        if isinstance(e, sqlite3.OperationalError) and ("unable to open" in str(e) or "readonly" in str(e)):
            return (f"SQLite-filen {path} kan ikke åbnes til skrivning. Ret stien i DATABASE_URL, "
                    f"eller giv skriveadgang til mappen {folder}.")
    return None


def _describe_postgres(chain: list[BaseException], url: str) -> str | None:
    parts = urlsplit(url)
    host, port = parts.hostname or "localhost", parts.port or 5432
    name, user = unquote(parts.path.lstrip("/")), unquote(parts.username or "")
    where = f"{host}:{port}"
    fix = "Start databaseserveren, eller ret vært og port i DATABASE_URL."
    # The most telling cause first, wherever it sits in the chain: Tortoise and pg_client wrap asyncpg's own.
    rules: list[tuple[type[BaseException], str]] = [
        (asyncpg.InvalidCatalogNameError,
         f"databasen \"{name}\" findes ikke på {where}. Opret den med: createdb -h {host} -p {port}"
         f"{f' -U {user}' if user else ''} {name}"),
        (asyncpg.InvalidPasswordError,
         f"PostgreSQL på {where} afviste adgangskoden for brugeren \"{user}\". "
         "Ret bruger og adgangskode i DATABASE_URL."),
        (asyncpg.InvalidAuthorizationSpecificationError,
         f"PostgreSQL på {where} lukker ikke brugeren \"{user}\" ind (brugeren findes ikke, eller pg_hba.conf afviser "
         "den). Ret brugeren i DATABASE_URL."),
        (socket.gaierror, f"værten {host} i DATABASE_URL kan ikke findes, så PostgreSQL på {where} kan ikke nås. "
                          "Ret værten i DATABASE_URL, eller start serveren."),
        (ConnectionRefusedError, f"PostgreSQL på {where} svarer ikke (forbindelsen blev afvist). {fix}"),
        (TimeoutError, f"PostgreSQL på {where} svarer ikke (intet svar inden for {PG_CONNECT_TIMEOUT:g} s). {fix}"),
    ]
    # A refused or timed-out socket counts only when the database client says so: Redis or SMTP may fail the same way.
    connecting = any(isinstance(e, DatabaseUnavailable | DBConnectionError) for e in chain)
    for kind, text in rules:
        if any(isinstance(e, kind) for e in chain) and (connecting or issubclass(kind, asyncpg.PostgresError)):
            return text
    for e in chain:
        if isinstance(e, asyncpg.PostgresError) and _refuses_the_session(e.sqlstate or ""):
            return f"PostgreSQL på {where} afviste Sammen: {redacted(str(e), url)} ({e.sqlstate})."
    return f"PostgreSQL på {where} kan ikke nås. {fix}" if connecting else None


def _refuses_the_session(sqlstate: str) -> bool:
    """Whether an SQLSTATE is about the connection or its rights (08, 28, 3D, 53, 57, 42501), not about a query."""
    return sqlstate[:2] in {"08", "28", "3D", "53", "57"} or sqlstate == "42501"


def redacted(text: str, database_url: str) -> str:
    """A library's message without DATABASE_URL's password, whether it quotes the URL or the password alone."""
    try:
        parts = urlsplit(database_url)
        password = parts.password
    except ValueError:
        return text.replace(database_url, "DATABASE_URL")
    text = text.replace(database_url, "DATABASE_URL").replace(parts.netloc, parts.netloc.rpartition("@")[2])
    # A password of a few letters would also blank out ordinary words; the URL forms above cover it then.
    for secret in {password, unquote(password)} if password and len(password) >= 4 else ():
        text = text.replace(secret, "***")
    return text


def describe_database_failure(chain: list[BaseException], database_url: str) -> str | None:
    """What a chain of exceptions says about the database, or None when it is not about the database."""
    if database_url_problem(database_url):
        return None
    if database_url.startswith("sqlite://"):
        return _describe_sqlite(chain, sqlite_path(database_url))
    return _describe_postgres(chain, database_url)
