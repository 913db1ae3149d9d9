"""Pages for the leader's wall screens and KommeGå settings."""

from __future__ import annotations


def register() -> None:
    """Add the pages (filled in by the KommeGå work)."""
