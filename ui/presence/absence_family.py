"""A family's reported absences: the list with cancel and undo, the form's child chips, "Syg i dag" in two taps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

from nicegui import ui

from domain.calendar.model import CalendarItem
from domain.calendar.recurrence import local_midnight
from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor
from domain.presence import absences
from domain.presence.absences import Absence, Span
from domain.presence.family import ChildDay, family_days
from domain.presence.model import Status, child_topic
from domain.presence.tiles import Settings
from ui.components import confirm, icon_button, named_dialog, refuse
from ui.i18n import t
from ui.live import follow

Changed = Callable[[], Awaitable[None]]


def day_text(day: date) -> str:
    """A day as Danes write it: 7.12.2026."""
    return f"{day.day}.{day.month}.{day.year}"


def span_text(span: Span, with_name: bool) -> str:
    """"Syg i dag", "Ferie/fri 8.12.2026–12.12.2026 (4 dage)", optionally with the child's name first."""
    kind = t("pp.absence.kind.sick" if span.status is Status.SICK else "pp.absence.kind.vacation")
    if span.first == span.last:
        when = t("pp.absence.today") if span.first == today_local() else day_text(span.first)
    else:
        when = f"{day_text(span.first)}–{day_text(span.last)} ({t('pp.absence.days', n=len(span.days))})"
    text = f"{kind} {when}"
    return f"{span.first_name}: {text}" if with_name else text


def names_text(names: list[str]) -> str:
    """"Oscar", "Oscar og Ida", "Oscar, Ida og Freja"."""
    return names[0] if len(names) < 2 else f"{', '.join(names[:-1])} {t('pp.sick_today.and')} {names[-1]}"


