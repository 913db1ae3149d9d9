"""Revisionslog: the admin searches the audit log by person, actor, period, action and outcome, and takes a CSV."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from nicegui import app, ui

from auth.session import actor_or_redirect
from domain.errors import AccessDenied, DomainError
from domain.gdpr import audit_search
from domain.gdpr.audit_search import AuditRow, PersonHit
from domain.identity.model import Actor
from domain.ids import parse_id
from ui.dates import date_input, problem
from ui.frame import frame, refusal
from ui.guard import SIGNED_IN, page
from ui.i18n import error_text, fmt_datetime, t

HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


def hit_line(hit: PersonHit) -> str:
    """'Anna Hansen · 150318-XXXX · barn': a name the admin can tell apart from namesakes."""
    hints = ", ".join(t(f"picker.hint.{h}") for h in hit.hints)
    return " · ".join(p for p in (hit.name, hit.masked_cpr, hints) if p)


class PersonPicker:
    """Search people by name (or birth date) and choose one; shows the CPR masked only."""

    def __init__(self, actor: Actor, label_key: str, marker: str,
                 on_change: Callable[[], Awaitable[None] | None] | None = None) -> None:
        self.actor, self.marker, self.on_change = actor, marker, on_change
        self.person_id: int | None = None
        self.name = ""
        with ui.column().classes("w-full gap-1"):
            ui.label(t(label_key)).classes("text-caption text-grey-8")
            with ui.row().classes("w-full items-center no-wrap gap-2"):
                self.text = ui.input(placeholder=t("picker.search")).props("dense outlined clearable").classes(
                    "grow").mark(f"{marker}-text").on("keydown.enter", self.find)
                # A placeholder is no label: the field is named by the caption above it and what it searches.
                self.text.props["aria-label"] = f"{t(label_key)}: {t('picker.search')}"
                ui.button(t("picker.find"), on_click=self.find).props("outline no-caps").mark(f"{marker}-find")
            self.chosen = ui.row().classes("items-center gap-2")
            self.hits = ui.column().classes("w-full gap-0")

    async def find(self) -> None:
        """Show the people matching the text."""
        found = await audit_search.find_people(self.actor, self.text.value or "")
        self.hits.clear()
        with self.hits:
            if not found:
                ui.label(t("picker.none")).classes("text-grey-8").mark(f"{self.marker}-none")
            for hit in found:
                ui.button(hit_line(hit), on_click=lambda h=hit: self.choose(h.person_id, h.name)).props(
                    "flat dense no-caps align=left").mark(f"{self.marker}-hit-{hit.person_id}")

    async def choose(self, person_id: int | None, name: str) -> None:
        """Take one person (or none) and tell the page."""
        self.person_id, self.name = person_id, name
        self.hits.clear()
        self.chosen.clear()
        if person_id is not None:
            with self.chosen:
                ui.label(t("picker.chosen", name=name)).classes("text-weight-medium").mark(f"{self.marker}-chosen")
                ui.button(t("picker.clear"), on_click=lambda: self.choose(None, "")).props("flat dense no-caps")
        if self.on_change:
            result = self.on_change()
            if result is not None:
                await result


COLUMNS = [
    {"name": "at", "label": "audit.col.at", "field": "at", "align": "left"},
    {"name": "actor", "label": "audit.col.actor", "field": "actor", "align": "left"},
    {"name": "action", "label": "audit.col.action", "field": "action", "align": "left"},
    {"name": "outcome", "label": "audit.col.outcome", "field": "outcome", "align": "left"},
    {"name": "person", "label": "audit.col.person", "field": "person", "align": "left"},
    {"name": "detail", "label": "audit.col.detail", "field": "detail", "align": "left"},
]


def table_row(r: AuditRow) -> dict[str, Any]:
    """One entry as table cells (Quasar renders them as text, never HTML)."""
    actor = r.actor_name or (f"#{r.actor_person_id}" if r.actor_person_id else "")
    person = r.concerned_name or (f"#{r.concerned_person_id}" if r.concerned_person_id else "")
    outcome = t(f"audit.outcome.{r.outcome}") if r.outcome in ("allowed", "refused") else r.outcome
    return {"id": r.id, "at": fmt_datetime(r.at), "actor": f"{actor} ({r.actor_label})" if r.actor_label else actor,
            "action": r.action, "outcome": outcome, "person": person, "detail": r.detail}


class AuditSearch:
    """The filter form, the results table with paging, and the CSV link for the same criteria."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.before_id: int | None = None

    def build(self) -> None:
        """Lay out the form and an empty table."""
        with ui.card().classes("w-full gap-2"):
            with ui.element("div").classes("grid grid-cols-1 md:grid-cols-2 gap-3 w-full"):
                self.person = PersonPicker(self.actor, "audit.person", "audit-person")
                self.who = PersonPicker(self.actor, "audit.actor", "audit-actor")
            with ui.row().classes("w-full gap-3 items-start"):
                self.first = date_input(t("audit.first"), None, optional=True).mark("audit-first")
                self.last = date_input(t("audit.last"), None, optional=True).mark("audit-last")
                self.action = ui.input(t("audit.action")).props("dense outlined").classes("min-w-[16rem]").mark(
                    "audit-action")
                self.outcome = ui.select({"": t("audit.outcome.any"), "allowed": t("audit.outcome.allowed"),
                                          "refused": t("audit.outcome.refused")}, value="",
                                         label=t("audit.outcome")).props("dense outlined").classes(
                    "min-w-[10rem]").mark("audit-outcome")
            with ui.row().classes("gap-2"):
                ui.button(t("audit.search"), icon="search", on_click=self.search).props("no-caps").mark(
                    "audit-search")
                ui.button(t("audit.csv"), icon="download", on_click=self.csv).props("outline no-caps").mark(
                    "audit-csv")
        columns = [{**c, "label": t(str(c["label"]))} for c in COLUMNS]
        self.table = ui.table(columns=columns, rows=[], row_key="id").classes("w-full").props(
            "flat bordered wrap-cells").mark("audit-table")
        self.empty = ui.label(t("audit.none")).classes("text-grey-8").mark("audit-none")
        self.more = ui.button(t("audit.more"), on_click=self.load_more).props("outline no-caps").mark("audit-more")
        self.more.visible = False

    def criteria(self) -> dict[str, Any] | None:
        """The form as search criteria, or None (and a message) when a date cannot be read."""
        days: list[date | None] = []
        for field in (self.first, self.last):
            text = (field.value or "").strip()
            day = field.checked()
            if text and day is None:
                ui.notify(problem(field) or t("audit.bad_date"), type="warning")
                return None
            days.append(day)
        return {"person_id": self.person.person_id, "actor_id": self.who.person_id, "first": days[0],
                "last": days[1], "action": self.action.value or "", "outcome": self.outcome.value or ""}

    async def search(self) -> None:
        """A new search from the newest entry."""
        self.before_id = None
        self.table.rows.clear()
        await self._load()

    async def load_more(self) -> None:
        """The next page of the same search."""
        await self._load()

    async def _load(self) -> None:
        found = self.criteria()
        if found is None:
            return
        try:
            page = await audit_search.search_audit(self.actor, **found, before_id=self.before_id)
        except DomainError as error:
            ui.notify(error_text(error), type="warning")
            return
        self.table.rows.extend(table_row(r) for r in page.rows)
        self.table.update()
        self.before_id = page.next_before_id
        self.more.visible = page.next_before_id is not None
        self.empty.visible = not self.table.rows

    def csv(self) -> None:
        """Download every matching entry as CSV (the route checks and logs again)."""
        found = self.criteria()
        if found is None:
            return
        params = {k: ("" if v is None else str(v)) for k, v in found.items()}
        ui.download.from_url(f"/kommune/revision.csv?{urlencode({k: v for k, v in params.items() if v})}")


