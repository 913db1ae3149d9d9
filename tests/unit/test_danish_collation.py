"""Danish alphabetical order for lists of names."""

from __future__ import annotations

from domain.collation import danish_key


def test_ae_oe_and_aa_come_after_z_in_that_order() -> None:
    names = ["Åse", "Øjvind", "Zakarias", "Æbbe", "Anders", "Aage", "Émile", "Bo"]
    assert sorted(names, key=danish_key) == ["Anders", "Bo", "Émile", "Zakarias", "Æbbe", "Øjvind", "Aage", "Åse"]


def test_case_and_accents_only_break_ties() -> None:
    assert sorted(["emma", "Emma", "Émma"], key=danish_key) == ["Emma", "emma", "Émma"]
    assert danish_key("ärla")[0] == danish_key("ærla")[0]
