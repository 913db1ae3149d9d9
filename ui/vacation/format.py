"""How vacation requests are written on screen: weeks, short dates, weekday labels and the deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from domain.clock import COPENHAGEN
from ui.i18n import MONTHS, current_language, t


def weeks_text(first: date, last: date) -> str:
    """"uge 52–1" or "uge 28"."""
    a, b = first.isocalendar().week, last.isocalendar().week
    return t("vacation.weeks_one", week=a) if a == b else t("vacation.weeks", first=a, last=b)


def short_date(day: date) -> str:
    """"10. dec." (or "10 Dec")."""
    lang = current_language()
    month = MONTHS[lang][day.month - 1]
    if lang == "en":
        return f"{day.day} {month[:3]}"
    return f"{day.day}. {month}" if len(month) <= 4 else f"{day.day}. {month[:3]}."


def day_label(day: date) -> str:
    """"man 21.12."."""
    return f"{t(f'vacation.wd.{day.weekday()}')} {day.day}.{day.month}."


def deadline_day(deadline: datetime) -> date:
    """The last local day on which answers are taken (a deadline at midnight belongs to the day before)."""
    return (deadline.astimezone(COPENHAGEN) - timedelta(minutes=1)).date()


def end_of_day(day: date) -> datetime:
    """A chosen deadline day as its last minute in Copenhagen, in UTC."""
    return datetime.combine(day, time(23, 59), COPENHAGEN).astimezone(UTC)


def names_text(names: tuple[str, ...]) -> str:
    """"Oscar", "Oscar og Freja", "Ida, Oscar og Freja"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('vacation.and')} {names[-1]}"
