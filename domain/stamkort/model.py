"""The stamkort's value types, limits and events (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.events import Event

# The longest text each field holds (the columns of persistence/stamkort.py).
LIMITS: dict[str, int] = {"allergies": 500, "diet": 500, "medicine": 2000, "health_notes": 2000,
                          "doctor_name": 120, "doctor_phone": 30, "practical": 2000}
# Personfølsomme fields: read and written only at assurance level 3, never in a preview, a notification or a log.
SENSITIVE = ("medicine", "health_notes")
PHONE_CHARACTERS = frozenset("0123456789 +-()")


def safety_topic(institution_id: int) -> str:
    """The staff boards of an institution, which show the allergy mark (never the wall screen or parents)."""
    return f"stamkort-safety:{institution_id}"


@dataclass(frozen=True)
class StamkortInput:
    """What a guardian typed; None in a sensitive field means "leave it as it is" (a level-2 session)."""

    allergies: str = ""
    diet: str = ""
    doctor_name: str = ""
    doctor_phone: str = ""
    practical: str = ""
    medicine: str | None = field(default=None, repr=False)
    health_notes: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Safety:
    """Allergies and diet: safety information every pædagog on the floor must see."""

    allergies: str
    diet: str

    @property
    def has_allergy(self) -> bool:
        """Whether the board marks the tile."""
        return bool(self.allergies.strip())


@dataclass(frozen=True)
class StamkortView:
    """A child's stamkort as one reader may see it; the sensitive fields are empty when `health_hidden`."""

    child_id: int
    child_name: str
    allergies: str
    diet: str
    doctor_name: str
    doctor_phone: str
    practical: str
    health_hidden: bool
    may_edit: bool
    updated_at: datetime | None = None
    updated_by: str = ""
    medicine: str = field(default="", repr=False)
    health_notes: str = field(default="", repr=False)


@dataclass(frozen=True)
class SafetyChanged(Event):
    """A child's allergies or diet changed; the staff boards of its institutions redraw its mark."""

    institution_ids: tuple[int, ...]
    child_id: int
    allergies: str
    diet: str

    @property
    def topics(self) -> tuple[str, ...]:
        """The staff boards of the child's current institutions."""
        return tuple(safety_topic(i) for i in self.institution_ids)
