"""Texts for the staff board, daily list and statistics: key -> (Danish, English)."""

from __future__ import annotations

BOARD_TEXTS: dict[str, tuple[str, str]] = {
}
