"""Texts for a guardian's KommeGå: live status, today's plan, the standard week, absence: key -> (Danish, English)."""

from __future__ import annotations

PARENT_PRESENCE_TEXTS: dict[str, tuple[str, str]] = {
}
