"""Widget vocabulary: where a widget goes, what it serves, and the keys that name built-in and external ones."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.events import Event
from domain.identity.model import Role
from domain.organisation.model import InstitutionKind

# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.
WIDGETS_TOPIC = "widgets"  # Open widget areas.


class Placement(StrEnum):
    """The column of Overblik a widget sits in."""

    MAIN = "main"
    SIDE = "side"


WIDGET_ROLES = frozenset({Role.PARENT, Role.STAFF, Role.LEADER, Role.CHILD})


@dataclass(frozen=True)
class WidgetSpec:
    """What a widget declares: its name, the roles and institution kinds it serves, where it goes."""

    name: str
    roles: frozenset[Role]
    kinds: frozenset[InstitutionKind] | None
    placement: Placement
    mobile: bool = True

    def serves(self, role: Role, kinds: frozenset[InstitutionKind]) -> bool:
        """Whether this widget is meant for a role at institutions of these kinds."""
        return role in self.roles and (self.kinds is None or bool(self.kinds & kinds))


def builtin_key(name: str) -> str:
    """The key of a built-in widget in layouts and settings."""
    return f"builtin:{name}"


def external_key(widget_id: int) -> str:
    """The key of a supplier's widget in layouts and settings."""
    return f"ext:{widget_id}"


@dataclass(frozen=True)
class WidgetSlot:
    """A widget as one actor's Overblik shows it."""

    key: str
    name: str
    title: str
    placement: Placement
    mobile: bool
    hidden: bool
    external_url: str = ""
    external_id: int = 0


@dataclass(frozen=True)
class WidgetContentChanged(Event):
    """A widget's content was written (a plan, a menu, a link); open pages at that institution redraw it."""

    widget: str
    institution_id: int | None

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to open widget areas."""
        return (WIDGETS_TOPIC,)
