"""Samtykker: the municipality's consent types, guardians' decisions per child, and who sees them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import Event, committing
from domain.gdpr.photo_files import published_url
from domain.identity.model import Actor, Role
from domain.organisation.children import child_facts
from domain.organisation.listing import NAMES_KEY
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.gdpr import ChildConsent, ConsentType
from persistence.people import Enrolment, Person
from persistence.queries import active_on, ints

PHOTO_KEY = "foto_sammen"
# The three consents every municipality starts with: key, name, description.
DEFAULT_TYPES: tuple[tuple[str, str, str], ...] = (
    (PHOTO_KEY, "Billeder af barnet i Sammen",
     "Barnets foto må vises i Sammen, fx på fremmødetavlen og i opslag, for personale og familien."),
    ("foto_offentlig", "Billeder i offentlige medier / hjemmeside",
     "Billeder af barnet må bruges på institutionens hjemmeside og i lokale medier."),
    (NAMES_KEY, "Navn på lister, fx klasselister og fødselsdage",
     "Barnets navn må stå på lister, som andre familier i gruppen får."),
)
# Consents another feature asks for where it needs them (KommeGå asks "må gå hjem selv" on the plan page, for BFO
# and klub only): stored like every other decision, never listed with the municipality's own types, never switched
# off by the admin. The key is the feature's own name for the consent.
MANAGED_TYPES: dict[str, tuple[str, str]] = {
    "gaa_hjem_selv": ("Må gå hjem selv fra BFO og klub",
                      "Barnet må gå hjem selv fra BFO og klub på de tidspunkter, forældrene skriver i KommeGå."),
}
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
NAME_MAX, DESCRIPTION_MAX = 120, 1000


# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.


def consent_child_topic(child_id: int) -> str:
    """Pages showing one child's consents."""
    return f"consent-child:{child_id}"


def consent_institution_topic(institution_id: int) -> str:
    """Staff pages of an institution's consents."""
    return f"consent-inst:{institution_id}"


@dataclass(frozen=True)
class ConsentTypeView:
    """A consent type as pages show it."""

    id: int
    key: str
    name: str
    description: str
    active: bool

    @property
    def builtin(self) -> bool:
        """One of the three every municipality has."""
        return self.key in {k for k, _, _ in DEFAULT_TYPES}


@dataclass(frozen=True)
class ChildConsents:
    """One child's consents: for each active type, whether it is given (no decision means not given)."""

    child_id: int
    first_name: str
    last_name: str
    photo_url: str
    types: tuple[ConsentTypeView, ...]
    given: frozenset[int]
    decided_at: dict[int, datetime]

    @property
    def initials(self) -> str:
        """Two letters for the avatar."""
        return (self.first_name[:1] + self.last_name[:1]).upper()


@dataclass(frozen=True)
class ConsentChanged(Event):
    """A guardian gave or withdrew a consent for a child."""

    child_id: int
    key: str
    given: bool
    institution_ids: tuple[int, ...] = ()

    @property
    def topics(self) -> tuple[str, ...]:
        """The child's own pages and the open staff pages of its institutions."""
        return (consent_child_topic(self.child_id), *(consent_institution_topic(i) for i in self.institution_ids))


def _view(row: ConsentType) -> ConsentTypeView:
    return ConsentTypeView(row.id, row.key, row.name, row.description, row.active)


async def ensure_default_types(municipality_id: int, now: datetime) -> None:
    """Create the three built-in types for a municipality if they are missing (safe to call twice)."""
    have = set(await ConsentType.filter(municipality_id=municipality_id).values_list("key", flat=True))
    missing = [ConsentType(municipality_id=municipality_id, key=k, name=n, description=d, active=True, created_at=now)
               for k, n, d in DEFAULT_TYPES if k not in have]
    if missing:
        await ConsentType.bulk_create(missing, ignore_conflicts=True)


async def _types(municipality_id: int, now: datetime, *, only_active: bool) -> list[ConsentTypeView]:
    await ensure_default_types(municipality_id, now)
    query = ConsentType.filter(municipality_id=municipality_id).exclude(key__in=list(MANAGED_TYPES))
    if only_active:
        query = query.filter(active=True)
    return [_view(r) for r in await query.order_by("id")]


async def _municipality_of(person_id: int) -> int:
    row = await Person.get_or_none(id=person_id).only("id", "municipality_id")
    if row is None:
        raise NotFound("error.not_found")
    return row.municipality_id


# --- The admin: consent types ---


async def admin_types(actor: Actor, now: datetime) -> list[ConsentTypeView]:
    """Every consent type of the admin's municipality, the built-in ones first."""
    await audit.check(access.can_administer_municipality(actor), actor, "consents.view_types")
    return await _types(await _municipality_of(actor.person_id), now, only_active=False)