class AbsenceList:
    """Reported absences of some of the guardian's children, from today on, kept live; cancellable unless compact."""

    def __init__(self, actor: Actor, child_ids: list[int], settings: dict[int, Settings], *, with_names: bool,
                 compact: bool = False) -> None:
        self.actor, self.child_ids, self.settings = actor, child_ids, settings
        self.with_names, self.compact = with_names, compact
        self.found: list[Absence] = []
        self.box = ui.column().classes("w-full gap-1").mark("absence-list" if not compact else
                                                           f"absence-lines-{'-'.join(map(str, child_ids))}")
        self.undo_box = ui.row().classes("items-center gap-2 w-full")
        for child_id in child_ids:
            follow(child_topic(child_id), self.changed)

    async def changed(self, event: Event) -> None:
        """Another device or tab reported or cancelled, or staff changed it on the board: read again."""
        if absences.touches(self.found, event):
            await self.load()

    async def load(self) -> None:
        """Read and draw."""
        try:
            self.found = await absences.family_absences(self.actor, self.child_ids, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.draw()

    def show(self, found: list[Absence]) -> None:
        """Draw absences read together with other lists'."""
        self.found = [a for a in found if a.child_id in self.child_ids]
        self.draw()

    def draw(self) -> None:
        """One line per period; the full list also offers "Fjern" for the period and for each of its days."""
        self.box.clear()
        with self.box:
            periods = absences.spans(self.found, self.settings)
            if not periods and not self.compact:
                ui.label(t("pp.absence.none")).classes("text-grey-8").mark("absence-none")
            for span in periods:
                self._period(span)

    def _period(self, span: Span) -> None:
        colour = "text-negative" if span.status is Status.SICK else "text-deep-orange-10"
        if self.compact:
            with ui.row().classes("items-center no-wrap gap-1"):
                ui.icon("sick" if span.status is Status.SICK else "beach_access", size="xs").classes(colour)
                ui.label(span_text(span, self.with_names)).classes("text-body2").mark(
                    f"absence-line-{span.child_id}")
            return
        with ui.card().classes("w-full q-pa-sm gap-1").props("flat bordered").mark(
                f"absence-{span.child_id}-{span.first.isoformat()}"):
            with ui.row().classes("items-center justify-between no-wrap w-full gap-2"):
                what = span_text(span, self.with_names)
                ui.label(what).classes(f"text-body1 text-weight-medium {colour}")
                label = t("pp.absence.cancel_period" if len(span.days) > 1 else "pp.absence.cancel_day")
                button = ui.button(label, icon="event_available",
                                   on_click=lambda s=span: self.cancel(s, s.first, s.last)).props(
                    "flat dense no-caps color=primary").mark(f"absence-cancel-{span.child_id}-{span.first}")
                button.props["aria-label"] = f"{label}: {span.first_name}, {what}"  # several cards, one name each
            if len(span.days) > 1:
                for day in span.days:
                    with ui.row().classes("items-center justify-between no-wrap w-full"):
                        ui.label(day_text(day)).classes("text-body2")
                        icon_button("close", t("pp.absence.cancel_one", day=day_text(day)),
                                    lambda s=span, d=day: self.cancel(s, d, d)).mark(
                            f"absence-cancel-day-{span.child_id}-{day}")

    async def cancel(self, span: Span, first: date, last: date) -> None:
        """Take back a period or a day after a confirmation; an undo is offered."""
        when = day_text(first) if first == last else f"{day_text(first)}–{day_text(last)}"
        if not await confirm(t("pp.absence.confirm_cancel", name=span.first_name, when=when),
                             t("pp.absence.confirm_cancel_yes"), "absence-cancel-confirm"):
            return
        try:
            cancelled = await absences.do_cancel(self.actor, span.child_id, first, last, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("pp.absence.cancelled", name=span.first_name, when=when), type="positive")
        self.offer_undo(cancelled, t("pp.absence.cancelled", name=span.first_name, when=when))
        await self.load()

    def offer_undo(self, cancelled: list[Absence], text: str) -> None:
        """A line saying what was cancelled, with "Fortryd" (it stays until the page is left or used)."""
        self.undo_box.clear()

        async def undo() -> None:
            try:
                await absences.do_restore(self.actor, cancelled, now=utcnow())
            except DomainError as error:
                refuse(error)
                return
            self.undo_box.clear()
            ui.notify(t("pp.absence.restored"), type="positive")
            await self.load()

        with self.undo_box:
            ui.label(text).classes("text-body2").mark("absence-undo-text")
            ui.button(t("pp.absence.undo"), icon="undo", on_click=undo).props("outline dense no-caps").mark(
                "absence-undo")


async def show_all(actor: Actor, lists: list[AbsenceList]) -> None:
    """Fill several lists from one read (Overblik's cards), so the page's queries do not grow with the children."""
    if not lists:
        return
    try:
        found = await absences.family_absences(actor, sorted({c for x in lists for c in x.child_ids}), now=utcnow())
    except DomainError:
        found = []
    for absence_list in lists:
        absence_list.show(found)


def child_chips(days: list[ChildDay]) -> dict[int, ui.checkbox]:
    """A checkbox per child of the family with KommeGå (all ticked), when there is more than one."""
    if len(days) < 2:
        return {}
    boxes: dict[int, ui.checkbox] = {}
    ui.label(t("pp.absence.children")).classes("text-subtitle2")
    with ui.row().classes("items-center gap-2 w-full").mark("absence-children"):
        for d in days:
            boxes[d.child_id] = ui.checkbox(d.tile.first_name, value=True).mark(f"absence-child-{d.child_id}")
    return boxes


def _why_not(day: ChildDay) -> str:
    """Why a child cannot be reported sick from home today ("" when it can)."""
    if day.settings.closed_reason(today_local()):
        return t("pp.sick_today.closed")
    state = day.tile.state
    if state is Status.SICK:
        return t("pp.sick_today.already")
    if state is Status.VACATION:
        return t("pp.sick_today.vacation")
    if state is not Status.NOT_ARRIVED:
        return t("pp.sick_today.came")
    return ""


async def sick_today(actor: Actor) -> None:
    """The dialog behind Overblik's "Syg i dag": one tap on a child (or "Alle børn") reports it, with an undo."""
    try:
        days = await family_days(actor, today_local(), history=False)
    except DomainError as error:
        refuse(error)
        return
    ready = [d for d in days if not _why_not(d)]
    with named_dialog(t("pp.sick_today.title")) as dialog, ui.card().classes("q-pa-md w-full max-w-sm").mark(
            "sick-today-dialog"):
        body = ui.column().classes("w-full gap-2")

    async def report(chosen: list[ChildDay]) -> None:
        names = names_text([d.tile.first_name for d in chosen])
        try:
            await absences.do_report(actor, [d.child_id for d in chosen], True, today_local(), today_local(),
                                     now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        done(chosen, t("pp.sick_today.done", names=names))

    def done(chosen: list[ChildDay], text: str) -> None:
        body.clear()
        with body:
            with ui.row().classes("items-center no-wrap gap-2"):
                ui.icon("check_circle", color="positive", size="md")
                ui.label(text).classes("text-body1").mark("sick-today-done")

            async def undo() -> None:
                try:
                    for d in chosen:
                        await absences.do_cancel(actor, d.child_id, today_local(), today_local(), now=utcnow())
                except DomainError as error:
                    refuse(error)
                    return
                ui.notify(t("pp.sick_today.undone"), type="positive")
                dialog.close()

            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("pp.absence.undo"), icon="undo", on_click=undo).props("flat no-caps").mark(
                    "sick-today-undo")
                ui.button(t("pp.sick_today.close"), on_click=dialog.close).props("no-caps").mark("sick-today-close")
        ui.notify(text, type="positive")

    with body:
        ui.label(t("pp.sick_today.title")).classes("text-h6")
        ui.label(t("pp.sick_today.hint")).classes("text-caption text-grey-8")
        for d in days:
            why = _why_not(d)
            ui.button(d.tile.first_name, icon="sick", on_click=lambda c=d: report([c])).props(
                "no-caps unelevated color=negative" + (" disable" if why else "")).classes("w-full").mark(
                f"sick-today-{d.child_id}")
            if why:
                ui.label(f"{d.tile.first_name}: {why}").classes("text-caption text-grey-8")
        if len(ready) > 1:
            ui.button(t("pp.sick_today.all"), icon="groups", on_click=lambda: report(ready)).props(
                "no-caps outline color=negative").classes("w-full").mark("sick-today-all")
        ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps").classes("self-end")
    dialog.open()


async def absence_items(actor: Actor, first: date, last: date, child_ids: set[int] | None) -> list[CalendarItem]:
    """A guardian's reported absences as read-only all-day calendar items ("Oscar: syg"), for the own children only."""
    own = sorted(actor.guardian_of & child_ids if child_ids is not None else actor.guardian_of)
    if not own:
        return []
    found = await absences.family_absences(actor, own, now=utcnow())
    return [CalendarItem(kind="absence", key=f"absence-{a.child_id}-{a.day.isoformat()}",
                         title=t("cal.absence.title_sick" if a.sick else "cal.absence.title_vacation",
                                 name=a.first_name),
                         starts_at=local_midnight(a.day), ends_at=local_midnight(a.day + timedelta(days=1)),
                         all_day=True, child_ids=(a.child_id,), url=f"/kommegaa/plan/{a.child_id}")
            for a in found if first <= a.day <= last]
