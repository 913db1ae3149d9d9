"""Calendar dates and times the Danish way, and the periods the views show (month, week, day, agenda)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.clock import COPENHAGEN
from ui.i18n import MONTHS, current_language

VIEWS = ("month", "week", "day", "agenda")
AGENDA_DAYS = 60
WEEKDAYS_SHORT = {
    "da": ["man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn."],
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
}
WEEKDAYS_LONG = {
    "da": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
GRID_HEAD = {"da": ["M", "T", "O", "T", "F", "L", "S"], "en": ["M", "T", "W", "T", "F", "S", "S"]}


def _lang(lang: str | None) -> str:
    return lang or current_language()


def month_short(d: date, lang: str | None = None) -> str:
    """'dec.' or 'maj' (Danish abbreviations keep short month names whole), 'Dec' in English."""
    name = MONTHS[_lang(lang)][d.month - 1]
    if _lang(lang) == "en":
        return name[:3]
    return name if len(name) <= 4 else f"{name[:3]}."


def short_day(d: date, lang: str | None = None) -> str:
    """'fre. 4. dec.' or 'Fri 4 Dec'."""
    lang = _lang(lang)
    weekday = WEEKDAYS_SHORT[lang][d.weekday()]
    return f"{weekday} {d.day}. {month_short(d, lang)}" if lang == "da" else f"{weekday} {d.day} {month_short(d, lang)}"


def long_day(d: date, lang: str | None = None) -> str:
    """'fredag 4. december 2026' or 'Friday 4 December 2026'."""
    lang = _lang(lang)
    month = MONTHS[lang][d.month - 1]
    weekday = WEEKDAYS_LONG[lang][d.weekday()]
    return f"{weekday} {d.day}. {month} {d.year}" if lang == "da" else f"{weekday} {d.day} {month} {d.year}"


def clock(moment: datetime, lang: str | None = None) -> str:
    """'14.00' in Danish, '14:00' in English, in Copenhagen time."""
    local = moment.astimezone(COPENHAGEN)
    return f"{local:%H.%M}" if _lang(lang) == "da" else f"{local:%H:%M}"


def time_range(starts_at: datetime, ends_at: datetime, all_day: bool, lang: str | None = None) -> str:
    """'fre. 4. dec. kl. 14.00–15.30', 'fre. 4. dec. hele dagen', or across days 'fre. 4. dec. – søn. 6. dec.'."""
    lang = _lang(lang)
    start = starts_at.astimezone(COPENHAGEN)
    end = ends_at.astimezone(COPENHAGEN)
    if all_day:
        last = end.date() - timedelta(days=1) if end.time() == datetime.min.time() and end.date() > start.date() \
            else end.date()
        whole = "hele dagen" if lang == "da" else "all day"
        if last <= start.date():
            return f"{short_day(start.date(), lang)} {whole}"
        return f"{short_day(start.date(), lang)} – {short_day(last, lang)}"
    at = "kl." if lang == "da" else "at"
    if end <= start:
        return f"{short_day(start.date(), lang)} {at} {clock(start, lang)}"
    if start.date() == end.date():
        return f"{short_day(start.date(), lang)} {at} {clock(start, lang)}–{clock(end, lang)}"
    return f"{short_day(start.date(), lang)} {at} {clock(start, lang)} – {short_day(end.date(), lang)} {at} " \
           f"{clock(end, lang)}"


def hours(starts_at: datetime, ends_at: datetime, all_day: bool, lang: str | None = None) -> str:
    """The time part alone for a list row: '14.00–15.30' or 'hele dagen'."""
    if all_day:
        return "hele dagen" if _lang(lang) == "da" else "all day"
    if ends_at <= starts_at:  # a deadline is a moment
        return f"{'kl.' if _lang(lang) == 'da' else 'at'} {clock(starts_at, lang)}"
    return f"{clock(starts_at, lang)}–{clock(ends_at, lang)}"


def week_start(d: date) -> date:
    """The Monday of the ISO week holding the day."""
    return d - timedelta(days=d.weekday())


def period(view: str, anchor: date) -> tuple[date, date]:
    """The first and last day a view shows around an anchor day (the month grid fills whole weeks)."""
    if view == "month":
        first_of_month = anchor.replace(day=1)
        next_month = (first_of_month + timedelta(days=32)).replace(day=1)
        return week_start(first_of_month), week_start(next_month - timedelta(days=1)) + timedelta(days=6)
    if view == "week":
        start = week_start(anchor)
        return start, start + timedelta(days=6)
    if view == "day":
        return anchor, anchor
    return anchor, anchor + timedelta(days=AGENDA_DAYS - 1)


def step(view: str, anchor: date, direction: int) -> date:
    """The anchor one period earlier (-1) or later (+1)."""
    if view == "month":
        month = anchor.month - 1 + direction
        return date(anchor.year + month // 12, month % 12 + 1, 1)
    days = {"week": 7, "day": 1}.get(view, AGENDA_DAYS)
    return anchor + timedelta(days=days * direction)


def period_text(view: str, anchor: date, lang: str | None = None) -> str:
    """'december 2026', 'uge 49 · 2026', 'fredag 4. december 2026' or '4. dec. – 1. feb.'."""
    lang = _lang(lang)
    if view == "month":
        return f"{MONTHS[lang][anchor.month - 1]} {anchor.year}"
    if view == "week":
        year, week, _ = anchor.isocalendar()
        return f"{'uge' if lang == 'da' else 'week'} {week} · {year}"
    if view == "day":
        return long_day(anchor, lang)
    first, last = period(view, anchor)
    return f"{day_month(first, lang)} – {day_month(last, lang)}"


def day_month(d: date, lang: str | None = None) -> str:
    """'28. nov.' or '28 Nov'."""
    return f"{d.day}. {month_short(d, lang)}" if _lang(lang) == "da" else f"{d.day} {month_short(d, lang)}"
