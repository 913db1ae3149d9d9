"""Pages for the staff's live KommeGå board, the daily list and statistics."""

from __future__ import annotations


def register() -> None:
    """Add the pages (filled in by the KommeGå work)."""
