"""The event dialog: what, when, where and for whom; answering an invitation; the organiser's live count and tools."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from domain.calendar import invitations, service
from domain.calendar import views as calendar_views
from domain.calendar.model import Answer, CalendarItem, EventDetail, InvitationAnswered, InvitationCounts, event_topic
from domain.clock import COPENHAGEN, utcnow
from domain.errors import DomainError
from domain.events import Event, Subscription
from domain.identity.model import Actor
from ui.calendar.format import long_day, time_range
from ui.calendar.views import KIND_ICONS, colour
from ui.components import attempt, confirm, refuse, section_heading
from ui.i18n import fmt_date, t
from ui.linked_text import linked_text
from ui.live import follow

Redraw = Callable[[], Awaitable[None]]
Edit = Callable[[int], Awaitable[None]]
ANSWERS = (Answer.JA, Answer.NEJ, Answer.MAASKE)
ANSWER_COLOURS = {"ja": "positive", "nej": "negative", "maaske": "orange-8", "none": "grey-7"}


def repeat_text(detail: EventDetail) -> str:
    """'Hver uge indtil 18. december 2026' (empty when the event does not repeat)."""
    if not detail.repeat:
        return ""
    kind = "biweekly" if detail.repeat == "biweekly" else "weekly"
    if detail.repeat_until is None:
        return t(f"cal.repeat.{kind}")
    return t(f"cal.repeat.{kind}_until", day=fmt_date(detail.repeat_until))


def occurrence_of(item: CalendarItem) -> str:
    """The local start of the tapped occurrence, as the domain keys skipped dates ("2026-12-07T08:00")."""
    return item.starts_at.astimezone(COPENHAGEN).replace(tzinfo=None).isoformat(timespec="minutes")


class EventDialog:
    """One open event dialog (per client)."""

    def __init__(self, actor: Actor, item: CalendarItem, detail: EventDetail, on_change: Redraw,
                 on_edit: Edit) -> None:
        self.actor, self.item, self.detail = actor, item, detail
        self.on_change, self.on_edit = on_change, on_edit
        self.answer = detail.my_answer
        self.counts = detail.counts
        self.dialog = ui.dialog()
        self.subscription: Subscription | None = None
        self.dialog.on("hide", self.closed)

    def closed(self) -> None:
        """Stop following the counts and drop the dialog's elements."""
        if self.subscription is not None:
            self.subscription.cancel()
        self.dialog.delete()

    def build(self) -> ui.dialog:
        """The card with every part the actor may see or do."""
        d, item = self.detail, self.item
        self.dialog.props["aria-label"] = d.title  # a screen reader hears which event opened
        with self.dialog, ui.card().classes("w-full q-pa-md gap-2").style("max-width:560px").mark("cal-dialog"):
            with ui.row().classes("w-full items-start no-wrap gap-2"):
                ui.icon(KIND_ICONS["event"], color=colour(item), size="md")
                section_heading(d.title).classes("col").mark("cal-dialog-title")
                close = ui.button(icon="close", on_click=self.dialog.close).props("flat round dense")
                close.props["aria-label"] = t("cal.close")  # a tooltip is no name: the icon needs one
                close.tooltip(t("cal.close"))
            self._line("schedule", time_range(item.starts_at, item.ends_at, item.all_day), "cal-dialog-when")
            if d.place:
                self._line("place", d.place, "cal-dialog-place")
            self._line("groups", d.scope_label or t("cal.field.for_me"), "cal-dialog-for")
            if d.organiser_name:
                self._line("person", f"{t('cal.event.organiser')}: {d.organiser_name}", "cal-dialog-organiser")
            if repeat_text(d):
                self._line("repeat", repeat_text(d), "cal-dialog-repeat")
            if d.private:
                self._line("lock", t("cal.event.private"), "cal-dialog-private")
            if d.description:
                linked_text(d.description).classes("text-body2 q-mt-sm").style("white-space:pre-wrap").mark(
                    "cal-dialog-description")
            if self.answer:
                self.answer_part()
            if d.can_edit and self.counts is not None:
                self.counts_part()
                self.subscription = follow(event_topic(d.event_id), self.answered)
            self.tools()
        return self.dialog

    def _line(self, icon: str, text: str, marker: str) -> None:
        with ui.row().classes("items-center no-wrap gap-2"):
            ui.icon(icon, color="grey-7", size="sm")
            ui.label(text).classes("text-body2").mark(marker)

    @ui.refreshable_method
    def answer_part(self) -> None:
        """Ja / Nej / Måske with the current answer filled in."""
        ui.label(t("cal.event.answer")).classes("text-subtitle2 q-mt-sm")
        with ui.row().classes("w-full no-wrap gap-2").mark("cal-answers"):
            for answer in ANSWERS:
                chosen = self.answer == answer.value
                style = f"unelevated color={ANSWER_COLOURS[answer.value]}" if chosen else "outline color=grey-8"
                ui.button(t(f"cal.answer.{answer.value}"), icon="check" if chosen else None,
                          on_click=lambda a=answer: self.give(a)).props(f"no-caps {style}").classes("col").props(
                    f'data-answer="{answer.value}" data-chosen="{str(chosen).lower()}"').mark(
                    f"cal-answer-{answer.value}")

    async def give(self, answer: Answer) -> None:
        """Answer the invitation; the page behind shows the answer too."""
        write = invitations.do_answer(self.actor, self.detail.event_id, answer.value, now=utcnow())
        if await attempt(write, t("cal.answer.saved")):
            self.answer = answer.value
            self.answer_part.refresh()  # the page behind hears InvitationAnswered on the actor's own topic

    @ui.refreshable_method
    def counts_part(self) -> None:
        """The organiser's count, live."""
        c = self.counts or InvitationCounts()
        ui.label(t("cal.answer.counts")).classes("text-subtitle2 q-mt-sm")
        with ui.row().classes("w-full gap-2").mark("cal-counts"):
            for key, value in (("ja", c.ja), ("nej", c.nej), ("maaske", c.maaske), ("none", c.not_answered)):
                label = f"{t(f'cal.answer.{key}')}: {value}"
                ui.badge(label, color=ANSWER_COLOURS[key]).classes("text-body2 q-px-sm").props(
                    f'data-count="{key}"').mark(f"cal-count-{key}")

    def answered(self, event: Event) -> None:
        """Another invitee answered: the new counts come with the event (no database)."""
        if isinstance(event, InvitationAnswered) and event.event_id == self.detail.event_id:
            self.counts = event.counts
            self.counts_part.refresh()

    def tools(self) -> None:
        """Download, and for the organiser edit and cancel (all, or only this time for a series)."""
        d = self.detail
        with ui.row().classes("w-full items-center gap-2 q-mt-sm"):
            ui.button(t("cal.ics"), icon="download",
                      on_click=lambda: ui.download.from_url(f"/kalender/begivenhed/{d.event_id}.ics")).props(
                "flat no-caps").mark("cal-ics")
            if not d.can_edit:
                return
            ui.button(t("cal.edit"), icon="edit", on_click=self.edit).props("flat no-caps").mark("cal-edit")
            ui.button(t("cal.cancel_event"), icon="event_busy", on_click=self.cancel).props(
                "flat no-caps color=negative").mark("cal-cancel")
            if d.repeat:
                ui.button(t("cal.cancel_once"), icon="event_busy", on_click=self.cancel_once).props(
                    "flat no-caps color=negative").mark("cal-cancel-once")

    async def edit(self) -> None:
        """Close and open the editor."""
        self.dialog.close()
        await self.on_edit(self.detail.event_id)

    async def cancel(self) -> None:
        """Cancel the whole event after a confirmation."""
        if not await confirm(t("cal.cancel.confirm", title=self.detail.title), t("cal.cancel.yes"),
                             "cal-cancel-confirm"):
            return
        if await attempt(service.do_cancel_event(self.actor, self.detail.event_id, now=utcnow()),
                         t("cal.cancel.done")):
            self.dialog.close()
            await self.on_change()

    async def cancel_once(self) -> None:
        """Skip only the tapped occurrence after a confirmation."""
        day = long_day(self.item.starts_at.astimezone(COPENHAGEN).date())
        if not await confirm(t("cal.cancel.confirm_once", title=self.detail.title, day=day), t("cal.cancel.yes"),
                             "cal-cancel-once-confirm"):
            return
        write = service.do_skip_occurrence(self.actor, self.detail.event_id, occurrence_of(self.item), now=utcnow())
        if await attempt(write, t("cal.cancel.once_done")):
            self.dialog.close()
            await self.on_change()


async def open_event(actor: Actor, item: CalendarItem, *, on_change: Redraw, on_edit: Edit) -> None:
    """Load the event and open its dialog (a refusal is said in a notification)."""
    assert item.event_id is not None
    try:
        detail = await calendar_views.event_detail(actor, item.event_id)
    except DomainError as error:
        refuse(error)
        return
    EventDialog(actor, item, detail, on_change, on_edit).build().open()
