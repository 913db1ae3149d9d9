"""Sammen's composition root: settings, database, event bridge, pages; and the command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from nicegui import app, ui

from domain import files
from domain.broadcast.mailer import send_due_emails
from domain.calendar.reminders import send_due_reminders as event_reminders
from domain.conferences.reminders import send_due_reminders as conference_reminders
from domain.events import bus
from domain.jobs import run_forever
from domain.mail_jobs import EmailJobs
from domain.settings import DEV_STORAGE_SECRET, Settings, load_settings
from domain.ticker import tick_minutes
from persistence import db
from ui import heap

log = logging.getLogger("sammen")
EMAIL_SENDERS = (send_due_emails, event_reminders, conference_reminders)


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
        jobs = asyncio.create_task(run_forever()) if settings.run_jobs else None
        ticker = asyncio.create_task(tick_minutes())
        # The broadcast's e-mail fallback and the reminders ride the minute tick, in the one process that runs jobs.
        emails = EmailJobs(settings.smtp, settings.public_url, EMAIL_SENDERS).start() \
            if settings.run_jobs and settings.smtp else None
        try:
            async with original(a):
                yield
        finally:
            if emails is not None:
                emails.cancel()
            ticker.cancel()
            if jobs is not None:
                jobs.cancel()
            await bus.close()
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
    ui.run(title="Sammen", host=settings.host, port=settings.port, storage_secret=settings.storage_secret,
           language="da", reload=False, show=False, favicon="🤝", show_welcome_message=True,
           reconnect_timeout=heap.RECONNECT_TIMEOUT_SECONDS)


def _bar(fraction: float, message: str) -> None:
    filled = int(fraction * 30)
    sys.stdout.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction * 100:5.1f}%  {message[:50]:<50}")
    sys.stdout.flush()


async def _migrate(settings: Settings) -> int:
    applied = await db.apply_migrations(settings.database_url, progress=lambda m: print(f"  anvendt {m}"))
    print(f"Migreringer anvendt: {len(applied)}" if applied else "Databasen er allerede opdateret.")
    return 0


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
        print(f"\n{exc}", file=sys.stderr)
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


def _import(settings: Settings, directory: str, dry_run: bool, partial: bool) -> int:
    from pathlib import Path

    from domain.provisioning.cli import read_directory

    if not Path(directory).is_dir():
        print(f"Sammen: mappen {directory} findes ikke.", file=sys.stderr)
        return 2
    return asyncio.run(_import_files(settings, read_directory(Path(directory)), dry_run, partial))


async def _import_files(settings: Settings, files: list[Any], dry_run: bool, partial: bool) -> int:
    from domain.clock import utcnow
    from domain.provisioning.cli import import_files, report_text

    await db.check_schema_current(settings.database_url)
    await db.open_database(settings.database_url)
    try:
        report = await import_files(files, dry_run=dry_run, full=not partial, now=utcnow(), progress=_bar)
    finally:
        await db.close_database()
    print("\n" + report_text(report, dry_run=dry_run))
    return 0 if report.ok else 1


def cli(argv: list[str]) -> int:
    """Run one command: serve (default), migrate, jobs, seed --demo or import DIR."""
    parser = argparse.ArgumentParser(prog="main.py", description="Sammen")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="start the web app")
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser("jobs", help="run the daily jobs once (adoption snapshot)")
    seed = sub.add_parser("seed", help="generate the demo municipality")
    seed.add_argument("--demo", action="store_true", required=True)
    seed.add_argument("--scale", type=float, default=1.0)
    seed.add_argument("--if-empty", action="store_true", help="do nothing if the database holds data")
    imp = sub.add_parser("import", help="import institutions, people, custody, enrolments and staff from a directory")
    imp.add_argument("directory")
    imp.add_argument("--dry-run", action="store_true", help="validate and report; apply nothing")
    imp.add_argument("--partial", action="store_true", help="only add and update; deactivate nobody")
    args = parser.parse_args(argv)
    settings = load_settings()
    files.use_data_dir(settings.data_dir)
    try:
        if args.command == "migrate":
            return asyncio.run(_migrate(settings))
        if args.command == "jobs":
            return asyncio.run(_jobs(settings))
        if args.command == "seed":
            return asyncio.run(_seed(settings, args.scale, args.if_empty))
        if args.command == "import":
            return _import(settings, args.directory, args.dry_run, args.partial)
        asyncio.run(db.check_schema_current(settings.database_url))
    except db.DatabaseNotReady as exc:
        print(f"Sammen: {exc}", file=sys.stderr)
        return 2
    serve(settings)
    return 0


if __name__ in {"__main__", "__mp_main__"}:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if os.environ.get("NICEGUI_USER_SIMULATION"):
        configure(load_settings())
        ui.run(storage_secret=load_settings().storage_secret, language="da")
    else:
        sys.exit(cli(sys.argv[1:]))
