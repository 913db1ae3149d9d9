"""The one date field of every page: typed as 7.12.2026 or picked in a Danish calendar, refused with the reason."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from nicegui import ui

from domain.clock import today_local
from domain.dates import check_not_past, check_range, parse_danish_date, show_day
from domain.errors import DomainError
from ui.components import icon_button
from ui.i18n import MONTHS, current_language, error_text, t

# A date still being typed ("31.0", "7.12.20", "2026-1"): no refusal while the field has focus and it may go on.
PARTIAL = re.compile(r"\d{0,2}(?:\.\d{0,2}(?:\.\d{0,3})?)?|\d{1,4}(?:-\d{0,2}(?:-\d?)?)?")
DAYS = {
    "da": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
    "en": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
}
DAYS_SHORT = {
    "da": ["søn.", "man.", "tir.", "ons.", "tor.", "fre.", "lør."],
    "en": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
}
MONTHS_SHORT = {
    "da": ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
# Never wider than a phone: a menu opened from a field in the left half ran 30 px past a 390 px screen (Sunday cut).
PICKER_STYLE = "width: min(20rem, calc(100vw - 32px)); min-width: 0; max-width: 100%"


def locale(lang: str) -> dict[str, Any]:
    """Quasar QDate's names in the user's language, the week starting on Monday."""
    return {"days": DAYS[lang], "daysShort": DAYS_SHORT[lang], "months": MONTHS[lang],
            "monthsShort": MONTHS_SHORT[lang], "firstDayOfWeek": 1, "format24h": True}


def picker_title(day: date, lang: str) -> str:
    """The picker's heading: "man. 7. dec." (or "Mon 7 Dec")."""
    weekday = DAYS_SHORT[lang][(day.weekday() + 1) % 7]
    month = MONTHS_SHORT[lang][day.month - 1]
    return f"{weekday} {day.day}. {month}" if lang == "da" else f"{weekday} {day.day} {month}"


def parse_day(value: str | None, *, future: bool = False) -> date | None:
    """A typed date (7.12.2026, 7.12, 2026-12-07 ...) read with today's year where none is given; None if not one."""
    try:
        return parse_danish_date(value, today_local(), future=future)
    except DomainError:
        return None


class DateField(ui.input):
    """A typeable dd.mm.åååå field with a named calendar button; a bad date is explained under the field.

    `past=False` refuses days before today and reads a day without a year that has passed as next year's.
    `optional=True` lets the field stay empty.
    """

    def __init__(self, label: str, value: date | None = None, *, past: bool = True, optional: bool = False) -> None:
        super().__init__(label, value=show_day(value) if value else "", placeholder=t("dates.hint"),
                         validation=self._problem)
        self._past, self._optional, self._focused, self._syncing = past, optional, False, False
        self.without_auto_validation()
        self.props("outlined dense autocomplete=off")
        self.on("focus", self._focus)
        self.on("blur", self._leave)
        # The input's own change event: Tab onto the calendar button leaves the text but not the field (no blur).
        self.on("change", self._settle)
        self.on_value_change(self._typed)
        with self.add_slot("append"):
            with icon_button("event", t("dates.pick", label=label), self._open):
                # Quasar's popup proxy: a menu beside the field on a wide screen, a centred dialog on a phone.
                with ui.element("q-popup-proxy").props("no-parent-event") as self._popup:
                    lang = current_language()
                    self._picker = ui.date(mask="D.M.YYYY").props("first-day-of-week=1").style(PICKER_STYLE)
                    self._picker.props["locale"] = locale(lang)
        self._picker.on_value_change(self._picked)

    def _read(self) -> date | None:
        """The date typed, None when empty and allowed to be; a DomainError with the reason otherwise."""
        text = str(self.value or "").strip()
        if not text and self._optional:
            return None
        today = today_local()
        day = parse_danish_date(text, today, future=not self._past)
        return day if self._past else check_not_past(day, today)

    def _problem(self, value: Any) -> str | None:
        """The reason the text is not a date, or None; a date still being typed is left alone."""
        text = str(value or "").strip()
        if self._focused and PARTIAL.fullmatch(text):
            return None
        try:
            self._read()
        except DomainError as error:
            return error_text(error)
        return None

    @property
    def day(self) -> date | None:
        """The date in the field, or None when it is empty or refused (without showing anything)."""
        try:
            return self._read()
        except DomainError:
            return None

    def checked(self) -> date | None:
        """The date in the field, showing the reason under it when it is refused (then None, as when empty)."""
        self._focused = False
        self.validate(return_result=False)
        return self.day

    def set_day(self, day: date | None) -> None:
        """Show another date (7.12.2026) or none."""
        self.set_value(show_day(day) if day else "")

    def _focus(self) -> None:
        self._focused = True

    def _leave(self) -> None:
        self._focused = False
        self._settle()

    def _settle(self) -> None:
        """Write the date out in full (7.12 becomes 7.12.2026) and say what is wrong, if anything."""
        day = self.day
        if day is not None and self.value != show_day(day):
            self.set_value(show_day(day))
        focused, self._focused = self._focused, False
        self.validate(return_result=False)
        self._focused = focused

    def _typed(self) -> None:
        if self._syncing:
            return
        self.validate(return_result=False)

    def _open(self) -> None:
        """Open the calendar on the field's date (or today), headed "man. 7. dec."."""
        shown = self.day or today_local()
        self._syncing = True
        try:
            self._picker.set_value(show_day(self.day) if self.day else None)
        finally:
            self._syncing = False
        self._picker.props["title"] = picker_title(shown, current_language())
        self._picker.props["subtitle"] = str(shown.year)
        self._picker.props["default-year-month"] = f"{shown.year}/{shown.month:02d}"
        self._picker.update()
        self._popup.run_method("show")

    def _picked(self, event: Any) -> None:
        """A day picked: into the field, and the calendar closes (a second tap on the same day keeps it)."""
        if self._syncing:
            return
        if event.value:
            self.set_value(str(event.value))
        self._focused = False
        self.validate(return_result=False)
        self._popup.run_method("hide")


def date_input(label: str, value: date | None = None, marker: str | None = None, *, past: bool = True,
               optional: bool = False) -> DateField:
    """The shared date field (see DateField), marked for tests when a marker is given."""
    field = DateField(label, value, past=past, optional=optional)
    return field.mark(marker) if marker else field


def problem(*fields: DateField) -> str | None:
    """The first reason shown under one of the fields, for a message that says why nothing was saved."""
    return next((field.error for field in fields if field.error), None)


def checked_range(first: DateField, last: DateField, *, past: bool = True) -> tuple[date, date] | None:
    """Both days of a first/last pair, or None with the reason under the field it concerns (nothing is stored)."""
    start, end = first.checked(), last.checked()
    if first.error or last.error:
        return None
    try:
        return check_range(start, end, None if past else today_local())
    except DomainError as error:
        target = first if error.key == "dates.past" or (error.key == "dates.range.missing" and start is None) \
            else last
        target.error = error_text(error)
        return None
