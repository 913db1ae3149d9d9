"""Web addresses in typed text become links only for http and https; everything else stays text."""

from __future__ import annotations

import time

import pytest

from domain.links import Segment, safe_href, split_links


def links(text: str) -> list[str]:
    return [s.href for s in split_links(text) if s.href is not None]


def test_plain_text_is_one_segment_and_the_pieces_always_join_to_the_text() -> None:
    assert split_links("Husk madpakke i morgen") == [Segment("Husk madpakke i morgen")]
    assert split_links("") == [Segment("")]
    text = "Se https://skovly.dk/plan og http://x.dk/a?b=1&c=2#top, tak!"
    assert "".join(s.text for s in split_links(text)) == text
    assert links(text) == ["https://skovly.dk/plan", "http://x.dk/a?b=1&c=2#top"]


@pytest.mark.parametrize("text", [
    "javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox", "file:///etc/passwd", "ftp://filer.dk/x", "mailto:a@b.dk", "//evil.dk/x",
    "http://", "https:///sti", "http:evil.dk", "xhttp://evil.dk", "<a href=\"javascript:x\">klik</a>",
])
def test_other_schemes_and_broken_addresses_are_never_links(text: str) -> None:
    assert links(text) == []
    assert "".join(s.text for s in split_links(text)) == text


def test_an_uppercase_scheme_is_linked_with_a_lowercase_href_and_shown_as_typed() -> None:
    [segment] = [s for s in split_links("Se HTTPS://Skovly.DK/Plan") if s.href]
    assert segment == Segment("HTTPS://Skovly.DK/Plan", "https://Skovly.DK/Plan")
    assert safe_href("hTTp://a.dk") == "http://a.dk"
    assert safe_href("javascript://a.dk/%0aalert(1)") is None


@pytest.mark.parametrize(("text", "address"), [
    ("Se https://skovly.dk/plan.", "https://skovly.dk/plan"),
    ("https://skovly.dk, og så", "https://skovly.dk"),
    ("Virker https://skovly.dk?", "https://skovly.dk"),
    ("»https://skovly.dk«", "https://skovly.dk"),
    ('"https://skovly.dk"', "https://skovly.dk"),
    ("Læs mere: https://skovly.dk/a/b/!", "https://skovly.dk/a/b/"),
])
def test_sentence_punctuation_after_an_address_stays_text(text: str, address: str) -> None:
    assert links(text) == [address]
    assert "".join(s.text for s in split_links(text)) == text


def test_parentheses_close_the_address_only_when_unbalanced() -> None:
    assert links("(se https://skovly.dk/plan)") == ["https://skovly.dk/plan"]
    assert links("https://da.wikipedia.org/wiki/Aula_(platform)") == ["https://da.wikipedia.org/wiki/Aula_(platform)"]
    assert links("(https://da.wikipedia.org/wiki/Aula_(platform)).") == [
        "https://da.wikipedia.org/wiki/Aula_(platform)"]
    assert links("[https://skovly.dk]") == ["https://skovly.dk"]


def test_an_address_stops_at_space_quotes_and_angle_brackets() -> None:
    assert links("https://a.dk<script>") == ["https://a.dk"]
    assert links("https://a.dk\"onmouseover=\"x") == ["https://a.dk"]
    assert links("https://a.dk\nhttps://b.dk\thttps://c.dk") == ["https://a.dk", "https://b.dk", "https://c.dk"]


def test_very_long_text_is_split_quickly_and_an_endless_address_stays_text() -> None:
    text = ("Hej " + "https://skovly.dk/plan " + "x" * 50) * 4000  # about 300,000 characters
    started = time.perf_counter()
    parts = split_links(text)
    assert time.perf_counter() - started < 1.0
    assert "".join(s.text for s in parts) == text and len([s for s in parts if s.href]) == 4000
    huge = "https://a.dk/" + "a" * 100_000
    assert links(huge) == [] and split_links(huge) == [Segment(huge)]
    assert links("h" * 100_000 + "ttp://" + ":" * 100_000) == []
