"""Staff's list of reported absences (today and the coming days) at one institution, with corrections."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from domain.presence import absences
from domain.presence.absences import Absence
from domain.presence.daily import presence_places
from domain.presence.model import Status, presence_topic
from ui.components import confirm, empty_state, refuse
from ui.frame import frame, refusal
from ui.guard import page
from ui.i18n import t
from ui.live import follow
from ui.presence.absence_family import day_text
from ui.presence.tiles import choose_place, place_picker

ABSENCES_PATH = "/kommegaa/fravaer"


class StaffAbsences:
    """One open list (per client), read again whenever a family or a colleague changes an absence here."""

    def __init__(self, actor: Actor, institution_id: int) -> None:
        self.actor, self.institution_id = actor, institution_id
        self.box = ui.column().classes("w-full gap-2").mark("staff-absences")
        self.found: list[Absence] = []
        follow(presence_topic(institution_id), self.changed)

    async def changed(self, event: Event) -> None:
        """Re-read on an absence change here (a family's report, or a colleague's tap on the board)."""
        if getattr(event, "institution_id", None) == self.institution_id and absences.touches(self.found, event):
            await self.load()

    async def load(self) -> None:
        """Read the coming days and draw them, grouped by day."""
        found = self.found = await absences.institution_absences(self.actor, self.institution_id, now=utcnow())
        self.box.clear()
        with self.box:
            if not found:
                empty_state("event_available", "board.absences.empty")
            days = sorted({a.day for a in found})
            for day in days:
                ui.label(f"{t(f'widget.weekday.{day.weekday()}')} {day_text(day)}").classes("text-h6 q-mt-sm")
                for absence in (a for a in found if a.day == day):
                    self._row(absence)

    def _row(self, a: Absence) -> None:
        key = f"{a.child_id}-{a.day.isoformat()}"
        with ui.card().classes("w-full q-pa-sm").props("flat bordered").mark(f"staff-absence-{key}"):
            with ui.row().classes("items-center justify-between w-full gap-2"):
                with ui.column().classes("gap-0 min-w-0"):
                    ui.label(f"{a.first_name} {a.last_name}").classes("text-body1 text-weight-medium")
                    kind = t("pp.absence.kind.sick" if a.sick else "pp.absence.kind.vacation")
                    ui.label(t("board.absences.line", kind=kind, by=a.reported_by or "—")).classes(
                        "text-body2 text-grey-9")
                with ui.row().classes("items-center gap-1"):
                    switch = t("board.absences.to_vacation" if a.sick else "board.absences.to_sick")
                    ui.button(switch, icon="swap_horiz", on_click=lambda x=a: self.switch(x)).props(
                        "flat dense no-caps").mark(f"staff-absence-switch-{key}").props[
                        "aria-label"] = f"{switch}: {a.first_name} {a.last_name}"  # one name per row, not per page
                    clear = t("board.absences.clear")
                    ui.button(clear, icon="event_available", on_click=lambda x=a: self.clear(x)).props(
                        "flat dense no-caps color=negative").mark(f"staff-absence-clear-{key}").props[
                        "aria-label"] = f"{clear}: {a.first_name} {a.last_name}"

    async def switch(self, a: Absence) -> None:
        """Syg ⇄ ferie/fri, as the family meant it."""
        try:
            status = await absences.do_staff_switch(self.actor, self.institution_id, a.child_id, a.day, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        kind = t("pp.absence.kind.sick" if status is Status.SICK else "pp.absence.kind.vacation")
        ui.notify(t("board.absences.switched", name=a.first_name, day=day_text(a.day), kind=kind), type="positive")
        await self.load()

    async def clear(self, a: Absence) -> None:
        """The child is expected after all: the absence is removed, after a confirmation."""
        if not await confirm(t("board.absences.confirm_clear", name=a.first_name, day=day_text(a.day)),
                             t("board.absences.clear"), "staff-absence-confirm"):
            return
        try:
            await absences.do_staff_clear(self.actor, self.institution_id, a.child_id, a.day, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("board.absences.cleared", name=a.first_name, day=day_text(a.day)), type="positive")
        await self.load()


@page(ABSENCES_PATH, Role.STAFF, Role.LEADER)
async def absences_page(actor: Actor, institution: str = "") -> None:
    """Reported absences of one of the actor's KommeGå institutions, today and the next days."""
    places = await presence_places(actor)
    chosen = choose_place(places, institution)
    with frame(actor, t("board.absences.title")):
        if chosen is None:
            empty_state("how_to_reg", "board.no_places")
            return
        with ui.row().classes("items-center gap-2 w-full"):
            place_picker(places, chosen, ABSENCES_PATH)
            ui.space()
            ui.button(t("board.back"), icon="arrow_back", on_click=lambda: ui.navigate.to(
                f"/kommegaa?institution={chosen}")).props("flat no-caps").mark("absences-back")
        ui.label(t("board.absences.hint", days=absences.STAFF_DAYS)).classes("text-caption text-grey-8")
        listing = StaffAbsences(actor, chosen)
        try:
            await listing.load()
        except DomainError as error:
            refusal(error.key)
