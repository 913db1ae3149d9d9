"""Typed text Sammen stores: control characters are refused before anything is written."""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
from collections.abc import Mapping
from enum import Enum

from domain.errors import DomainError

log = logging.getLogger("sammen.input")

# C0 control characters except tab, newline and carriage return (what a text area sends). PostgreSQL refuses NUL
# outright, so a message with one was lost without a word; the others belong in no name, title or message either.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control(value: object) -> bool:
    """Whether a control character hides in a string, or in any string inside lists, dicts or dataclasses."""
    if isinstance(value, str):
        return CONTROL.search(value) is not None
    if isinstance(value, Enum | bytes | bytearray | int | float | None):
        return False
    if isinstance(value, Mapping):
        return any(has_control(k) or has_control(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(has_control(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(has_control(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def check_typed_text(*values: object) -> None:
    """Refuse typed text with a control character (NUL and the like); logs one line, never the text itself."""
    if any(has_control(v) for v in values):
        # The caller's name tells an operator where it came from without copying what was typed into the log.
        log.warning("refused input with a control character in %s", sys._getframe(1).f_code.co_name)
        raise DomainError("error.control_characters")
