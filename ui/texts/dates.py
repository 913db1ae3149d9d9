"""Texts of the shared date field and of the refusals of a typed date or a range (domain/dates.py)."""

from __future__ import annotations

DATES_TEXTS: dict[str, tuple[str, str]] = {
    "dates.hint": ("dd.mm.åååå", "dd.mm.yyyy"),
    "dates.pick": ("Vælg i kalenderen: {label}", "Choose in the calendar: {label}"),
    "dates.empty": ("Skriv en dato, fx 7.12.2026.", "Enter a date, e.g. 7.12.2026."),
    "dates.format": ("Skriv datoen som dd.mm.åååå, fx 7.12.2026.", "Write the date as dd.mm.yyyy, e.g. 7.12.2026."),
    "dates.no_month": ("Der er ingen måned {month}: måneden skrives 1–12.",
                       "There is no month {month}: write the month as 1–12."),
    "dates.no_day": ("Den dato findes ikke: måneden har kun {days} dage.",
                     "There is no such date: that month has only {days} days."),
    "dates.year": ("Året skal ligge mellem {first} og {last}.", "The year must lie between {first} and {last}."),
    "dates.past": ("{day} er allerede gået: vælg i dag ({today}) eller senere.",
                   "{day} has already passed: choose today ({today}) or later."),
    "dates.range.missing": ("Vælg både første og sidste dag.", "Choose both the first and the last day."),
    "dates.range.reversed": ("Sidste dag ({last}) ligger før første dag ({first}).",
                             "The last day ({last}) is before the first day ({first})."),
}
