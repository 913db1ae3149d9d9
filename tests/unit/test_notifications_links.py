"""Unsubscribe tokens: only this secret's signature over this person and kind reads back; anything else is None."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from domain.notifications.links import make_token, read_token, unsubscribe_url
from domain.notifications.model import EmailKind

SECRET = "a long random storage secret"


def test_a_token_reads_back_as_its_person_and_kind() -> None:
    for kind in EmailKind:
        assert read_token(SECRET, make_token(SECRET, 42, kind)) == (42, kind)
    assert unsubscribe_url("https://sammen.example.dk/", SECRET, 42, EmailKind.URGENT) == (
        f"https://sammen.example.dk/email/afmeld/{make_token(SECRET, 42, EmailKind.URGENT)}")


@pytest.mark.parametrize("change", [
    lambda t: t.replace("42.", "43.", 1),  # another person, same signature
    lambda t: t.replace("reminders", "urgent"),  # another kind, same signature
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character of the signature
    lambda t: t[:-2],  # cut short, as a mail client breaking a long line might
    lambda t: t + "A",
    lambda t: t.replace("42", "٤٢"),  # Arabic-Indic digits that int() would accept
    lambda t: t.replace("reminders", "unknown"),
    lambda t: "",
    lambda t: "æøå" * 100,
])
def test_anything_but_the_exact_token_is_refused(change: Callable[[str], str]) -> None:
    token = make_token(SECRET, 42, EmailKind.REMINDERS)
    assert read_token(SECRET, change(token)) is None


def test_another_secret_or_none_refuses_and_no_token_is_made_without_one() -> None:
    token = make_token(SECRET, 42, EmailKind.REMINDERS)
    assert read_token("another secret", token) is None
    assert read_token("", token) is None
    with pytest.raises(ValueError, match="no secret"):
        make_token("", 42, EmailKind.REMINDERS)
