"""Texts for conferences: key -> (Danish, English)."""

from __future__ import annotations

CONFERENCES_TEXTS: dict[str, tuple[str, str]] = {}
