"""The name a board tile shows: the first name, or enough of the last name to tell children apart."""

from __future__ import annotations

from domain.presence.board import short_names


def test_a_unique_first_name_stands_alone() -> None:
    assert short_names([(1, "Oscar", "Kristensen"), (2, "Emma", "Berg")]) == {1: "Oscar", 2: "Emma"}


def test_a_shared_first_name_gets_the_last_names_initial() -> None:
    names = short_names([(1, "Emma", "Kristensen"), (2, "Emma", "Berg"), (3, "Oscar", "Berg")])
    assert names == {1: "Emma K.", 2: "Emma B.", 3: "Oscar"}


def test_a_shared_initial_gets_as_many_letters_as_tell_them_apart() -> None:
    names = short_names([(1, "Esmarelda", "Berg"), (2, "Esmarelda", "Brandt"), (3, "Kenneth", "Jeppesen"),
                         (4, "Kenneth", "Jessen"), (5, "Kenneth", "Andersen")])
    assert names == {1: "Esmarelda Be.", 2: "Esmarelda Br.", 3: "Kenneth Jep.", 4: "Kenneth Jes.", 5: "Kenneth A."}


def test_the_whole_last_name_when_nothing_shorter_tells_them_apart() -> None:
    names = short_names([(1, "Emma", "Holm"), (2, "Emma", "Holmberg"), (3, "Emma", "Holm")])
    assert names == {1: "Emma Holm", 2: "Emma Holmb.", 3: "Emma Holm"}
