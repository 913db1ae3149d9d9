"""Recognising text that must be treated as sensitive: anything shaped like a CPR number."""

from __future__ import annotations

import re
from datetime import date

# Six digits of a date, an optional dash or space, four digits, not glued to other digits.
_CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?!\d)")


def _valid_date(day: int, month: int, year: int) -> bool:
    # Any century: 29 February is valid when either 19yy or 20yy is a leap year.
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def looks_like_cpr(text: str) -> bool:
    """Whether the text holds DDMMYY-XXXX or DDMMYYXXXX with a real date."""
    return any(_valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) for m in _CPR.finditer(text))