def _clean(name: str, description: str) -> tuple[str, str]:
    name, description = name.strip(), description.strip()
    if not name:
        raise DomainError("consents.error.name_required")
    if len(name) > NAME_MAX:
        raise DomainError("consents.error.name_too_long", max=NAME_MAX)
    if len(description) > DESCRIPTION_MAX:
        raise DomainError("consents.error.description_too_long", max=DESCRIPTION_MAX)
    return name, description


async def do_create_type(actor: Actor, *, key: str, name: str, description: str, now: datetime) -> int:
    """A new consent type for the municipality; the key is short, lower case and unique."""
    check_typed_text(key, name, description)
    await audit.check(access.can_administer_municipality(actor), actor, "consents.create_type")
    key = key.strip().lower()
    if not KEY_PATTERN.match(key):
        raise DomainError("consents.error.bad_key")
    name, description = _clean(name, description)
    municipality_id = await _municipality_of(actor.person_id)
    await ensure_default_types(municipality_id, now)
    if key in MANAGED_TYPES or await ConsentType.exists(municipality_id=municipality_id, key=key):
        raise DomainError("consents.error.key_taken", name=key)
    row = await ConsentType.create(municipality_id=municipality_id, key=key, name=name, description=description,
                                   active=True, created_at=now)
    await audit.record("consents.create_type", audit.ALLOWED, actor=actor, detail=f"consent_type:{row.id}")
    return row.id


async def do_update_type(actor: Actor, type_id: int, *, name: str, description: str, active: bool) -> None:
    """Rename, describe, deactivate or reactivate a type (the photo consent stays active: photos depend on it)."""
    check_typed_text(name, description)
    await audit.check(access.can_administer_municipality(actor), actor, "consents.update_type")
    row = await ConsentType.get_or_none(id=type_id, municipality_id=await _municipality_of(actor.person_id))
    if row is None or row.key in MANAGED_TYPES:
        raise NotFound("error.not_found")
    name, description = _clean(name, description)
    if row.key == PHOTO_KEY and not active:
        raise DomainError("consents.error.photo_type_stays")
    await ConsentType.filter(id=row.id).update(name=name, description=description, active=active)
    await audit.record("consents.update_type", audit.ALLOWED, actor=actor, detail=f"consent_type:{row.id}")


# --- Reading decisions, batched over children ---


async def given_keys(child_ids: Iterable[int]) -> dict[int, set[str]]:
    """For each child, the keys of the active consents given (one query; no decision means not given)."""
    ids = sorted(set(child_ids))
    out: dict[int, set[str]] = {i: set() for i in ids}
    if not ids:
        return out
    rows = await ChildConsent.filter(child_id__in=ids, given=True, consent_type__active=True).values_list(
        "child_id", "consent_type__key")
    for child_id, key in rows:
        out[int(child_id)].add(str(key))
    return out


async def has_photo_consent(child_id: int) -> bool:
    """Whether the child's guardians have given the photo consent (one query)."""
    return await ChildConsent.exists(child_id=child_id, given=True, consent_type__key=PHOTO_KEY,
                                     consent_type__active=True)


async def _decisions(child_ids: list[int]) -> dict[int, dict[int, tuple[bool, datetime]]]:
    rows = await ChildConsent.filter(child_id__in=child_ids).values_list(
        "child_id", "consent_type_id", "given", "decided_at")
    out: dict[int, dict[int, tuple[bool, datetime]]] = {i: {} for i in child_ids}
    for child_id, type_id, given, at in rows:
        out[int(child_id)][int(type_id)] = (bool(given), at)
    return out


async def _consents_of(people: list[dict[str, object]], now: datetime) -> list[ChildConsents]:
    """Each child with the active types of its municipality and its decisions."""
    types: dict[int, list[ConsentTypeView]] = {}
    for m in sorted({int(str(p["municipality_id"])) for p in people}):
        types[m] = await _types(m, now, only_active=True)
    decisions = await _decisions([int(str(p["id"])) for p in people])
    out = []
    for p in people:
        child_id = int(str(p["id"]))
        listed = types[int(str(p["municipality_id"]))]
        shown = {t.id for t in listed}  # a managed consent (KommeGå's) is decided and shown where it is asked for
        mine = {t: d for t, d in decisions.get(child_id, {}).items() if t in shown}
        out.append(ChildConsents(child_id, str(p["first_name"]), str(p["last_name"]), str(p["photo_url"]),
                                 tuple(listed),
                                 frozenset(t for t, (g, _) in mine.items() if g),
                                 {t: at for t, (_, at) in mine.items()}))
    return out


_PEOPLE = ("id", "first_name", "last_name", "photo_url", "municipality_id")


