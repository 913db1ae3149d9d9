"""A guardian's KommeGå pieces: the live status chip, today's plan line, history lines and phone-friendly inputs."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from nicegui import ui

from domain.events import Event
from domain.presence.family import change_between
from domain.presence.history import HistoryLine
from domain.presence.model import ABSENT, Action, DeviceKind, PresenceChanged, Status, Tile, child_topic
from domain.presence.pickups import ALONE_LABEL
from ui import dates
from ui.i18n import t
from ui.live import follow
from ui.presence.pickup_text import pickup_sentence

TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
# Badge colours under white text, each at least 4.5:1 (Quasar's grey-6, positive and orange-7 were 2.6–2.9:1).
COLOURS = {
    Status.NOT_ARRIVED: "grey-8",
    Status.PRESENT: "green-9",
    Status.SLEEPING: "indigo-6",
    Status.ON_TRIP: "teal-9",
    Status.AT_LOCATION: "teal-9",
    Status.PICKED_UP: "blue-grey-8",
    Status.SICK: "negative",
    Status.SICK_HERE: "negative",
    Status.VACATION: "deep-orange-10",
}


def status_text(tile: Tile) -> str:
    """"Til stede siden 07:42", "Ikke kommet", "Gået hjem 15:10", "Syg"."""
    return t(f"pp.status.{tile.status}", since=tile.since, location=tile.location, name=tile.first_name)


def plan_text(tile: Tile) -> str:
    """Today's plan in one line: "Hentes 14:30 af Farmor", "Går selv hjem 15:00", "Går hjem med Emma K."."""
    if tile.state in ABSENT:
        return ""  # a child who is not coming has no plan to tell ("Syg" says it all)
    parts = []
    if tile.arrival and tile.state is Status.NOT_ARRIVED:
        parts.append(t("pp.plan.arrival", at=tile.arrival))
    if tile.with_child:
        at = tile.alone or tile.pickup
        parts.append(t("pp.plan.with_at", name=tile.with_child, at=at) if at else
                     t("pp.plan.with", name=tile.with_child))
    elif pickup_sentence(tile.pickup_now):  # the same answer the board and the dialog show
        parts.append(pickup_sentence(tile.pickup_now))
    return " · ".join(parts) or t("pp.plan.none")


def history_text(line: HistoryLine) -> str:
    """"Tjekket ind 07:42 af Mette", "Hentet 15:10 af Farmor", "Gik selv hjem 15:00"."""
    if line.action is Action.CHECK_OUT:
        if line.pickup_by == ALONE_LABEL:
            text = t("presence.history.tjek_ud_alone", at=line.at)
        elif line.pickup_by:
            text = t("presence.history.tjek_ud", at=line.at, pickup=line.pickup_by)
        else:
            text = t("presence.history.tjek_ud_plain", at=line.at, by=line.by)
    else:
        key = "syg_her" if line.to_status is Status.SICK_HERE else line.action.value
        text = t(f"presence.history.{key}", at=line.at, by=line.by, location=line.location)
    return f"{text} {t('presence.history.kiosk')}" if line.device is DeviceKind.KIOSK else text


class LiveStatus:
    """One child's status chip and plan line (and, on the planning page, the day's history), kept live by events."""

    def __init__(self, tile: Tile, history: tuple[HistoryLine, ...] | None = None) -> None:
        self.tile = tile
        self.history = list(history or [])
        cid = tile.child_id
        with ui.row().classes("items-center gap-2 w-full"):
            # data-child names the child in every update, so a protocol-level client (bench/) can tell whose it is.
            self.chip = ui.badge(status_text(tile), color=COLOURS[tile.state]).props(
                f"rounded data-child={cid}").classes("text-body2 q-px-sm q-py-xs").mark(f"presence-status-{cid}")
        self.plan = ui.label(plan_text(tile)).classes("text-body2 text-grey-9").props(f"data-pickup={cid}").mark(
            f"presence-plan-{cid}")
        self.lines: ui.column | None = None
        if history is not None:
            ui.label(t("pp.history.title")).classes("text-subtitle2 q-mt-sm")
            self.lines = ui.column().classes("gap-1 w-full").mark(f"presence-history-{cid}")
            self._draw_history()
        follow(child_topic(cid), self.receive)

    def receive(self, event: Event) -> None:
        """Take a newer tile from the bus (no database)."""
        if not isinstance(event, PresenceChanged):
            return
        tile = Tile.from_wire(event.tile)
        if tile.day != self.tile.day or tile.institution_id != self.tile.institution_id or \
                tile.version < self.tile.version:
            return
        line = change_between(self.tile, tile)
        self.tile = tile
        self.chip.set_text(status_text(tile))
        self.chip.set_background_color(COLOURS[tile.state])
        self.plan.set_text(plan_text(tile))
        if line is not None and self.lines is not None:
            self.history.append(line)
            self._draw_history()

    def _draw_history(self) -> None:
        assert self.lines is not None
        self.lines.clear()
        with self.lines:
            if not self.history:
                ui.label(t("presence.history.empty")).classes("text-grey-7")
            for line in self.history:
                with ui.row().classes("items-center no-wrap gap-2"):
                    ui.icon("schedule", size="xs", color="grey-7")
                    ui.label(history_text(line)).classes("text-body2")


def valid_time(value: str | None) -> bool:
    """Empty or "HH:MM"."""
    return not value or bool(TIME.match(value.strip()))


def _with_picker(field: ui.input, icon: str, picker: Callable[[], ui.time | ui.date]) -> ui.input:
    """Add an icon that opens a picker bound to the field (typing stays possible)."""
    with field.add_slot("append"):
        opener = ui.icon(icon).classes("cursor-pointer")
        with ui.menu().props("no-parent-event") as menu:
            picker().bind_value(field)
        opener.on("click", menu.open)
    return field


def time_input(label: str, value: str, marker: str) -> ui.input:
    """A "HH:MM" field with a clock picker, usable with a phone's keyboard or a thumb."""
    field = ui.input(label, value=value, placeholder=t("pp.field.time_hint"),
                     validation={t("pp.field.bad_time"): valid_time}).props(
        'outlined dense clearable inputmode=numeric mask="##:##"').classes("w-full").mark(marker)
    return _with_picker(field, "schedule", lambda: ui.time(mask="HH:mm").props("format24h now-btn"))


def parse_day(value: str | None) -> date | None:
    """A typed date (7.12.2026, 7.12, ...; see ui.dates), a day without a year read as the next such day."""
    return dates.parse_day(value, future=True)


def date_input(label: str, value: date, marker: str) -> dates.DateField:
    """The shared date field for days ahead (no day before today), full width."""
    return dates.date_input(label, value, marker, past=False).classes("w-full")