def _int(value: str | None) -> int | None:
    return parse_id(value) if value else None


async def _csv(request: Request) -> Response:
    actor = await actor_or_redirect(request)
    if isinstance(actor, RedirectResponse):
        return actor
    q = request.query_params
    try:
        days = [date.fromisoformat(q[k]) if q.get(k) else None for k in ("first", "last")]
        body = await audit_search.audit_csv(actor, person_id=_int(q.get("person_id")), actor_id=_int(q.get("actor_id")),
                                            first=days[0], last=days[1], action=q.get("action", ""),
                                            outcome=q.get("outcome", ""))
    except AccessDenied:
        return PlainTextResponse(t("error.access_denied"), status_code=403)
    except DomainError as error:
        return PlainTextResponse(error_text(error), status_code=400)
    except ValueError:
        return PlainTextResponse(t("audit.error.criteria"), status_code=400)
    return Response(body, media_type="text/csv; charset=utf-8", headers={
        **HEADERS, "Content-Disposition": 'attachment; filename="revisionslog.csv"'})


async def _page(actor: Actor) -> None:
    with frame(actor, t("audit.title")):
        try:
            page = AuditSearch(actor)
            await audit_search.check_admin(actor)
        except AccessDenied:
            refusal("error.access_denied")
            return
        ui.label(t("audit.intro")).classes("text-grey-8")
        page.build()
        await page.search()


def register() -> None:
    """Add /kommune/revision and its CSV download."""

    @app.get("/kommune/revision.csv")
    async def csv_route(request: Request) -> Response:
        return await _csv(request)


@page("/kommune/revision", *SIGNED_IN)
async def audit_route(actor: Actor) -> None:
    """The audit log, searched by person, actor, period and action."""
    await _page(actor)
