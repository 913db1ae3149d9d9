"""The command line answers a wrong argument, an unusable database or a missing file with one Danish line."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest
from tortoise.exceptions import DBConnectionError

import main
from domain.errors import DatabaseUnavailable
from persistence import db
from tests.services import PG_URL, need_service

ROOT = Path(__file__).resolve().parents[2]
PG = urlsplit(PG_URL)
PG_HOST, PG_PORT, PG_USER = PG.hostname or "127.0.0.1", PG.port or 5432, PG.username or "postgres"
PG_BASE = PG_URL.rpartition("/")[0]  # the URL without its database name


def run_main(*args: str, database_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run main.py as a user would, against one DATABASE_URL."""
    env = {**os.environ, "DATABASE_URL": database_url, "SAMMEN_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed run, after checking it is one line and no traceback was printed."""
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Sammen: ") and lines[0].strip() != "Sammen:", result.stderr
    return lines[0]


def chained(*excs: BaseException) -> BaseException:
    """The first exception, raised from the second, raised from the third, and so on."""
    for outer, inner in zip(excs, excs[1:], strict=False):
        outer.__cause__ = inner
    return excs[0]


def free_port() -> int:
    """A local TCP port nothing listens on (it was free a moment ago)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one_stderr_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The one line an in-process command wrote on stderr."""
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Sammen: "), lines
    return lines[0]


# describe_failure, without a process or a server

def test_a_missing_postgres_database_is_named_with_the_command_that_creates_it() -> None:
    url = "postgres://anna:hemmelig-kode@db.example:6543/sammen_x"
    missing = chained(DatabaseUnavailable("DBConnectionError"), DBConnectionError("Can't establish connection"),
                      asyncpg.InvalidCatalogNameError('database "sammen_x" does not exist'))
    assert main.describe_failure(missing, url) == (
        'databasen "sammen_x" findes ikke på db.example:6543. '
        "Opret den med: createdb -h db.example -p 6543 -U anna sammen_x"
    )


def test_a_wrong_password_names_server_and_user_but_never_the_password() -> None:
    url = "postgres://anna:hemmelig-kode@db.example/sammen"
    message = main.describe_failure(asyncpg.InvalidPasswordError("password authentication failed"), url)
    assert message is not None
    assert "db.example:5432" in message and '"anna"' in message and "hemmelig" not in message


@pytest.mark.parametrize(("cause", "says"), [
    (ConnectionRefusedError(111, "Connect call failed"), "forbindelsen blev afvist"),
    (TimeoutError(), "intet svar"),
    (socket.gaierror(-2, "Name or service not known"), "værten db.example i DATABASE_URL kan ikke findes"),
])
def test_an_unreachable_server_is_named_with_what_to_do(cause: BaseException, says: str) -> None:
    message = main.describe_failure(chained(DatabaseUnavailable(type(cause).__name__), cause),
                                    "postgres://anna@db.example:6543/sammen")
    assert message is not None
    assert "db.example:6543" in message and says in message and "DATABASE_URL" in message


def test_a_refused_socket_outside_the_database_client_is_not_blamed_on_the_database() -> None:
    assert main.describe_failure(ConnectionRefusedError(111, "refused"), "postgres://anna@db.example/sammen") is None


@pytest.mark.parametrize(("url", "says"), [
    ("mysql://anna:hemmelig@db.example/sammen", 'ukendt databasetype "mysql"'),
    ("sammen.sqlite3", "begynder ikke med sqlite:// eller postgres://"),
    ("postgres://anna:hemmelig@db.example:port/sammen", "porten er ikke et tal"),
    ("postgres://anna:hemmelig@db.example:5432", "databasens navn mangler"),
    ("sqlite://", "stien til SQLite-filen mangler"),
])
def test_an_unusable_database_url_is_refused_without_quoting_its_password(url: str, says: str) -> None:
    with pytest.raises(main.CommandFailed) as refused:
        main.check_database_url(url)
    assert says in str(refused.value) and "hemmelig" not in str(refused.value)
    assert main.describe_failure(refused.value, url) == str(refused.value)


def test_an_sqlite_folder_that_cannot_be_made_is_named_but_another_file_error_is_not(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    url = f"sqlite://{blocker}/sammen.sqlite3"
    in_the_way = FileExistsError(17, "File exists", str(blocker))
    message = main.describe_failure(in_the_way, url)
    assert message is not None and f"{blocker}/sammen.sqlite3" in message and "en fil står i vejen" in message
    assert main.describe_failure(PermissionError(13, "Permission denied", "/srv/photos/1.jpg"), url) is None


def test_an_unexpected_error_is_one_line_with_its_type_and_the_traceback_only_at_debug(
        capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    url = "postgres://anna:hemmelig-kode@db.example/sammen"
    with caplog.at_level(logging.DEBUG, logger="sammen"):
        code = main.report_failure(RuntimeError(f"could not use {url}\nsecond line"), url)
    assert code == 1
    line = one_stderr_line(capsys)
    assert line.startswith("Sammen: uventet fejl (RuntimeError): could not use DATABASE_URL second line")
    assert "hemmelig" not in line
    assert any(r.levelno == logging.DEBUG and r.exc_info for r in caplog.records)


# The parser and the import directory, in this process

@pytest.mark.parametrize(("argv", "says"), [
    (["frobnicate"], 'ukendt kommando "frobnicate"'),
    (["seed"], "--demo mangler"),
    (["seed", "--demo", "--scale", "0"], '--scale skal være et positivt tal som 0.5 eller 2, ikke "0"'),
    (["seed", "--demo", "--scale", "nan"], "--scale skal være et positivt tal"),
    (["seed", "--demo", "--scale"], "--scale mangler en værdi"),
    (["migrate", "--force"], "ukendte argumenter: --force"),
    (["import"], "MAPPE mangler"),
])
def test_a_wrong_argument_is_one_danish_line_and_exit_code_2(argv: list[str], says: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main.cli(argv)
    assert exited.value.code == 2
    line = one_stderr_line(capsys)
    assert says in line and "--help" in line


def test_help_still_prints_the_full_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main.cli(["seed", "--help"])
    assert exited.value.code == 0
    assert "--scale" in capsys.readouterr().out


def test_a_decimal_comma_is_a_scale() -> None:
    assert main.positive_scale("0,5") == 0.5


def test_importing_a_file_or_a_missing_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite://{tmp_path / 'never-opened.sqlite3'}")
    monkeypatch.setenv("SAMMEN_DATA_DIR", str(tmp_path / "data"))
    export = tmp_path / "people.csv"
    export.write_text("a,b\n")
    assert main.cli(["import", str(export)]) == 2
    assert f"{export} er en fil, ikke en mappe" in one_stderr_line(capsys)
    assert main.cli(["import", str(tmp_path / "nowhere")]) == 2
    assert f"mappen {tmp_path / 'nowhere'} findes ikke" in one_stderr_line(capsys)
    assert not (tmp_path / "never-opened.sqlite3").exists()


def test_an_unreadable_import_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "people.csv").write_text("a,b\n")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    # Tests run as root here, where chmod cannot make a file unreadable.
    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setenv("DATABASE_URL", f"sqlite://{tmp_path / 'never-opened.sqlite3'}")
    monkeypatch.setenv("SAMMEN_DATA_DIR", str(tmp_path / "data"))
    assert main.cli(["import", str(folder)]) == 2
    monkeypatch.undo()
    assert one_stderr_line(capsys) == f"Sammen: filen {folder / 'people.csv'} kan ikke læses (ingen adgang)."


@pytest.mark.postgres
async def test_a_role_postgres_refuses_is_named_with_its_server() -> None:
    need_service("PostgreSQL", PG_HOST, PG_PORT)
    role, password = f"sammen_nobody_{uuid.uuid4().hex[:8]}", f"hemmelig-{uuid.uuid4().hex[:8]}"
    url = f"postgres://{role}:{password}@{PG_HOST}:{PG_PORT}/postgres"
    with pytest.raises(Exception) as refused:  # noqa: B017 - whatever asyncpg raises, describe_failure must know it
        await db.check_schema_current(url)
    message = main.describe_failure(refused.value, url)
    assert message is not None
    assert f"{PG_HOST}:{PG_PORT}" in message and f'"{role}"' in message and password not in message


# As a user runs it: one process each, so few

@pytest.mark.postgres
def test_migrate_names_a_missing_postgres_database_and_how_to_create_it(tmp_path: Path) -> None:
    need_service("PostgreSQL", PG_HOST, PG_PORT)
    name = f"sammen_missing_{uuid.uuid4().hex[:12]}"
    line = one_line_failure(run_main("migrate", database_url=f"{PG_BASE}/{name}", tmp_path=tmp_path))
    assert line == (f'Sammen: databasen "{name}" findes ikke på {PG_HOST}:{PG_PORT}. '
                    f"Opret den med: createdb -h {PG_HOST} -p {PG_PORT} -U {PG_USER} {name}")


def test_serve_names_a_postgres_server_that_does_not_answer(tmp_path: Path) -> None:
    port = free_port()
    result = run_main(database_url=f"postgres://sammen:hemmelig@127.0.0.1:{port}/sammen", tmp_path=tmp_path)
    line = one_line_failure(result)
    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in line and "Start databaseserveren" in line and "hemmelig" not in line


def test_migrate_names_an_sqlite_file_whose_folder_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("")
    line = one_line_failure(run_main("migrate", database_url=f"sqlite://{blocker}/sammen.sqlite3", tmp_path=tmp_path))
    assert f"{blocker}/sammen.sqlite3" in line


def test_seed_answers_a_scale_that_is_not_a_number_in_one_line(tmp_path: Path) -> None:
    result = run_main("seed", "--demo", "--scale", "stor", database_url=f"sqlite://{tmp_path / 'x.sqlite3'}",
                      tmp_path=tmp_path)
    assert result.returncode == 2
    assert '--scale skal være et positivt tal som 0.5 eller 2, ikke "stor"' in one_line_failure(result)
