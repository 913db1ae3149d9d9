"""Cross-group vocabulary: membership rules, the form a manager fills in, and what a page shows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from domain.errors import DomainError

NAME_MAX = 120
PURPOSE_MAX = 500
RULES_MAX = 20
NAMED_MAX = 500
REMIND_DAYS = 14  # the owner hears of the expiry this many days before


class RuleRole(StrEnum):
    """Who a rule adds: families (the children; their guardians are reached through them) or staff by role."""

    FAMILIES = "families"
    STAFF = "staff"
    PAEDAGOG = "paedagog"
    LAERER = "laerer"
    LEDER = "leder"
    MEDHJAELPER = "medhjaelper"


@dataclass(frozen=True)
class Rule:
    """Institutions × (all groups, an årgang or one group) × role."""

    institution_ids: tuple[int, ...]
    role: RuleRole
    grade: int | None = None  # an årgang: groups named "3.A", "3. årgang"
    group_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        return {"institutions": list(self.institution_ids), "role": self.role.value, "grade": self.grade,
                "group": self.group_id}

    @staticmethod
    def from_json(row: dict[str, Any]) -> Rule:
        """Back from the stored form."""
        return Rule(tuple(int(i) for i in row.get("institutions", [])), RuleRole(row["role"]),
                    row.get("grade"), row.get("group"))

    def matches_group(self, name: str, group_id: int) -> bool:
        """Whether one of the institutions' groups is within this rule's group or årgang."""
        if self.group_id is not None:
            return group_id == self.group_id
        if self.grade is not None:
            return re.match(rf"^{self.grade}\.", name.strip()) is not None
        return True


@dataclass(frozen=True)
class CrossGroupForm:
    """What the create/edit dialog sends."""

    name: str
    purpose: str
    owner_id: int
    expires_on: date
    rules: tuple[Rule, ...] = ()
    named: tuple[int, ...] = ()

    def checked(self, today: date) -> CrossGroupForm:
        """The form trimmed, or a DomainError with a Danish message key."""
        name, purpose = self.name.strip(), self.purpose.strip()
        if not name or len(name) > NAME_MAX:
            raise DomainError("crossgroups.error.name")
        if len(purpose) > PURPOSE_MAX:
            raise DomainError("crossgroups.error.purpose")
        if self.expires_on < today:
            raise DomainError("crossgroups.error.expiry")
        if len(self.rules) > RULES_MAX or len(self.named) > NAMED_MAX:
            raise DomainError("crossgroups.error.too_many")
        if any(not r.institution_ids for r in self.rules):
            raise DomainError("crossgroups.error.rule")
        if not self.rules and not self.named:
            raise DomainError("crossgroups.error.empty")
        return CrossGroupForm(name, purpose, self.owner_id, self.expires_on, self.rules,
                              tuple(sorted(set(self.named))))


@dataclass(frozen=True)
class CrossGroupInfo:
    """A cross group as the list and the group page show it."""

    group_id: int
    name: str
    purpose: str
    owner_id: int | None
    owner_name: str
    expires_on: date | None
    member_count: int
    archived: bool
    can_manage: bool
    rules: tuple[Rule, ...] = ()
    named: tuple[int, ...] = field(default=())
    named_labels: tuple[str, ...] = ()  # one per named id, in the same order
