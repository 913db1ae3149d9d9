"""Placeholder until the consents pages land."""

from __future__ import annotations


def register() -> None:
    """Register the pages (none yet)."""
