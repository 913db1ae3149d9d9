"""The four calendar views (month grid, week, day, agenda) drawn from a list of calendar items."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

from nicegui import ui

from domain.calendar.model import CalendarItem
from domain.clock import COPENHAGEN, today_local
from ui.calendar.format import GRID_HEAD, current_language, hours, long_day, short_day
from ui.i18n import t

Open = Callable[[CalendarItem], object]
COLOURS = {"event": "primary", "holiday": "red-8", "closing_day": "orange-9", "conference": "teal-7",
           "form_deadline": "purple-7", "vacation_deadline": "amber-9", "absence": "negative"}
KIND_ICONS = {"event": "event", "holiday": "celebration", "closing_day": "door_front", "conference": "forum",
              "form_deadline": "assignment", "vacation_deadline": "beach_access", "absence": "sick"}
CLOSED = ("holiday", "closing_day")
GRID_TITLES = 2


def colour(item: CalendarItem) -> str:
    """The Quasar colour of an item's kind (holidays and closing days stand out)."""
    return COLOURS.get(item.kind, "primary")


def days_of(item: CalendarItem) -> list[date]:
    """The local days an item covers (an all-day item ends at midnight after its last day)."""
    first = item.starts_at.astimezone(COPENHAGEN).date()
    end = item.ends_at.astimezone(COPENHAGEN)
    last = end.date()
    if last > first and end.hour == 0 and end.minute == 0:
        last -= timedelta(days=1)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def by_day(items: Iterable[CalendarItem], first: date, last: date) -> dict[date, list[CalendarItem]]:
    """Items per local day within a period, all-day items first and then by start."""
    days: dict[date, list[CalendarItem]] = defaultdict(list)
    for item in items:
        for day in days_of(item):
            if first <= day <= last:
                days[day].append(item)
    for day_items in days.values():
        day_items.sort(key=lambda i: (not i.all_day, i.starts_at, i.title))
    return days


def item_row(item: CalendarItem, on_open: Open) -> None:
    """One tappable row: a coloured bar, the time and the title (a label, never HTML)."""
    tone = colour(item)
    with ui.row().classes("w-full items-center no-wrap gap-2 q-py-xs cursor-pointer rounded-borders "
                          "hover:bg-gray-100").props(
            f'data-cal-item="{item.key}" role=button tabindex=0') as row:
        ui.element("div").classes(f"bg-{tone} self-stretch rounded-borders").style("width:4px;min-height:28px")
        ui.icon(KIND_ICONS.get(item.kind, "event"), color=tone, size="xs")
        with ui.column().classes("gap-0 min-w-0 col"):
            ui.label(item.title).classes("text-body2 text-weight-medium ellipsis w-full")
            details = [hours(item.starts_at, item.ends_at, item.all_day)]
            if item.kind != "event":
                details.append(t(f"cal.kind.{item.kind}"))
            if item.my_answer:
                details.append(t(f"cal.answered.{item.my_answer}"))
            if item.scope_label:
                details.append(item.scope_label)
            if item.place:
                details.append(item.place)
            ui.label(" · ".join(details)).classes("text-caption text-grey-8 ellipsis w-full")
        if item.url:
            ui.icon("chevron_right", color="grey-6")
    row.on("click", lambda _=None, i=item: on_open(i))
    row.on("keydown.enter", lambda _=None, i=item: on_open(i))
    row.on("keydown.space.prevent", lambda _=None, i=item: on_open(i))
    row.mark(f"cal-item-{item.key}")


def day_block(day: date, items: Sequence[CalendarItem], on_open: Open, empty: str = "") -> None:
    """A day's heading and its rows, today marked."""
    today = day == today_local()
    with ui.column().classes("w-full gap-0").props(f'data-cal-day="{day.isoformat()}"'):
        head = ui.label(long_day(day) if today or not empty else short_day(day)).classes(
            "text-subtitle2 text-weight-bold q-mt-sm")
        if today:
            head.classes("text-primary")
            head.set_text(f"{t('cal.today')} · {long_day(day)}")
        for item in items:
            item_row(item, on_open)
        if not items and empty:
            ui.label(empty).classes("text-caption text-grey-7")


