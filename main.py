"""Sammen's composition root: settings, database, event bridge, pages; and the command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import os
import re
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, NoReturn

from nicegui import app, ui

from auth.session import cookie_settings
from domain import files
from domain.broadcast.mailer import send_due_emails
from domain.calendar.reminders import send_due_reminders as event_reminders
from domain.conferences.reminders import send_due_reminders as conference_reminders
from domain.due_notifications import DueNotifications
from domain.events import bus
from domain.jobs import run_forever
from domain.limits import limiter
from domain.mail_jobs import EmailJobs
from domain.notifications.channels import channel_handlers
from domain.notifications.delivery import DeliveryWorker
from domain.rollout.reminder_mail import send_due_login_reminders
from domain.rollout.survey_mailer import send_survey_emails
from domain.settings import DEV_STORAGE_SECRET, Settings, load_settings
from domain.ticker import tick_minutes
from persistence import db
from persistence.db_failures import (
    causes,
    database_url_problem,
    describe_database_failure,
    open_sqlite_file,
    os_reason,
    redacted,
)
from ui import heap
from ui.freezer import FREEZER
from ui.metrics.probes import PROBES

log = logging.getLogger("sammen")
EMAIL_SENDERS = (send_due_emails, event_reminders, conference_reminders, send_survey_emails,
                 send_due_login_reminders)
URL_FORMS = "Brug sqlite:///sti/til/sammen.sqlite3 eller postgres://bruger:adgangskode@vært:5432/database."


def install_lifespan(settings: Settings) -> None:
    """Open the database and the event bridge around NiceGUI's own lifespan (replaced, never stacked)."""
    router: Any = app.router
    original = getattr(router, "_sammen_original_lifespan", None) or router.lifespan_context
    router._sammen_original_lifespan = original

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[None]:
        await db.check_schema_current(settings.database_url)
        await db.open_database(settings.database_url)
        if settings.dev_idp_enabled:
            await keep_demo_widget_address(settings.public_url)
        if settings.redis_url:
            await bus.connect_redis(settings.redis_url, settings.events_channel)
            # Rate limits count across the cluster; the channel's name keeps installations sharing a Redis apart.
            limiter.use_redis(settings.redis_url, f"{settings.events_channel}:limits:")
        jobs = asyncio.create_task(run_forever()) if settings.run_jobs else None
        ticker = asyncio.create_task(tick_minutes())
        # The broadcast's e-mail fallback and the reminders ride the minute tick, in the one process that runs jobs.
        emails = EmailJobs(settings.smtp, settings.public_url, EMAIL_SENDERS).start() \
            if settings.run_jobs and settings.smtp else None
        # Notifications go out every few seconds; on PostgreSQL each row is claimed once (SKIP LOCKED) in a cluster.
        delivery = DeliveryWorker(channel_handlers(settings.data_dir, settings.public_url, settings.smtp)).start() \
            if settings.run_jobs else None
        # Reminders and deadlines reach the notification centre each minute, e-mail configured or not.
        due = DueNotifications().start() if settings.run_jobs else None
        try:
            async with original(a):
                yield
        finally:
            if due is not None:
                due.cancel()
            if emails is not None:
                emails.cancel()
            if delivery is not None:
                delivery.cancel()
                await asyncio.gather(delivery, return_exceptions=True)  # lets it close its connections
            ticker.cancel()
            if jobs is not None:
                jobs.cancel()
            await bus.close()
            await limiter.close()
            await db.close_database()

    router.lifespan_context = lifespan


async def keep_demo_widget_address(public_url: str) -> None:
    """In development, point the demo supplier widget at this server's own address (port may differ)."""
    from demo.seed import demo_municipality_present
    from domain.widgets.demo import ensure_demo_widget

    if await demo_municipality_present():
        await ensure_demo_widget(public_url)


def configure(settings: Settings) -> None:
    """Build the web app for these settings."""
    from ui.app import build

    files.use_data_dir(settings.data_dir)
    install_lifespan(settings)
    build(settings)


