"""A guardian's booking of a conference slot: one tap and a confirm, move or cancel until the deadline, live."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.conferences import queries, service
from domain.conferences.model import ChildChoice, RoundView, SlotsChanged, SlotView, conference_topic
from domain.events import Event
from domain.identity.model import Actor
from ui.components import attempt, confirm, section_heading
from ui.conferences.format import clock, day_heading, when
from ui.conferences.parts import by_day, round_facts
from ui.i18n import t
from ui.live import follow


class GuardianBooking:
    """One guardian's open booking page for one round (per client)."""

    def __init__(self, actor: Actor, view: RoundView) -> None:
        self.actor, self.view = actor, view
        self.moving: int | None = None
        self.chosen: int | None = next((c.child_id for c in view.children if c.slot_id is None), None)

    def build(self) -> None:
        """The round's facts, then the bookings and the slots (refreshed live)."""
        round_facts(self.view)
        self.home = ui.element("div")  # dialogs live here, so a live refresh of the list cannot remove them
        self.body()
        follow(conference_topic(self.view.round_id), self.on_event)

    async def reload(self) -> None:
        """Read the round again (after this guardian's own change, a lost race or a closed round)."""
        self.view = await queries.round_view(self.actor, self.view.round_id, now=utcnow())
        if self.chosen is not None and self._child(self.chosen).slot_id is not None and self.moving is None:
            self.chosen = next((c.child_id for c in self.view.children if c.slot_id is None), None)
        self.body.refresh()

    async def on_event(self, event: Event) -> None:
        """Someone booked, moved or cancelled: the slots change in place; anything else reads the round again."""
        if isinstance(event, SlotsChanged):
            self.view = self.view.with_changes(event.changes, self.actor.guardian_of)
            self.body.refresh()
        else:
            await self.reload()

    def _child(self, child_id: int) -> ChildChoice:
        return next(c for c in self.view.children if c.child_id == child_id)

    def _slot(self, slot_id: int | None) -> SlotView | None:
        return next((s for s in self.view.slots if s.slot_id == slot_id), None)

    @ui.refreshable_method
    def body(self) -> None:
        """Each child's booking with Afbestil and Flyt, and the free slots to choose from."""
        now = utcnow()
        is_open = self.view.open_at(now)
        for child in self.view.children:
            slot = self._slot(child.slot_id)
            if slot is None:
                continue
            with ui.card().classes("w-full q-pa-sm bg-green-1").props(f"data-booking={child.child_id}"):
                ui.label(t("conferences.your_booking", child=child.name.split()[0], when=when(slot.starts_at))
                         ).classes("text-body1 text-weight-medium").mark(f"booking-{child.child_id}")
                if is_open:
                    with ui.row().classes("gap-2"):
                        ui.button(t("conferences.cancel_booking"), icon="event_busy",
                                  on_click=lambda _e, c=child, s=slot: self.cancel(c, s)).props(
                            "outline dense no-caps color=negative").mark(f"cancel-{child.child_id}")
                        if self.moving == child.child_id:
                            ui.button(t("conferences.stop_moving"), on_click=lambda: self.move(None)).props(
                                "flat dense no-caps").mark(f"stop-move-{child.child_id}")
                        else:
                            ui.button(t("conferences.move_booking"), icon="swap_horiz",
                                      on_click=lambda _e, c=child.child_id: self.move(c)).props(
                                "outline dense no-caps").mark(f"move-{child.child_id}")
        if self.view.closed:
            ui.label(t("conferences.round_closed")).classes("text-grey-8")
            return
        if not is_open:
            ui.label(t("conferences.after_deadline", name=self.view.organiser_name or "")).classes("text-grey-8")
            return
        target = self.moving if self.moving is not None else self.chosen
        if target is None:
            return
        unbooked = {c.child_id: c.name for c in self.view.children if c.slot_id is None}
        if self.moving is None and len(unbooked) > 1:
            ui.select(unbooked, value=target, on_change=lambda e: self.choose(int(e.value))).props(
                "outlined dense").classes("w-full").mark("choose-child")
        key = "conferences.moving_for" if self.moving is not None else "conferences.choose_for"
        section_heading(t(key, child=self._child(target).name.split()[0])).mark("choose-heading")
        free = [s for s in self.view.slots if not s.taken and s.starts_at > now]
        if not free:
            ui.label(t("conferences.no_free")).classes("text-grey-8").mark("no-free")
            return
        for day, slots in by_day(self.view.slots).items():
            ui.label(day_heading(day)).classes("text-subtitle2 text-weight-medium q-mt-sm")
            with ui.row().classes("gap-2 w-full"):
                for slot in slots:
                    if slot.child_id is not None:  # one of this family's own bookings
                        ui.button(clock(slot.starts_at), icon="check").props(
                            "unelevated dense no-caps disable color=positive").classes("min-w-[4.5rem]")
                    elif slot.taken or slot.starts_at <= now:
                        ui.button(clock(slot.starts_at)).props("outline dense no-caps disable color=grey-6").classes(
                            "min-w-[4.5rem]").tooltip(t("conferences.taken"))
                    else:
                        ui.button(clock(slot.starts_at), on_click=lambda _e, s=slot, c=target: self.book(c, s)).props(
                            f"unelevated dense no-caps color=primary data-slot={slot.slot_id}").classes(
                            "min-w-[4.5rem]").mark(f"slot-{slot.slot_id}")

    def choose(self, child_id: int) -> None:
        """Which unbooked child the next tap books for."""
        self.chosen = child_id
        self.body.refresh()

    def move(self, child_id: int | None) -> None:
        """Start (or stop) choosing a new slot for a child who already has one."""
        self.moving = child_id
        self.body.refresh()

    async def book(self, child_id: int, slot: SlotView) -> None:
        """Confirm, then book (or move to) the slot; a lost race says so and shows the fresh list."""
        name = self._child(child_id).name.split()[0]
        moving = self.moving == child_id
        question = t("conferences.confirm_move" if moving else "conferences.confirm_book", child=name,
                     when=when(slot.starts_at))
        if not await confirm(question, t("conferences.yes_book"), "confirm-book", danger=False, home=self.home):
            return
        if await attempt(service.do_book(self.actor, slot_id=slot.slot_id, child_id=child_id, now=utcnow()),
                         t("conferences.booked")):
            self.moving = None
        await self.reload()

    async def cancel(self, child: ChildChoice, slot: SlotView) -> None:
        """Confirm, then give the slot up."""
        question = t("conferences.confirm_cancel", child=child.name.split()[0], when=when(slot.starts_at))
        if not await confirm(question, t("conferences.yes_cancel"), "confirm-cancel", danger=False, home=self.home):
            return
        if await attempt(service.do_cancel(self.actor, slot_id=slot.slot_id, now=utcnow()),
                         t("conferences.cancelled")):
            self.moving, self.chosen = None, child.child_id
        await self.reload()
