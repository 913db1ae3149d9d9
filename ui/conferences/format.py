"""Dates and times of conference slots the Danish way: 'tirsdag 8. dec. kl. 14.15'."""

from __future__ import annotations

from datetime import date, datetime

from domain.clock import COPENHAGEN
from ui.i18n import current_language, t


def short_date(d: date) -> str:
    """'4. dec.' (or '4 Dec')."""
    month = t(f"conferences.mon.{d.month - 1}")
    return f"{d.day}. {month}" if current_language() == "da" else f"{d.day} {month}"


def day_heading(d: date) -> str:
    """'tirsdag 8. dec.'."""
    return f"{t(f'conferences.wd.{d.weekday()}')} {short_date(d)}"


def clock(moment: datetime) -> str:
    """'14.15' in Danish, '14:15' in English (Copenhagen time)."""
    local = moment.astimezone(COPENHAGEN)
    return f"{local:%H.%M}" if current_language() == "da" else f"{local:%H:%M}"


def when(moment: datetime) -> str:
    """'tirsdag 8. dec. kl. 14.15'."""
    local = moment.astimezone(COPENHAGEN)
    word = "kl." if current_language() == "da" else "at"
    return f"{day_heading(local.date())} {word} {clock(moment)}"


def deadline(moment: datetime) -> str:
    """A deadline: the date and, unless midnight, the time."""
    local = moment.astimezone(COPENHAGEN)
    return when(moment) if (local.hour, local.minute) != (0, 0) else short_date(local.date())
