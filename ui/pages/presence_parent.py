"""Pages for a guardian's KommeGå planning page."""

from __future__ import annotations


def register() -> None:
    """Add the pages (filled in by the KommeGå work)."""
