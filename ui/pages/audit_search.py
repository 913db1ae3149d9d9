"""Placeholder until the audit_search pages land."""

from __future__ import annotations


def register() -> None:
    """Register the pages (none yet)."""
