"""Small formatting helpers shared by the messages components: times, sizes, error notices."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.clock import COPENHAGEN, utcnow
from ui.i18n import MONTHS, current_language, fmt_short_date, t


def when(moment: datetime, now: datetime | None = None) -> str:
    """A message time the way a Danish inbox shows it: '14.05', 'i går', '3. nov.' or '03.11.2025'."""
    local = moment.astimezone(COPENHAGEN)
    today = (now or utcnow()).astimezone(COPENHAGEN).date()
    english = current_language() == "en"
    if local.date() == today:
        return f"{local:%H:%M}" if english else f"{local:%H.%M}"
    if local.date() == today - timedelta(days=1):
        return t("msg.yesterday")
    if local.year == today.year:
        month = MONTHS["en" if english else "da"][local.month - 1][:3]
        return f"{local.day} {month}" if english else f"{local.day}. {month}."
    return fmt_short_date(local.date())


def size_text(size: int) -> str:
    """A file size people read: '840 B', '12 kB', '3,4 MB'."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} kB"
    text = f"{size / (1024 * 1024):.1f} MB"
    return text if current_language() == "en" else text.replace(".", ",")