def agenda(items: Sequence[CalendarItem], first: date, last: date, on_open: Open, empty: str) -> None:
    """The coming days that have something, grouped by day; a helpful sentence when nothing comes."""
    days = by_day(items, first, last)
    if not days:
        with ui.card().classes("w-full q-pa-md bg-blue-1").props("flat").mark("cal-empty"):
            with ui.row().classes("items-center no-wrap gap-3"):
                ui.icon("event_available", size="md", color="primary")
                ui.label(empty).classes("text-body1")
        return
    with ui.column().classes("w-full gap-1").mark("cal-agenda"):
        for day in sorted(days):
            day_block(day, days[day], on_open)


def day_lists(items: Sequence[CalendarItem], first: date, last: date, on_open: Open) -> None:
    """Week and day: every day of the period in time order, an empty day said so."""
    days = by_day(items, first, last)
    with ui.column().classes("w-full gap-1").mark("cal-days"):
        day = first
        while day <= last:
            day_block(day, days.get(day, []), on_open, empty=t("cal.empty.day"))
            day += timedelta(days=1)


def month_grid(items: Sequence[CalendarItem], first: date, last: date, month: int, selected: date | None,
               on_day: Callable[[date], object], on_open: Open) -> None:
    """A 7-column month: short titles from a tablet up, coloured dots on a phone; a tapped day lists its items."""
    days = by_day(items, first, last)
    lang = current_language()
    with ui.element("div").classes("w-full grid grid-cols-7 gap-px bg-grey-4 rounded-borders overflow-hidden"
                                   ).mark("cal-month"):
        for name in GRID_HEAD[lang]:
            ui.label(name).classes("bg-grey-2 text-center text-caption text-weight-bold q-py-xs")
        day = first
        while day <= last:
            _grid_cell(day, days.get(day, []), day.month == month, day == selected, on_day)
            day += timedelta(days=1)
    if selected is not None:
        with ui.card().classes("w-full q-pa-sm").props("flat bordered").mark("cal-selected-day"):
            day_block(selected, days.get(selected, []), on_open, empty=t("cal.empty.day"))


def _grid_cell(day: date, items: Sequence[CalendarItem], in_month: bool, selected: bool,
               on_day: Callable[[date], object]) -> None:
    holiday = any(i.kind in CLOSED for i in items)
    # A public holiday, then a closing day, before anything else: a cell has room for two titles, and a child's
    # "syg" must not push "Juledag" out of the month.
    items = sorted(items, key=lambda i: CLOSED.index(i.kind) if i.kind in CLOSED else len(CLOSED))
    background = "bg-blue-1" if selected else "bg-red-1" if holiday else "bg-white" if in_month else "bg-grey-2"
    with ui.element("div").classes(f"{background} q-pa-xs cursor-pointer min-w-0 overflow-hidden").style(
            "min-height:56px").props(f'data-cal-cell="{day.isoformat()}" role=button tabindex=0') as cell:
        number = ui.label(str(day.day)).classes("text-caption text-weight-bold")
        if day == today_local():
            number.classes("text-white bg-primary rounded-borders q-px-xs")
        elif not in_month:
            number.classes("text-grey-6")
        with ui.row().classes("gap-px lt-sm no-wrap"):
            for item in items[:4]:
                ui.element("div").classes(f"bg-{colour(item)} rounded-borders").style("width:6px;height:6px")
        with ui.column().classes("gap-0 gt-xs w-full"):
            for item in items[:GRID_TITLES]:
                ui.label(item.title).classes(f"text-caption ellipsis w-full text-{colour(item)}").style(
                    "line-height:1.2")
            if len(items) > GRID_TITLES:
                ui.label(t("cal.more", n=len(items) - GRID_TITLES)).classes("text-caption text-grey-7")
    # Its visible text is the day's number alone: the name says the whole date and how much it holds.
    cell.props["aria-label"] = t("cal.cell", day=long_day(day), n=len(items))
    cell.props["aria-pressed"] = "true" if selected else "false"
    cell.on("click", lambda _=None, d=day: on_day(d))
    # A role=button must be reachable by Tab and pressed with Enter or Space, like a real button.
    cell.on("keydown.enter", lambda _=None, d=day: on_day(d))
    cell.on("keydown.space.prevent", lambda _=None, d=day: on_day(d))
    cell.mark(f"cal-cell-{day.isoformat()}")