def warn_about_development_settings(settings: Settings) -> None:
    """Say loudly when a development default is in force, so nobody runs a municipality on it by mistake."""
    if settings.dev_idp_enabled:
        log.warning("the embedded development identity provider is ON: anyone can log in as a demo user. "
                    "Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for production.")
    if settings.smtp is None:
        log.warning("SMTP_HOST is not set: guardians who have not read an urgent broadcast get no e-mail.")
    if settings.storage_secret == DEV_STORAGE_SECRET:
        log.warning("STORAGE_SECRET has its development value: set a long random secret for production.")


def serve(settings: Settings) -> None:
    """Start the web server (after refusing an unmigrated database with a clear message)."""
    warn_about_development_settings(settings)
    configure(settings)
    app.on_startup(heap.tune_collector)  # a served process only (not the tests' in-process app): freezes start-up
    app.on_startup(PROBES.start)  # loop lag every 10 ms and every collection's length, for /metrics
    if settings.gc_freeze:
        app.on_startup(FREEZER.start)  # live pages out of the collector's full passes (ui/freezer.py)
        app.on_shutdown(FREEZER.stop)
    app.on_shutdown(PROBES.stop)
    heap.cache_handler_signatures()  # pages with many elements build about a fifth faster (ui/heap.py)
    ui.run(title="Sammen", host=settings.host, port=settings.port, storage_secret=settings.storage_secret,
           session_middleware_kwargs=cookie_settings(settings.public_url), language="da", reload=False,
           show=False, favicon="🤝", show_welcome_message=True,
           reconnect_timeout=heap.RECONNECT_TIMEOUT_SECONDS)


def _bar(fraction: float, message: str) -> None:
    filled = int(fraction * 30)
    sys.stdout.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction * 100:5.1f}%  {message[:50]:<50}")
    sys.stdout.flush()


async def _migrate(settings: Settings) -> int:
    applied = await db.apply_migrations(settings.database_url, progress=lambda m: print(f"  anvendt {m}"))
    print(f"Migreringer anvendt: {len(applied)}" if applied else "Databasen er allerede opdateret.")
    await _strip_stored_pictures(settings)
    return 0


async def _strip_stored_pictures(settings: Settings) -> None:
    """Clean stored pictures kept before uploads lost their metadata (files, not schema: not a Tortoise migration)."""
    from domain.gdpr.strip_stored import do_strip_stored_metadata

    await db.open_database(settings.database_url)
    try:
        report = await do_strip_stored_metadata()
    finally:
        await db.close_database()
    if report.photos or report.attachments or report.unreadable:
        print(f"Billeder renset for metadata (GPS m.m.): {report.photos} fotos, {report.attachments} vedhæftninger"
              + (f"; {report.unreadable} kunne ikke læses og er uændrede" if report.unreadable else ""))


async def _seed(settings: Settings, scale: float, if_empty: bool) -> int:
    from demo.seed import DatabaseNotEmpty, seed_demo
    from domain.clock import COPENHAGEN, today_local, utcnow

    await db.check_schema_current(settings.database_url)
    await db.open_database(settings.database_url)
    try:
        local = utcnow().astimezone(COPENHAGEN)
        summary = await seed_demo(today=today_local(), scale=scale, now_min=local.hour * 60 + local.minute,
                                  progress=_bar)
        from domain.widgets.demo import ensure_demo_widget

        await ensure_demo_widget(settings.public_url)
    except DatabaseNotEmpty as exc:
        if if_empty:
            print("Demo-kommunen findes allerede; intet at gøre.")
            return 0
        print(f"Sammen: {exc}", file=sys.stderr)
        return 2
    finally:
        await db.close_database()
    print(f"\nDemo-kommune oprettet på {summary.seconds:.1f} s: {summary.institutions} institutioner, "
          f"{summary.children} børn, {summary.guardians} forældre, {summary.staff} medarbejdere.")
    return 0


async def _jobs(settings: Settings) -> int:
    from domain.jobs import run_once

    await db.check_schema_current(settings.database_url)
    await db.open_database(settings.database_url)
    try:
        print(f"Adoptionsmåling gemt: {await run_once()} rækker.")
    finally:
        await db.close_database()
    return 0


