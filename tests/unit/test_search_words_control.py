"""Typed search text with a control character is searched as if the character were a space (PostgreSQL refuses NUL)."""

from __future__ import annotations

from domain.search.words import parse


def test_a_nul_or_other_control_character_separates_words_and_never_reaches_a_query() -> None:
    query = parse("lærer\x002.A\x1f Solsikken\x07")
    assert query.words == ("lærer", "2.a", "solsikken")
    assert not any(ch < " " for word in query.words for ch in word)
