"""Texts for calendar: key -> (Danish, English)."""

from __future__ import annotations

CALENDAR_TEXTS: dict[str, tuple[str, str]] = {}
