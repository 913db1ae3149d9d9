"""Form pieces shared by pages: a date field with a picker, and reading it back."""

from __future__ import annotations

from datetime import date

from nicegui import ui


def parse_day(text: str) -> date | None:
    """An ISO date from an input, or None."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def date_input(label: str, value: date | None) -> ui.input:
    """A text field with a date picker, holding an ISO date."""
    field = ui.input(label, value=value.isoformat() if value else "").props("dense outlined")
    with field.add_slot("append"):
        with ui.icon("event").classes("cursor-pointer"):
            with ui.menu():
                ui.date().bind_value(field)
    return field
