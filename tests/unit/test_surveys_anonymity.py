"""Which groups of an anonymous survey's answers may be shown: none of 1-4, none that give such a group away."""

from __future__ import annotations

import pytest

from domain.rollout.model import MIN_GROUP, shown_groups, too_few


def test_fewer_than_5_answers_are_too_few_and_an_empty_group_is_not() -> None:
    assert MIN_GROUP == 5
    assert [n for n in range(8) if too_few(n)] == [1, 2, 3, 4]


@pytest.mark.parametrize(("counts", "shown"), [
    ({"a": 4}, set()),
    ({"a": 5}, {"a"}),
    ({"a": 5, "b": 5}, {"a", "b"}),
    ({"a": 5, "b": 0}, {"a", "b"}),  # nobody answered at b: nothing to give away
    # b's 2 answers are hidden, and a's figures beside the total of 7 would give them away.
    ({"a": 5, "b": 2}, set()),
    # The smallest shown group joins the hidden ones: 3 + 6 hidden together, the large group still shown.
    ({"a": 30, "b": 6, "c": 3}, {"a"}),
    # Hidden groups of 2 and 3 hold 5 answers together: nothing else needs hiding.
    ({"a": 9, "b": 2, "c": 3}, {"a"}),
    ({"a": 1, "b": 1, "c": 1, "d": 1, "e": 1}, set()),
])
def test_small_groups_and_groups_that_would_give_them_away_are_not_shown(counts: dict[str, int],
                                                                         shown: set[str]) -> None:
    assert shown_groups(counts) == shown
