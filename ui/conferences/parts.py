"""Pieces both conference pages use: the round's facts, a confirm dialog, a domain write with its message."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from domain.conferences.model import RoundView, SlotView
from ui.conferences.format import deadline
from ui.i18n import t


def round_facts(view: RoundView) -> None:
    """Title line facts: group, place, organiser, length, whether the child takes part, the deadline."""
    with ui.card().classes("w-full q-pa-sm gap-1").mark("round-facts"):
        ui.label(f"{view.title} · {view.group_name}").classes("text-subtitle1 text-weight-medium")
        if view.place:
            ui.label(t("conferences.place", place=view.place)).classes("text-body2")
        if view.organiser_name:
            ui.label(t("conferences.organiser", name=view.organiser_name)).classes("text-body2")
        ui.label(t("conferences.slot_length_label", minutes=view.slot_minutes)).classes("text-caption text-grey-8")
        ui.label(t("conferences.child_part" if view.child_takes_part else "conferences.child_not_part")).classes(
            "text-caption text-grey-8")
        ui.label(t("conferences.deadline", when=deadline(view.booking_deadline))).classes("text-caption")
        if view.closed:
            ui.badge(t("conferences.closed_badge"), color="grey-7").mark("round-closed")


def by_day(slots: tuple[SlotView, ...]) -> dict[date, list[SlotView]]:
    """Slots grouped by their Copenhagen date, in time order."""
    days: dict[date, list[SlotView]] = {}
    for slot in slots:
        days.setdefault(slot.local_day, []).append(slot)
    return days


