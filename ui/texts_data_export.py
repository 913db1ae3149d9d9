"""Texts for data_export: key -> (Danish, English)."""

from __future__ import annotations

DATA_EXPORT_TEXTS: dict[str, tuple[str, str]] = {}
