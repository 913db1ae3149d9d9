"""The form for a new conference round: group, title, place, length, days with times, breaks, deadline, reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.conferences import service
from domain.conferences.service import RoundInput
from domain.conferences.slots import BreakInput, DayInput, local_moment, parse_time
from domain.dates import parse_danish_date, show_day
from domain.errors import DomainError
from domain.identity.model import Actor
from ui.components import attempt, confirm
from ui.dates import DateField, date_input
from ui.i18n import t, tn


def parse_day(value: str) -> date:
    """A typed day (7.12.2026, 7.12, 2026-12-07; see domain/dates.py), or the reason it is not one."""
    return parse_danish_date(value, today_local(), future=True)


def _number(value: object, empty: int | None) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text:
        return empty
    try:
        return int(float(text))
    except ValueError as error:
        raise DomainError("conferences.bad_number") from error


@dataclass
class _Row:
    """One day or break line of inputs."""

    day: DateField | None
    start: ui.input
    end: ui.input


class RoundForm:
    """A new round's inputs; days and breaks can be added and removed."""

    def __init__(self, actor: Actor, groups: dict[int, str]) -> None:
        self.actor, self.groups = actor, groups
        first = today_local() + timedelta(days=7)
        self.days: list[tuple[str, str, str]] = [(show_day(first), "14:00", "17:00")]
        self.breaks: list[tuple[str, str]] = []
        self.day_rows: list[_Row] = []
        self.break_rows: list[_Row] = []
        self.deadline_default = first - timedelta(days=2)

    def build(self) -> None:
        """Every field, then the button that creates the round."""
        g = self.groups
        self.group = ui.select(g, value=next(iter(g), None), label=t("conferences.field.group"), with_input=True
                               ).props("outlined dense").classes("w-full").mark("round-group")
        self.title = ui.input(t("conferences.field.title"), value=t("conferences.field.title_default")).props(
            f"outlined dense maxlength={service.TITLE_MAX}").classes("w-full").mark("round-title")
        self.place = ui.input(t("conferences.field.place")).props(
            f"outlined dense maxlength={service.PLACE_MAX}").classes("w-full").mark("round-place")
        with ui.row().classes("w-full items-center gap-4"):
            self.minutes = ui.number(t("conferences.field.minutes"), value=15, min=5, max=120, step=5).props(
                "outlined dense").classes("w-40").mark("round-minutes")
            self.child = ui.switch(t("conferences.field.child"), value=False).mark("round-child")
        ui.label(t("conferences.days")).classes("text-subtitle2")
        self.day_list()
        ui.button(t("conferences.add_day"), icon="add", on_click=self.add_day).props("flat dense no-caps").mark(
            "add-day")
        ui.label(t("conferences.breaks")).classes("text-subtitle2")
        self.break_list()
        ui.button(t("conferences.add_break"), icon="add", on_click=self.add_break).props(
            "flat dense no-caps").mark("add-break")
        with ui.element("div").classes("grid grid-cols-2 gap-2 w-full"):
            self.deadline_day = date_input(t("conferences.field.deadline_day"), self.deadline_default,
                                           "round-deadline-day", past=False)
            self.deadline_time = ui.input(t("conferences.field.deadline_time"), value="12:00").props(
                "outlined dense type=time stack-label").mark("round-deadline-time")
        self.reminder = ui.input(t("conferences.field.reminder"), value="24").props(
            "outlined dense inputmode=numeric").classes("w-full").mark("round-reminder")
        ui.button(t("conferences.create"), icon="event_available", on_click=self.create).props("no-caps").mark(
            "create-round")

    def _keep(self) -> None:
        """Remember what was typed before the lists are redrawn."""
        self.days = [(str(r.day.value or "") if r.day else "", str(r.start.value or ""), str(r.end.value or ""))
                     for r in self.day_rows]
        self.breaks = [(str(r.start.value or ""), str(r.end.value or "")) for r in self.break_rows]

    @ui.refreshable_method
    def day_list(self) -> None:
        """One line per day: date, from, to, and a remove button."""
        self.day_rows = []
        for i, (day, start, end) in enumerate(self.days):
            with ui.column().classes("w-full gap-1 q-pa-xs rounded-borders").style("border: 1px solid #ddd"):
                with ui.row().classes("w-full items-center no-wrap gap-1"):
                    d = date_input(t("conferences.field.day"), None, f"day-{i}", past=False).classes("col")
                    d.set_value(day)  # as typed, also when it is not (yet) a date
                    ui.button(icon="close", on_click=lambda _e, n=i: self.remove_day(n)).props(
                        "flat dense round").props["aria-label"] = t("conferences.remove")
                with ui.element("div").classes("grid grid-cols-2 gap-2 w-full"):
                    s = ui.input(t("conferences.field.from"), value=start).props(
                        "outlined dense type=time stack-label").mark(f"day-{i}-from")
                    e = ui.input(t("conferences.field.to"), value=end).props(
                        "outlined dense type=time stack-label").mark(f"day-{i}-to")
            self.day_rows.append(_Row(d, s, e))

    @ui.refreshable_method
    def break_list(self) -> None:
        """One line per break: from, to, and a remove button."""
        self.break_rows = []
        for i, (start, end) in enumerate(self.breaks):
            with ui.row().classes("w-full items-center no-wrap gap-1"):
                s = ui.input(t("conferences.field.from"), value=start).props("outlined dense type=time stack-label"
                                                                            ).classes("col").mark(f"break-{i}-from")
                e = ui.input(t("conferences.field.to"), value=end).props("outlined dense type=time stack-label"
                                                                        ).classes("col").mark(f"break-{i}-to")
                ui.button(icon="close", on_click=lambda _e, n=i: self.remove_break(n)).props(
                    "flat dense round").props["aria-label"] = t("conferences.remove")
            self.break_rows.append(_Row(None, s, e))

    def add_day(self) -> None:
        """Another day, the day after the last one, with the same hours."""
        self._keep()
        last = self.days[-1] if self.days else (show_day(today_local()), "14:00", "17:00")
        try:
            following = show_day(parse_day(last[0]) + timedelta(days=1))
        except DomainError:
            following = ""
        self.days.append((following, last[1], last[2]))
        self.day_list.refresh()

    def remove_day(self, index: int) -> None:
        """Drop a day line."""
        self._keep()
        del self.days[index]
        self.day_list.refresh()

    def add_break(self) -> None:
        """Another break line."""
        self._keep()
        self.breaks.append(("16:00", "16:15"))
        self.break_list.refresh()

    def remove_break(self, index: int) -> None:
        """Drop a break line."""
        self._keep()
        del self.breaks[index]
        self.break_list.refresh()

    def spec(self) -> RoundInput:
        """The round as typed, or a refusal naming the first field that is wrong."""
        self._keep()
        for field in [r.day for r in self.day_rows if r.day] + [self.deadline_day]:
            field.checked()  # each bad day is explained under its field, the first also in the message
        if self.group.value is None:
            raise DomainError("conferences.pick_group")
        deadline: datetime = local_moment(parse_day(str(self.deadline_day.value or "")),
                                          parse_time(str(self.deadline_time.value or "")))
        return RoundInput(
            group_id=int(self.group.value), title=str(self.title.value or ""), place=str(self.place.value or ""),
            slot_minutes=_number(self.minutes.value, 0) or 0,
            days=[DayInput(parse_day(d), s, e) for d, s, e in self.days],
            breaks=[BreakInput(s, e) for s, e in self.breaks], child_takes_part=bool(self.child.value),
            booking_deadline=deadline, reminder_hours=_number(self.reminder.value, None))

    async def create(self) -> None:
        """Create the round and open its schedule; bad input is explained and nothing is stored."""
        created: list[int] = []
        found: list[service.Shortfall | None] = []

        async def check() -> None:
            found.append(await service.check_shortfall(self.actor, self.spec(), now=utcnow()))

        if not await attempt(check()):
            return
        short = found[0]
        if short is not None and not await confirm(
                t("conferences.shortfall", slots=tn("conferences.n_slots", short.slots),
                  children=tn("conferences.n_children", short.children),
                  missing=tn("conferences.n_children", short.missing)),
                t("conferences.create_anyway"), "confirm-shortfall", danger=False):
            return

        async def write() -> None:
            created.append(await service.do_create_round(self.actor, self.spec(), now=utcnow()))

        if await attempt(write(), t("conferences.created")):
            ui.navigate.to(f"/kalender/samtaler/{created[0]}")
