"""The registry of built-in widgets: Python classes registered by name, each declaring what it serves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.widgets.model import WidgetSpec


@dataclass(frozen=True)
class WidgetContext:
    """What a widget may draw on for one actor: the day, their institutions, and (for a guardian) children."""

    today: date
    institution_ids: frozenset[int]
    kinds: frozenset[InstitutionKind]
    kind_of: dict[int, InstitutionKind]
    child_ids: frozenset[int]


class BuiltinWidget:
    """A widget Sammen draws itself; subclasses set `spec` and load their data through domain services."""

    spec: ClassVar[WidgetSpec]

    async def load(self, actor: Actor, context: WidgetContext) -> Any:
        """The data to render for this actor (the UI draws it)."""
        raise NotImplementedError


REGISTRY: dict[str, type[BuiltinWidget]] = {}


def register(cls: type[BuiltinWidget]) -> type[BuiltinWidget]:
    """Class decorator: make a widget known by its spec's name (a name is registered once)."""
    name = cls.spec.name
    if name in REGISTRY and REGISTRY[name] is not cls:
        raise ValueError(f"widget {name!r} is registered twice")
    REGISTRY[name] = cls
    return cls
