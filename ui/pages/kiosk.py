"""Pages for the wall screen where children check themselves in."""

from __future__ import annotations


def register() -> None:
    """Add the pages (filled in by the KommeGå work)."""
