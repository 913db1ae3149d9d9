"""Read models of children: a guardian's overview cards and a child's page (Sammenhæng 0-16)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from domain import access
from domain.audit import service as audit
from domain.clock import age_on
from domain.errors import NotFound
from domain.identity.model import Actor, ChildFacts
from domain.organisation.model import EnrolmentView, InstitutionKind
from persistence.people import Custody, Enrolment, Person, PickupPerson
from persistence.queries import active_on, ints


@dataclass(frozen=True)
class ChildCard:
    """A child as a tile on a guardian's Overblik."""

    id: int
    first_name: str
    last_name: str
    photo_url: str
    current: tuple[EnrolmentView, ...]

    @property
    def initials(self) -> str:
        """Two letters for the avatar when there is no photo."""
        return (self.first_name[:1] + self.last_name[:1]).upper()


@dataclass(frozen=True)
class ChildProfile:
    """A child's page: who they are, where they are, and where they have been."""

    card: ChildCard
    birth_date: date | None
    age: int | None
    cpr_masked: str
    history: tuple[EnrolmentView, ...]
    guardians: tuple[str, ...]
    pickup_persons: tuple[str, ...]


def mask_cpr(cpr: str | None) -> str:
    """Show the birth-date part only: DDMMYY-XXXX."""
    return f"{cpr[:6]}-XXXX" if cpr and len(cpr) == 10 else "—"


async def _enrolments(child_ids: list[int], today: date, current_only: bool) -> dict[int, list[EnrolmentView]]:
    query = Enrolment.filter(child_id__in=child_ids)
    if current_only:
        query = query.filter(active_on(today))
    rows = await query.order_by("start").values(
        "child_id", "institution_id", "institution__name", "institution__kind", "group__name", "start", "end"
    )
    out: dict[int, list[EnrolmentView]] = defaultdict(list)
    for r in rows:
        out[r["child_id"]].append(
            EnrolmentView(
                institution_id=r["institution_id"],
                institution_name=r["institution__name"],
                institution_kind=InstitutionKind(r["institution__kind"]),
                group_name=r["group__name"] or "",
                start=r["start"],
                end=r["end"],
            )
        )
    return out


async def child_facts(child_id: int, today: date) -> ChildFacts:
    """The facts the policy needs about one child."""
    ids = ints(await Enrolment.filter(active_on(today), child_id=child_id).values_list("institution_id", flat=True))
    return ChildFacts(child_id=child_id, institution_ids=frozenset(ids))


async def children_of_guardian(actor: Actor, today: date) -> list[ChildCard]:
    """The actor's own children with their current institutions and groups (2 queries)."""
    ids = sorted(actor.guardian_of)
    if not ids:
        return []
    people = await Person.filter(id__in=ids, active=True).order_by("birth_date").values(
        "id", "first_name", "last_name", "photo_url"
    )
    current = await _enrolments([p["id"] for p in people], today, current_only=True)
    await audit.record_reads(actor, "view_overview", [p["id"] for p in people])
    return [
        ChildCard(p["id"], p["first_name"], p["last_name"], p["photo_url"], tuple(current.get(p["id"], [])))
        for p in people
    ]


async def child_profile(actor: Actor, child_id: int, today: date) -> ChildProfile:
    """A child's page, after the access check; every read is written to the audit log."""
    facts = await child_facts(child_id, today)
    await audit.check(access.can_view_child(actor, facts), actor, "view_child",
                      concerned_person_id=child_id, audit_allowed=True)
    person = await Person.get_or_none(id=child_id, is_child=True)
    if person is None:
        raise NotFound("error.not_found")
    history = (await _enrolments([child_id], today, current_only=False)).get(child_id, [])
    guardians = await Custody.filter(active_on(today, "valid_from", "valid_to"), child_id=child_id).values_list(
        "guardian__first_name", "guardian__last_name"
    )
    pickups = await PickupPerson.filter(child_id=child_id).values_list("name", "relation")
    card = ChildCard(person.id, person.first_name, person.last_name, person.photo_url,
                     tuple(e for e in history if e.is_current(today)))
    return ChildProfile(
        card=card,
        birth_date=person.birth_date,
        age=age_on(person.birth_date, today) if person.birth_date else None,
        cpr_masked=mask_cpr(person.cpr),
        history=tuple(sorted(history, key=lambda e: e.start, reverse=True)),
        guardians=tuple(f"{f} {la}" for f, la in guardians),
        pickup_persons=tuple(f"{n} ({r})" if r else n for n, r in pickups),
    )