def read_import_directory(directory: str) -> list[Any]:
    """The export files of an import directory; a missing directory or an unreadable file is a CommandFailed."""
    from domain.provisioning.cli import read_directory

    path = Path(directory)
    if path.is_file():
        raise CommandFailed(f"{directory} er en fil, ikke en mappe: angiv mappen med eksportfilerne.")
    if not path.is_dir():
        raise CommandFailed(f"mappen {directory} findes ikke.")
    try:
        return read_directory(path)
    except OSError as exc:
        # Opening names the file; a failed read names none, so then only the folder can be named.
        which = f"filen {exc.filename}" if exc.filename else f"en fil i mappen {directory}"
        raise CommandFailed(f"{which} kan ikke læses ({os_reason(exc)}).") from exc


async def _import_files(settings: Settings, files: list[Any], args: argparse.Namespace) -> int:
    from domain.clock import utcnow
    from domain.provisioning.cli import import_files, refusal, report_text

    await db.check_schema_current(settings.database_url)
    await db.open_database(settings.database_url)
    try:
        report = await import_files(files, dry_run=args.dry_run, full=args.full, now=utcnow(), progress=_bar,
                                    confirm_deactivate=args.confirm_deactivate)
    finally:
        await db.close_database()
    print("\n" + report_text(report, dry_run=args.dry_run))
    refused = refusal(report)
    if refused:
        raise CommandFailed(refused)
    return 0 if report.ok else 1


def check_import_arguments(args: argparse.Namespace) -> None:
    """--confirm-deactivate confirms a full import's deactivations; alone it would confirm nothing."""
    if args.confirm_deactivate is not None and not args.full:
        raise CommandFailed("--confirm-deactivate bekræfter en fuld imports deaktiveringer og gælder kun sammen "
                            "med --full.")


class CommandFailed(Exception):
    """A command cannot run as asked; the message is the one Danish line the user sees."""


class DanishArgumentParser(argparse.ArgumentParser):
    """argparse answering a wrong argument with one Danish line and exit code 2, not usage and an English error."""

    def error(self, message: str) -> NoReturn:
        """Print one line on stderr and exit 2 (--help still prints the full help)."""
        self.exit(2, f"Sammen: {usage_error_text(self.prog, message)}\n")


def usage_error_text(prog: str, message: str) -> str:
    """argparse's English complaint as one Danish line, with where to read the help."""
    hint = f"(se: python {prog} --help)"
    if m := re.fullmatch(r"argument (?P<name>[^:]+): invalid choice: (?P<got>.+?) \(choose from (?P<choices>.+)\)",
                         message):
        choices = [c.strip(" '") for c in m["choices"].split(",")]
        what = "kommando" if m["name"] == "command" else f"værdi for {m['name']}"
        return f"ukendt {what} \"{m['got'].strip(chr(39))}\"; vælg mellem {', '.join(choices)} {hint}."
    if m := re.fullmatch(r"the following arguments are required: (?P<names>.+)", message):
        return f"{m['names']} mangler {hint}."
    if m := re.fullmatch(r"unrecognized arguments: (?P<names>.+)", message):
        return f"ukendte argumenter: {m['names']} {hint}."
    if m := re.fullmatch(r"argument (?P<name>[^:]+): (?P<rest>.+)", message):
        rest = m["rest"]
        if rest.startswith("expected "):
            rest = "mangler en værdi"
        elif v := re.fullmatch(r"invalid \w+ value: (?P<got>.+)", rest):
            rest = f"har en ugyldig værdi {v['got']}"
        return f"{m['name']} {rest} {hint}."
    return f"forkert brug af {prog}: {message} {hint}."


