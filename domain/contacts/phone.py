"""Phone numbers as typed in Denmark and abroad: one stored form (+4512345678), one shown form (+45 12 34 56 78)."""

from __future__ import annotations

import re

from domain.errors import DomainError

# What people type between digits: spaces, dashes, dots, brackets and the no-break space a phone pastes.
SEPARATORS = re.compile(r"[\s\-./()\u00a0]")
MAX_LENGTH = 30


def normalise_phone(raw: str) -> str:
    """The stored form of a typed number ("" for none); DomainError with a Danish message for anything else."""
    text = (raw or "").strip()
    if not text:
        return ""
    if len(text) > MAX_LENGTH:
        raise DomainError("contacts.phone.invalid")
    compact = SEPARATORS.sub("", text)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    digits = compact[1:] if compact.startswith("+") else compact
    if not digits.isdigit() or not digits.isascii():
        raise DomainError("contacts.phone.invalid")
    if not compact.startswith("+"):
        if len(digits) != 8:  # a Danish number without its country code has eight digits
            raise DomainError("contacts.phone.invalid")
        return "+45" + digits
    if digits.startswith("45"):
        if len(digits) != 10:
            raise DomainError("contacts.phone.invalid")
        return "+" + digits
    if digits.startswith("0") or not 8 <= len(digits) <= 15:  # E.164: a country code never starts with 0
        raise DomainError("contacts.phone.invalid")
    return "+" + digits


def format_phone(stored: str) -> str:
    """A number as people read it: "+45 12 34 56 78"; a number from before the check is shown as it was typed."""
    try:
        canonical = normalise_phone(stored)
    except DomainError:
        return stored
    if canonical.startswith("+45"):
        rest = canonical[3:]
        return "+45 " + " ".join(rest[i:i + 2] for i in range(0, 8, 2))
    return canonical
