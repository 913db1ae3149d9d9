"""The organiser's schedule of a round: time, child and who booked, free slots, booking on a family's behalf."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.conferences import queries, service
from domain.conferences.model import RoundView, SlotsChanged, SlotView, conference_topic
from domain.events import Event
from domain.identity.model import Actor
from ui.components import attempt, confirm, section_heading
from ui.conferences.format import clock, day_heading, when
from ui.conferences.parts import by_day, round_facts
from ui.i18n import t
from ui.live import follow

PRINT_CSS = """@media print {
  .q-header, .q-drawer, .q-footer, .no-print { display: none !important; }
  .q-page-container { padding: 0 !important; }
  .conference-schedule td, .conference-schedule th { padding: 2px 6px; }
}"""


class Schedule:
    """One organiser's open schedule for one round (per client)."""

    def __init__(self, actor: Actor, view: RoundView) -> None:
        self.actor, self.view = actor, view

    def build(self) -> None:
        """The round's facts, the tools, and the schedule (refreshed live)."""
        ui.add_css(PRINT_CSS)
        round_facts(self.view)
        self.home = ui.element("div")  # dialogs live here, so a live refresh of the list cannot remove them
        with ui.row().classes("gap-2 no-print"):
            ui.button(t("conferences.print"), icon="print", on_click=lambda: ui.run_javascript("window.print()")
                      ).props("outline no-caps").mark("print")
            if not self.view.closed:
                ui.button(t("conferences.close_round"), icon="lock", on_click=self.close).props(
                    "outline no-caps color=grey-8").mark("close-round")
        self.body()
        follow(conference_topic(self.view.round_id), self.on_event)

    async def reload(self) -> None:
        """Read the round again."""
        self.view = await queries.round_view(self.actor, self.view.round_id, now=utcnow())
        self.body.refresh()

    async def on_event(self, event: Event) -> None:
        """A family booked, moved or cancelled: the rows change in place."""
        if isinstance(event, SlotsChanged):
            self.view = self.view.with_changes(event.changes, frozenset())
            self.body.refresh()
        else:
            await self.reload()

    @ui.refreshable_method
    def body(self) -> None:
        """Per day a table of slots; then the children still without a slot."""
        now = utcnow()
        waiting = {c.child_id: c.name for c in self.view.children if c.slot_id is None}
        booked = sum(1 for s in self.view.slots if s.taken)
        ui.label(t("conferences.booked_count", booked=booked, total=len(self.view.slots))).classes(
            "text-subtitle2").mark("schedule-count")
        for day, slots in by_day(self.view.slots).items():
            section_heading(day_heading(day)).classes("q-mt-sm")
            with ui.element("table").classes("conference-schedule w-full text-left").style(
                    "border-collapse: collapse"):
                with ui.element("tr").classes("text-caption text-grey-8"):
                    for key in ("conferences.col_time", "conferences.col_child", "conferences.col_booked_by"):
                        with ui.element("th"):
                            ui.label(t(key))
                    ui.element("th").classes("no-print")
                for slot in slots:
                    self._row(slot, waiting, editable=not self.view.closed and slot.starts_at > now)
        section_heading(t("conferences.waiting", n=len(waiting))).classes("q-mt-md")
        if not waiting:
            ui.label(t("conferences.everyone_booked")).classes("text-grey-8").mark("everyone-booked")
        for name in waiting.values():
            ui.label(name).classes("text-body2").mark("waiting-child")

    def _row(self, slot: SlotView, waiting: dict[int, str], *, editable: bool) -> None:
        with ui.element("tr").classes("border-t").props(f"data-slot={slot.slot_id}"):
            with ui.element("td").classes("q-py-xs").style("white-space: nowrap"):
                ui.label(clock(slot.starts_at))
            with ui.element("td"):
                ui.label(slot.child_name or t("conferences.free")).classes(
                    "" if slot.taken else "text-grey-7").mark(f"row-child-{slot.slot_id}")
            with ui.element("td"):
                ui.label(slot.booked_by_name).classes("text-caption")
            with ui.element("td").classes("no-print text-right"):
                if not editable:
                    return
                if slot.taken:
                    ui.button(t("conferences.unbook"), on_click=lambda _e, s=slot: self.unbook(s)).props(
                        "flat dense no-caps color=negative").mark(f"unbook-{slot.slot_id}")
                elif waiting:
                    ui.select(waiting, label=t("conferences.book_for"),
                              on_change=lambda e, s=slot: self.book_for(s, e.value)).props(
                        "dense outlined options-dense").classes("min-w-[8rem]").mark(f"book-for-{slot.slot_id}")

    async def book_for(self, slot: SlotView, child_id: int | None) -> None:
        """Book a free slot for a family that has not booked."""
        if child_id is None:
            return
        await attempt(service.do_book(self.actor, slot_id=slot.slot_id, child_id=int(child_id), now=utcnow()),
                      t("conferences.booked"))
        await self.reload()

    async def unbook(self, slot: SlotView) -> None:
        """Confirm, then free a booked slot."""
        question = t("conferences.confirm_cancel", child=slot.child_name, when=when(slot.starts_at))
        if not await confirm(question, t("conferences.yes_cancel"), "confirm-cancel", danger=False, home=self.home):
            return
        await attempt(service.do_cancel(self.actor, slot_id=slot.slot_id, now=utcnow()), t("conferences.cancelled"))
        await self.reload()

    async def close(self) -> None:
        """Confirm, then close the round."""
        if not await confirm(t("conferences.confirm_close"), t("conferences.close_round"), "confirm-close",
                             danger=False, home=self.home):
            return
        if await attempt(service.do_close_round(self.actor, round_id=self.view.round_id, now=utcnow()),
                         t("conferences.round_closed_done")):
            ui.navigate.reload()
