"""The recipient field's roles in groups and shared inboxes, and counting who a choice reaches."""

from __future__ import annotations

from datetime import date
from typing import Any

from tortoise.expressions import Q

from domain import access
from domain.clock import today_local
from domain.identity.model import Actor
from domain.messages.model import RecipientChoice, RecipientKind
from domain.messages.resolve import age_cutoff, group_children, group_facts, reach_of, resolve
from domain.messages.shared import INBOX_NAME, inbox_label
from persistence.organisation import Group, Institution

# Words people type around a group's name ("alle forældre i 2.A") that are not part of any name.
_ROLE_WORDS = {"alle", "i", "på", "forældre", "medarbejdere", "personale", "børn", "elever", "til"}
K = RecipientKind
WORD_MAX = 40


async def count_recipients(actor: Actor, keys: list[str]) -> int:
    """The exact number of distinct people and shared inboxes a send would reach, without the sender."""
    return (await resolve(actor, list(keys), today_local())).count(actor.person_id)


async def role_choices(actor: Actor, text: str, limit: int = 20) -> list[RecipientChoice]:
    """Roles in groups ("Alle forældre i 2.A") and shared inboxes matching the text, within the actor's reach."""
    words = [w[:WORD_MAX] for w in text.lower().split()][:5]
    if not words:
        return []
    today = today_local()
    reach = await reach_of(actor, today)
    name_words = [w for w in words if w not in _ROLE_WORDS] or words
    roles = await _groups(actor, reach, name_words, today, limit) if reach.role_groups or reach.cross_groups else []
    return roles + await _institutions(actor, reach, words, name_words, limit)


async def _groups(actor: Actor, reach: access.MessageReach, words: list[str], today: date,
                  limit: int) -> list[RecipientChoice]:
    match = Q(*[Q(name__icontains=w) for w in words])
    rows: list[Any] = await Group.filter(match, municipality_id=reach.municipality_id).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)).filter(
        Q() if reach.role_groups else Q(institution_id__isnull=True)).prefetch_related("institution") \
        .order_by("name").limit(limit * 3)
    facts = await group_facts(rows, today)
    rows = [g for g in rows if access.can_message_group(actor, reach, facts[g.id]).allowed][:limit]
    if not rows:
        return []
    cutoff = age_cutoff(today)
    older = {g for g, _, born in await group_children([g.id for g in rows], today) if born and born <= cutoff}
    out: list[RecipientChoice] = []
    for g in rows:
        where = g.institution.name if g.institution else ""
        out.append(RecipientChoice(K.GROUP_GUARDIANS, g.id, f"Alle forældre i {g.name}", where))
        out.append(RecipientChoice(K.GROUP_STAFF, g.id, f"Alle medarbejdere i {g.name}", where))
        if g.id in older:
            out.append(RecipientChoice(K.GROUP_CHILDREN, g.id, f"Alle børn i {g.name}", where))
        out.append(RecipientChoice(K.GROUP_ALL, g.id, f"Alle i {g.name}", where))
    return out


async def _institutions(actor: Actor, reach: access.MessageReach, words: list[str], name_words: list[str],
                        limit: int) -> list[RecipientChoice]:
    staff_too = access.can_message_institution_staff(actor, reach).allowed
    if not (staff_too or reach.all_inboxes or reach.inboxes_at):
        return []
    wants_inbox = any(INBOX_NAME.lower().startswith(w) or w.startswith("fælles") for w in words)
    named = [w for w in name_words if not (INBOX_NAME.lower().startswith(w) or w.startswith("fælles"))]
    query = Institution.filter(active=True, municipality_id=reach.municipality_id)
    if named:
        query = query.filter(Q(*[Q(name__icontains=w) for w in named]))
    elif not wants_inbox:
        return []
    if not reach.all_inboxes and not staff_too:
        query = query.filter(id__in=sorted(reach.inboxes_at))
    rows = await query.order_by("name").limit(limit).values_list("id", "name")
    out: list[RecipientChoice] = []
    for inst_id, name in rows:
        if access.can_message_inbox(reach, int(inst_id)).allowed:
            out.append(RecipientChoice(K.SHARED_INBOX, int(inst_id), inbox_label(str(name)), str(name)))
        if staff_too and named:
            out.append(RecipientChoice(K.INSTITUTION_STAFF, int(inst_id), f"Alle medarbejdere i {name}", str(name)))
    return out

