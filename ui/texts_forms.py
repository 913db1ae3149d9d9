"""Texts for forms: key -> (Danish, English)."""

from __future__ import annotations

FORMS_TEXTS: dict[str, tuple[str, str]] = {}
