"""Placeholder until the provisioning pages land."""

from __future__ import annotations


def register() -> None:
    """Register the pages (none yet)."""
