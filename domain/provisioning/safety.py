"""The guard on large deactivations: more than 5 % of active people, or any institution, needs the typed number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.errors import DomainError
from domain.provisioning.model import ERROR, WARNING, ReportLine

SHARE_PERCENT = 5
REASON = "deactivation_unconfirmed"


class DeactivationUnconfirmed(DomainError):
    """A large deactivation was not confirmed with its exact number; nothing was changed."""


@dataclass(frozen=True)
class Deactivation:
    """What an import would deactivate, against how many people are active now."""

    total: int
    people: int
    institutions: int
    active: int

    @property
    def needs_number(self) -> bool:
        """True when one click is not enough: the operator must type the total."""
        return self.institutions > 0 or self.people * 100 > SHARE_PERCENT * self.active

    @property
    def params(self) -> dict[str, Any]:
        """The numbers a message names."""
        # One decimal, so 6,363 of 6,368 never reads as "100 %"; a Danish decimal comma.
        share = int(1000 * self.people / self.active) / 10 if self.active else 0.0
        share_text = f"{share:.0f}" if share == int(share) else f"{share:.1f}".replace(".", ",")
        return {"total": self.total, "people": self.people, "active": self.active, "share": share_text,
                "institutions": self.institutions}


def deactivation(counts: dict[str, dict[str, int]], active_people: int) -> Deactivation:
    """The deactivations a report counts."""
    return Deactivation(sum(c.get("deactivated", 0) for c in counts.values()),
                        counts.get("person", {}).get("deactivated", 0),
                        counts.get("institution", {}).get("deactivated", 0), active_people)


def required_number(d: Deactivation) -> int:
    """The number the operator must type to apply, or 0 when the usual confirmation is enough."""
    return d.total if d.needs_number else 0


def check_deactivation(d: Deactivation, confirmed: int | None) -> None:
    """Refuse a large deactivation unless `confirmed` is exactly the number that would be deactivated."""
    if d.needs_number and confirmed != d.total:
        raise DeactivationUnconfirmed(f"prov.reason.{REASON}", **d.params)


def warning(d: Deactivation) -> ReportLine:
    """The validation report's line saying the number must be typed to apply."""
    return ReportLine.make("", 0, WARNING, "person", "", REASON, **d.params)


def refusal(d: Deactivation) -> ReportLine:
    """The report line of an apply refused for want of the number."""
    return ReportLine.make("", 0, ERROR, "person", "", REASON, **d.params)