def positive_scale(text: str) -> float:
    """The demo's --scale: a positive, finite number; a Danish decimal comma is accepted too."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"skal være et positivt tal som 0.5 eller 2, ikke \"{text}\"")
    return value


def non_negative_count(text: str) -> int:
    """--confirm-deactivate's N: a whole number, 0 or more."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"skal være et helt tal som 6364, ikke \"{text}\"")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The command line: serve (default), migrate, jobs, seed --demo and import DIR."""
    parser = DanishArgumentParser(prog="main.py", description="Sammen")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="start the web app")
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser("jobs", help="run the daily jobs once (adoption snapshot)")
    seed = sub.add_parser("seed", help="generate the demo municipality")
    seed.add_argument("--demo", action="store_true", required=True)
    seed.add_argument("--scale", type=positive_scale, default=1.0, help="size relative to the default demo (> 0)")
    seed.add_argument("--if-empty", action="store_true", help="do nothing if the database holds data")
    imp = sub.add_parser("import", help="import institutions, people, custody, enrolments and staff from a directory")
    imp.add_argument("directory", metavar="MAPPE", help="the directory holding the CSV and JSON exports")
    imp.add_argument("--dry-run", action="store_true", help="validate and report; apply nothing")
    imp.add_argument("--full", action="store_true",
                     help="the files are the whole register: deactivate whoever is missing from them "
                          "(without it: add and update only)")
    imp.add_argument("--confirm-deactivate", type=non_negative_count, metavar="N",
                     help="with --full: confirm a large deactivation (over 5 %% of active people, or any "
                          "institution) by its exact number N")
    return parser


def check_database_url(url: str) -> None:
    """Refuse a DATABASE_URL that names no database Sammen can use, before any driver sees it (or prints it)."""
    problem = database_url_problem(url)
    if problem:
        raise CommandFailed(f"DATABASE_URL kan ikke bruges: {problem}. {URL_FORMS}")


def describe_failure(exc: BaseException, database_url: str) -> str | None:
    """One Danish line saying what went wrong and what to do, or None when the failure is not a known one."""
    chain = list(causes(exc))
    for e in chain:
        if isinstance(e, CommandFailed | db.DatabaseNotReady):
            return str(e)
    return describe_database_failure(chain, database_url)


def report_failure(exc: BaseException, database_url: str) -> int:
    """Tell the user in one line on stderr what failed; 2 for a known cause, 1 for a bug (traceback at DEBUG only)."""
    message = describe_failure(exc, database_url)
    code = 2
    if message is None:
        log.debug("unexpected failure of the command", exc_info=exc)
        message, code = f"uventet fejl ({type(exc).__name__}): {redacted(str(exc), database_url)}", 1
    print(f"Sammen: {' '.join(message.split())}", file=sys.stderr)
    return code


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    """Run the parsed command against these settings; failures are raised for cli() to describe."""
    files.use_data_dir(settings.data_dir)
    if args.command == "import":
        check_import_arguments(args)
    to_import = read_import_directory(args.directory) if args.command == "import" else []
    check_database_url(settings.database_url)
    open_sqlite_file(settings.database_url)
    if args.command == "migrate":
        return asyncio.run(_migrate(settings))
    if args.command == "jobs":
        return asyncio.run(_jobs(settings))
    if args.command == "seed":
        return asyncio.run(_seed(settings, args.scale, args.if_empty))
    if args.command == "import":
        return asyncio.run(_import_files(settings, to_import, args))
    asyncio.run(db.check_schema_current(settings.database_url))
    serve(settings)
    return 0


def cli(argv: list[str]) -> int:
    """Run one command: serve (default), migrate, jobs, seed --demo or import DIR; a failure is one line on stderr."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ValueError as exc:
        print(f"Sammen: en indstilling i miljøet kan ikke læses ({exc}); PORT, SMTP_PORT og SESSION_IDLE_MINUTES "
              "skal være hele tal.", file=sys.stderr)
        return 2
    try:
        return run_command(args, settings)
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        return report_failure(exc, settings.database_url)


if __name__ in {"__main__", "__mp_main__"}:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("tortoise").setLevel(logging.WARNING)  # its "shutdown" line would make an error two lines
    if os.environ.get("NICEGUI_USER_SIMULATION"):
        configure(load_settings())
        ui.run(storage_secret=load_settings().storage_secret, language="da",
               session_middleware_kwargs=cookie_settings(load_settings().public_url))
    else:
        sys.exit(cli(sys.argv[1:]))
