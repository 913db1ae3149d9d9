"""Texts for retention: key -> (Danish, English)."""

from __future__ import annotations

RETENTION_TEXTS: dict[str, tuple[str, str]] = {}
