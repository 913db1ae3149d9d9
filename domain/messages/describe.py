"""Naming the recipients of a saved draft again, on any device, within the sender's reach."""

from __future__ import annotations

from typing import Any

from domain import access
from domain.clock import today_local
from domain.identity.model import Actor
from domain.messages.model import RecipientChoice, RecipientKind
from domain.messages.resolve import group_facts, reach_of, reachable_persons
from domain.messages.shared import inbox_label
from persistence.organisation import Group, Institution
from persistence.people import Person

K = RecipientKind
GROUP_LABELS = {K.GROUP_GUARDIANS: "Alle forældre i {}", K.GROUP_STAFF: "Alle medarbejdere i {}",
                K.GROUP_CHILDREN: "Alle børn i {}", K.GROUP_ALL: "Alle i {}"}


async def describe_recipients(actor: Actor, keys: list[str]) -> list[RecipientChoice]:
    """The chips for a draft's keys, in order; keys out of the actor's reach (or malformed) are left out."""
    parsed: list[tuple[RecipientKind, int]] = []
    for key in keys:
        try:
            parsed.append(RecipientChoice.parse_key(key))
        except ValueError:
            continue
    today = today_local()
    reach = await reach_of(actor, today)
    person_ids = sorted({ref for kind, ref in parsed if kind is K.PERSON})
    group_ids = sorted({ref for kind, ref in parsed if kind in GROUP_LABELS})
    institution_ids = sorted({ref for kind, ref in parsed if kind in (K.SHARED_INBOX, K.INSTITUTION_STAFF)})
    allowed = await reachable_persons(reach, person_ids, today)
    people = {int(p): f"{f} {la}" for p, f, la in await Person.filter(id__in=sorted(allowed)).values_list(
        "id", "first_name", "last_name")} if allowed else {}
    groups: dict[int, Any] = {g.id: g for g in await Group.filter(id__in=group_ids).prefetch_related(
        "institution")} if group_ids else {}
    facts = await group_facts(list(groups.values()), today) if groups else {}
    places = dict(await Institution.filter(id__in=institution_ids).values_list("id", "name")) if institution_ids else {}
    chips: list[RecipientChoice] = []
    for kind, ref in parsed:
        if kind is K.PERSON and ref in people:
            chips.append(RecipientChoice(kind, ref, people[ref]))
        elif kind in GROUP_LABELS and ref in groups and reach.role_groups \
                and access.can_message_group(actor, reach, facts[ref]).allowed:
            group = groups[ref]
            where = group.institution.name if group.institution else ""
            chips.append(RecipientChoice(kind, ref, GROUP_LABELS[kind].format(group.name), where))
        elif kind is K.SHARED_INBOX and ref in places and access.can_message_inbox(reach, ref).allowed:
            chips.append(RecipientChoice(kind, ref, inbox_label(str(places[ref])), str(places[ref])))
        elif kind is K.INSTITUTION_STAFF and ref in places \
                and access.can_message_institution_staff(actor, reach).allowed:
            chips.append(RecipientChoice(kind, ref, f"Alle medarbejdere i {places[ref]}", str(places[ref])))
    return chips
