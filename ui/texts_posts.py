"""Texts for posts: key -> (Danish, English)."""

from __future__ import annotations

POSTS_TEXTS: dict[str, tuple[str, str]] = {}
