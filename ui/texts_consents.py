"""Texts for consents: key -> (Danish, English)."""

from __future__ import annotations

CONSENTS_TEXTS: dict[str, tuple[str, str]] = {}
