"""The recipient field: searching whom the actor may write to, and counting who a choice reaches."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from tortoise.expressions import Q

from domain import access
from domain.clock import today_local
from domain.identity.model import Actor
from domain.messages.model import RecipientChoice, RecipientKind
from domain.messages.resolve import (
    age_cutoff,
    children_query,
    group_children,
    group_facts,
    guardian_children,
    guardian_query,
    reach_of,
    resolve,
    staff_query,
)
from domain.messages.shared import INBOX_NAME, inbox_label
from domain.organisation.model import GroupKind
from persistence.organisation import Group, Institution

# Words people type around a group's name ("alle forældre i 2.A") that are not part of any name.
_ROLE_WORDS = {"alle", "i", "på", "forældre", "medarbejdere", "personale", "børn", "elever", "til"}
K = RecipientKind
WORD_MAX = 40


async def count_recipients(actor: Actor, keys: list[str]) -> int:
    """The exact number of distinct people and shared inboxes a send would reach, without the sender."""
    return (await resolve(actor, list(keys), today_local())).count(actor.person_id)


def _name_match(words: list[str], prefix: str) -> Q:
    """Every word in the first or last name of the person at prefix."""
    return Q(*[Q(**{f"{prefix}first_name__icontains": w}) | Q(**{f"{prefix}last_name__icontains": w})
               for w in words])


async def search_recipients(actor: Actor, text: str, limit: int = 20) -> list[RecipientChoice]:
    """Persons, roles in groups and shared inboxes matching the text, within the actor's reach."""
    words = [w[:WORD_MAX] for w in text.lower().split()][:5]
    if not words:
        return []
    today = today_local()
    reach = await reach_of(actor, today)
    found: list[RecipientChoice] = []
    name_words = [w for w in words if w not in _ROLE_WORDS] or words
    found += await _staff(reach, name_words, today, limit)
    found += await _guardians(reach, name_words, today, limit)
    found += await _children(reach, name_words, today, limit)
    people = sorted({c.key: c for c in found if c.ref_id != actor.person_id}.values(),
                    key=lambda c: (c.label.lower(), c.detail))
    roles = await _groups(actor, reach, name_words, today, limit) if reach.role_groups else []
    roles += await _institutions(actor, reach, words, name_words, limit)
    return (roles + people)[:limit] if len(name_words) < len(words) else (people + roles)[:limit]


async def _staff(reach: access.MessageReach, words: list[str], today: date, limit: int) -> list[RecipientChoice]:
    query = staff_query(reach, today)
    if query is None:
        return []
    rows = await query.filter(_name_match(words, "person__")).order_by("person__first_name", "person__last_name") \
        .limit(limit * 3).values_list("person_id", "person__first_name", "person__last_name", "institution__name")
    where: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for pid, first, last, inst in rows:
        names[int(pid)] = f"{first} {last}"
        where[int(pid)].append(str(inst))
    return [RecipientChoice(K.PERSON, pid, name, ", ".join(sorted(set(where[pid])))) for pid, name in names.items()]


async def _guardians(reach: access.MessageReach, words: list[str], today: date, limit: int) -> list[RecipientChoice]:
    query = guardian_query(reach, today)
    if query is None:
        return []
    match = _name_match(words, "guardian__") | _name_match(words, "child__")
    rows = await query.filter(match).order_by("guardian__first_name", "guardian__last_name").limit(limit * 3) \
        .values_list("guardian_id", "guardian__first_name", "guardian__last_name", "child_id", "child__first_name")
    if not rows:
        return []
    children = guardian_children(reach, today)
    assert children is not None  # guardians are only reachable through children
    classes: dict[int, str] = {}
    # A child in both a school and its BFO is named by the school class.
    for child_id, group, _kind in sorted(await children.filter(child_id__in=sorted({int(r[3]) for r in rows}))
                                        .values_list("child_id", "group__name", "group__kind"),
                                        key=lambda r: r[2] != GroupKind.KLASSE.value):
        if group and int(child_id) not in classes:
            classes[int(child_id)] = str(group)
    kids: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for gid, first, last, child_id, child_name in rows:
        names[int(gid)] = f"{first} {last}"
        group = classes.get(int(child_id))
        kids[int(gid)].append(f"{child_name} ({group})" if group else str(child_name))
    return [RecipientChoice(K.PERSON, gid, name, "Forælder til " + ", ".join(sorted(set(kids[gid]))))
            for gid, name in names.items()]


async def _children(reach: access.MessageReach, words: list[str], today: date, limit: int) -> list[RecipientChoice]:
    query = children_query(reach, today)
    if query is None:
        return []
    rows = await query.filter(_name_match(words, "child__")).order_by("child__first_name").limit(limit * 2) \
        .values_list("child_id", "child__first_name", "child__last_name", "group__name")
    return [RecipientChoice(K.PERSON, int(c), f"{f} {la}", str(g or "")) for c, f, la, g in rows]


async def _groups(actor: Actor, reach: access.MessageReach, words: list[str], today: date,
                  limit: int) -> list[RecipientChoice]:
    match = Q(*[Q(name__icontains=w) for w in words])
    rows: list[Any] = await Group.filter(match, municipality_id=reach.municipality_id).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)).prefetch_related("institution") \
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

