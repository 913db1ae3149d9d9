"""Texts for the wall screen and the leader's screens and settings: key -> (Danish, English)."""

from __future__ import annotations

KIOSK_TEXTS: dict[str, tuple[str, str]] = {
}
