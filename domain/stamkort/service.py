"""Stamkort use cases: check_* decide and audit, do_* write; every read and every change is audited."""

from __future__ import annotations

from datetime import date, datetime

from domain.access.core import Decision
from domain.access.stamkort import can_edit_stamkort, can_read_health_notes, can_read_stamkort
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor, ChildFacts, Role
from domain.stamkort.model import LIMITS, PHONE_CHARACTERS, SENSITIVE, SafetyChanged, StamkortInput, StamkortView
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.people import Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints
from persistence.stamkort import Stamkort

READ, EDIT = "view_stamkort", "edit_stamkort"


async def child_facts(child_id: int, today: date) -> ChildFacts:
    """The child's current institutions and enrolment groups (one query)."""
    rows = await Enrolment.filter(active_on(today), child_id=child_id).values_list("institution_id", "group_id")
    return ChildFacts(child_id=child_id, institution_ids=frozenset(int(i) for i, _ in rows),
                      group_ids=frozenset(int(g) for _, g in rows if g is not None))


async def _actor_groups(actor: Actor) -> frozenset[int]:
    """The groups a member of staff belongs to (no query for anyone else)."""
    if actor.role is not Role.STAFF:
        return frozenset()
    return frozenset(ints(await GroupMembership.filter(person_id=actor.person_id).values_list("group_id", flat=True)))


async def check_read(actor: Actor, child_id: int, today: date) -> Decision:
    """Refuse (and audit the refusal) unless the actor may read the child's stamkort."""
    decision = can_read_stamkort(actor, await child_facts(child_id, today), await _actor_groups(actor))
    await audit.check(decision, actor, READ, concerned_person_id=child_id)
    return decision


async def check_edit(actor: Actor, child_id: int) -> None:
    """Refuse (and audit the refusal) unless the actor is a current guardian of the child."""
    await audit.check(can_edit_stamkort(actor, child_id), actor, EDIT, concerned_person_id=child_id)


def check_input(data: StamkortInput) -> None:
    """Refuse what cannot be stored: control characters, too long a text, a phone number with letters."""
    values = {name: getattr(data, name) for name in LIMITS}
    check_typed_text(*(v for v in values.values() if v is not None))
    for name, value in values.items():
        if value is not None and len(value.strip()) > LIMITS[name]:
            raise DomainError(f"stamkort.too_long.{name}", max=LIMITS[name])
    if not set(data.doctor_phone.strip()) <= PHONE_CHARACTERS:
        raise DomainError("stamkort.bad_phone")


async def stamkort_for(actor: Actor, child_id: int, today: date) -> StamkortView:
    """A child's stamkort as the actor may see it: medicine and health notes only at assurance level 3."""
    decision = await check_read(actor, child_id, today)
    person = await Person.get_or_none(id=child_id, is_child=True)
    if person is None:
        raise NotFound("error.not_found")
    row = await Stamkort.get_or_none(child_id=child_id).select_related("updated_by")
    shown = bool(can_read_health_notes(actor))
    # The entry names what was shown, never the text itself.
    await audit.record(READ, audit.ALLOWED, actor=actor, concerned_person_id=child_id,
                       detail=f"{decision.reason} health:{'shown' if shown else 'hidden_needs_level_3'}")
    name = f"{person.first_name} {person.last_name}"
    may_edit = bool(can_edit_stamkort(actor, child_id))
    if row is None:
        return StamkortView(child_id, name, "", "", "", "", "", not shown, may_edit)
    by = row.updated_by.first_name if row.updated_by else ""
    return StamkortView(child_id, name, row.allergies, row.diet, row.doctor_name, row.doctor_phone, row.practical,
                        not shown, may_edit, row.updated_at, by,
                        medicine=row.medicine if shown else "", health_notes=row.health_notes if shown else "")


async def do_save(actor: Actor, child_id: int, data: StamkortInput, *, now: datetime, today: date) -> tuple[str, ...]:
    """Write a guardian's stamkort; returns the names of the fields that changed (what the audit entry records)."""
    await check_edit(actor, child_id)
    if not await Person.exists(id=child_id, is_child=True):
        raise NotFound("error.not_found")
    touches_health = any(getattr(data, name) is not None for name in SENSITIVE)
    if touches_health:
        await audit.check(can_read_health_notes(actor), actor, EDIT, concerned_person_id=child_id)
    check_input(data)
    values = {name: value.strip() for name in LIMITS if (value := getattr(data, name)) is not None}
    institutions = tuple(sorted((await child_facts(child_id, today)).institution_ids))
    async with committing(transaction) as outbox:
        row = await Stamkort.get_or_none(child_id=child_id)
        before = {name: getattr(row, name) if row else "" for name in values}
        changed = tuple(name for name, value in values.items() if before[name] != value)
        if not changed:
            return ()
        if row is None:  # two guardians saving a first stamkort at once: the unique child column keeps one row
            await Stamkort.bulk_create([Stamkort(child_id=child_id, updated_at=now)], ignore_conflicts=True)
        await Stamkort.filter(child_id=child_id).update(updated_at=now, updated_by_id=actor.person_id, **values)
        row = await Stamkort.get(child_id=child_id)
        await audit.record(EDIT, audit.ALLOWED, actor=actor, concerned_person_id=child_id,
                           detail="fields:" + ",".join(changed))
        if {"allergies", "diet"} & set(changed) and institutions:
            outbox.add(SafetyChanged(institutions, child_id, row.allergies, row.diet))
    return changed


async def may_read(actor: Actor, child_id: int, today: date) -> bool:
    """Whether to offer the way to the stamkort (no data is read, so nothing is audited; the page checks again)."""
    if actor.role not in (Role.PARENT, Role.STAFF, Role.LEADER):
        return False
    return bool(can_read_stamkort(actor, await child_facts(child_id, today), await _actor_groups(actor)))
