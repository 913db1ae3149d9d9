"""Texts for broadcast: key -> (Danish, English)."""

from __future__ import annotations

BROADCAST_TEXTS: dict[str, tuple[str, str]] = {}
