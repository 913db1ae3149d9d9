"""Texts for audit_search: key -> (Danish, English)."""

from __future__ import annotations

AUDIT_SEARCH_TEXTS: dict[str, tuple[str, str]] = {}
