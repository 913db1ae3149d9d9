"""Row ids as they arrive from outside (an address, a token): only a number the database can hold is one."""

from __future__ import annotations

# Every table's id is a PostgreSQL integer (int4); a larger number made PostgreSQL raise instead of finding nothing.
MAX_ID = 2**31 - 1


def is_id(value: int) -> bool:
    """A positive number that fits the database's id column (0 and negatives are never given out)."""
    return 1 <= value <= MAX_ID


def parse_id(raw: str) -> int | None:
    """The id written in `raw` (digits only), or None for anything else, including a number too large."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if is_id(value) else None
