"""Texts for messages: key -> (Danish, English)."""

from __future__ import annotations

MESSAGES_TEXTS: dict[str, tuple[str, str]] = {}
