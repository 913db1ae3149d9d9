"""Small pieces the blanket pages share: a deadline the Danish way, the open/closed badge, reading a deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from nicegui import ui

from domain.clock import COPENHAGEN
from ui.i18n import current_language, t

SHORT_MONTHS = {
    "da": ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def fmt_deadline(moment: datetime, with_time: bool = True) -> str:
    """'4. dec. kl. 12.00' (or '4 Dec at 12:00'), in Copenhagen time."""
    local = moment.astimezone(COPENHAGEN)
    lang = current_language()
    month = SHORT_MONTHS[lang][local.month - 1]
    if lang == "en":
        return f"{local.day} {month}" + (f" at {local:%H:%M}" if with_time else "")
    return f"{local.day}. {month}" + (f" kl. {local:%H.%M}" if with_time else "")


def status_badge(closed: bool) -> None:
    """Green 'Åben' or grey 'Lukket'."""
    ui.badge(t("forms.closed_badge" if closed else "forms.open"), color="grey-6" if closed else "positive").props(
        "rounded")


def deadline_from(day: date | None, time_text: str | None) -> datetime | None:
    """A day and an 'HH:MM' entered in Copenhagen time as an aware UTC moment (None when not valid)."""
    hours, _, minutes = (time_text or "").strip().partition(":")
    if day is None or not hours.isdigit() or not (minutes or "0").isdigit():
        return None
    h, m = int(hours), int(minutes or 0)
    if not (0 <= h < 24 and 0 <= m < 60):
        return None
    return datetime.combine(day, time(h, m), COPENHAGEN).astimezone(UTC)
