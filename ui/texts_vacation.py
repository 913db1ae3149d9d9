"""Texts for vacation: key -> (Danish, English)."""

from __future__ import annotations

VACATION_TEXTS: dict[str, tuple[str, str]] = {}
