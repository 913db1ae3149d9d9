"""Phone numbers as typed in Denmark and abroad: stored one way, shown the Danish way, bad ones refused."""

from __future__ import annotations

import pytest

from domain.contacts.phone import format_phone, normalise_phone
from domain.errors import DomainError


@pytest.mark.parametrize(("typed", "stored", "shown"), [
    ("12345678", "+4512345678", "+45 12 34 56 78"),
    ("12 34 56 78", "+4512345678", "+45 12 34 56 78"),
    ("+45 12 34 56 78", "+4512345678", "+45 12 34 56 78"),
    ("0045 1234-5678", "+4512345678", "+45 12 34 56 78"),
    ("+46 (70) 123 45 67", "+46701234567", "+46701234567"),
    ("  ", "", ""),
])
def test_typed_numbers_are_stored_and_shown(typed: str, stored: str, shown: str) -> None:
    assert normalise_phone(typed) == stored
    assert format_phone(stored) == shown


@pytest.mark.parametrize("typed", ["1234", "123456789", "+45 1234567", "+0 123 456 78", "12-34-ab-78",
                                   "+4512345678" * 3,
                                   "١٢٣٤٥٦٧٨", "+1 2"])
def test_numbers_that_cannot_be_are_refused(typed: str) -> None:
    with pytest.raises(DomainError) as refused:
        normalise_phone(typed)
    assert refused.value.key == "contacts.phone.invalid"


def test_a_number_from_before_the_check_is_shown_as_typed() -> None:
    assert format_phone("ring efter kl. 16") == "ring efter kl. 16"
    assert format_phone("20 30 40 50") == "+45 20 30 40 50"