async def family_consents(actor: Actor, now: datetime) -> list[ChildConsents]:
    """A guardian's children, each with its consents (a handful of queries however many children)."""
    if actor.role is not Role.PARENT:
        await audit.check(access.deny("not_guardian"), actor, "consents.view_family")
    ids = sorted(actor.guardian_of)
    if not ids:
        return []
    people = await Person.filter(id__in=ids, active=True, is_child=True).order_by("birth_date").values(*_PEOPLE)
    return await _consents_of(list(people), now)


async def child_consents(actor: Actor, child_id: int, now: datetime) -> ChildConsents:
    """One child's consents for those who may see the child (staff at its institutions, its guardians)."""
    facts = await child_facts(child_id, today_local(now))
    await audit.check(access.can_view_child(actor, facts), actor, "consents.view_child", concerned_person_id=child_id)
    people = await Person.filter(id=child_id, is_child=True).values(*_PEOPLE)
    if not people:
        raise NotFound("error.not_found")
    return (await _consents_of(list(people), now))[0]


async def consents_of_children(child_ids: list[int], now: datetime) -> list[ChildConsents]:
    """Consents of children the caller has already been allowed to see (the group overview), in the given order."""
    if not child_ids:
        return []
    people = {int(str(p["id"])): p for p in await Person.filter(id__in=child_ids).values(*_PEOPLE)}
    return await _consents_of([people[i] for i in child_ids if i in people], now)


# --- A guardian's decision ---


async def do_decide(actor: Actor, *, child_id: int, consent_type_id: int, given: bool, now: datetime) -> None:
    """A guardian gives or withdraws one consent for one child; a withdrawn photo consent hides the photo at once."""
    await audit.check(access.can_decide_consent(actor, child_id), actor, "consents.decide",
                      concerned_person_id=child_id)
    child = await Person.get_or_none(id=child_id, is_child=True, active=True)
    ctype = await ConsentType.get_or_none(id=consent_type_id, active=True)
    if child is None or ctype is None or ctype.municipality_id != child.municipality_id or ctype.key in MANAGED_TYPES:
        raise NotFound("consents.error.unknown_type")  # a managed consent is decided where its feature asks for it
    institutions = tuple(sorted(set(ints(await Enrolment.filter(active_on(today_local(now)), child_id=child_id)
                                          .values_list("institution_id", flat=True)))))
    async with committing(transaction) as outbox:
        await record_decision(child_id, ctype.id, given, actor.person_id, now)
        if ctype.key == PHOTO_KEY:
            await Person.filter(id=child_id).update(photo_url=published_url(child_id) if given else "")
        outbox.add(ConsentChanged(child_id, ctype.key, given, institutions))
    await audit.record("consents.decide", audit.ALLOWED, actor=actor, concerned_person_id=child_id,
                       detail=f"{ctype.key}:{'given' if given else 'withdrawn'}")


async def group_consents(actor: Actor, group_id: int, now: datetime) -> tuple[str, list[ChildConsents]]:
    """The group's name and its children's consents, for staff who may view the group (reads are audited)."""
    from domain.organisation.service import group_roster

    view, roster = await group_roster(actor, group_id, today_local(now))
    return view.name, await consents_of_children([c.id for c in roster], now)


# --- Decisions any feature records, and the consents features manage themselves ---


async def record_decision(child_id: int, consent_type_id: int, given: bool, decided_by_id: int,
                          now: datetime) -> None:
    """Store a guardian's latest decision (inside the caller's transaction; the caller checked access)."""
    # Insert-or-ignore, then update: two guardians deciding at once never collide on the unique row.
    await ChildConsent.bulk_create([ChildConsent(child_id=child_id, consent_type_id=consent_type_id, given=given,
                                                 decided_by_id=decided_by_id, decided_at=now)],
                                   ignore_conflicts=True)
    await ChildConsent.filter(child_id=child_id, consent_type_id=consent_type_id).update(
        given=given, decided_by_id=decided_by_id, decided_at=now)


async def managed_type_id(municipality_id: int, key: str, now: datetime) -> int:
    """The id of a managed consent type in a municipality, created the first time a feature needs it."""
    name, description = MANAGED_TYPES[key]
    await ConsentType.bulk_create([ConsentType(municipality_id=municipality_id, key=key, name=name,
                                               description=description, active=True, created_at=now)],
                                  ignore_conflicts=True)
    return int((await ConsentType.get(municipality_id=municipality_id, key=key)).id)


async def children_consented(child_ids: Iterable[int], key: str) -> set[int]:
    """Which of the children have the consent given (one query)."""
    return set(ints(await ChildConsent.filter(child_id__in=list(child_ids), given=True, consent_type__key=key)
                    .values_list("child_id", flat=True)))
