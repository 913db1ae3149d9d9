"""NiceGUI's 'does this handler expect arguments?' answers the same once Sammen remembers it per code object."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
from nicegui import helpers

from ui import heap


class Handler:
    def on_change(self, event: object) -> None:
        """Takes the event."""

    def on_click(self) -> None:
        """Takes nothing."""

    def __call__(self, event: object) -> None:
        """A callable object."""


def takes(event: object) -> None:
    """Takes the event."""


def wrapped(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def inner(*args: Any) -> Any:
        return func(*args)
    return inner


def handlers() -> list[Callable[..., Any]]:
    """Every shape of handler a page passes, twice where a page makes a new one per element."""
    out: list[Callable[..., Any]] = []
    for n in range(2):
        out += [lambda: None, lambda e: e, lambda e=n: e, lambda *a: a, lambda **k: k, lambda e, *, x=n: e]
    h = Handler()
    return out + [takes, h.on_change, h.on_click, Handler().on_change, h, functools.partial(takes), wrapped(takes),
                  wrapped(lambda: None), print]


def test_the_remembered_answers_are_the_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = helpers.expects_arguments
    expected = [asked(f) for f in handlers()]
    monkeypatch.setattr(helpers, "expects_arguments", asked)  # put back after the test
    heap.cache_handler_signatures()
    assert helpers.expects_arguments is not asked
    assert [helpers.expects_arguments(f) for f in handlers()] == expected
    assert [helpers.expects_arguments(f) for f in handlers()] == expected  # from memory the second time
    heap.cache_handler_signatures()  # twice wraps the original, not the first wrapper
    assert helpers.expects_arguments.__wrapped__ is asked  # type: ignore[attr-defined]
    assert [helpers.expects_arguments(f) for f in handlers()] == expected
