"""A small KommeGå world for service tests: a BFO and a daycare, two families, staff at each, a leader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from domain.clock import COPENHAGEN
from domain.gdpr import consents
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.organisation.model import GroupKind, InstitutionKind, StaffRole
from domain.presence.model import ConsentKind
from persistence.organisation import Group, Institution, Municipality
from persistence.people import Custody, Employment, Enrolment, Person, PickupPerson
from persistence.presence import PresenceSettings
from tests.factory import person

# A fixed Wednesday morning, so tests never depend on the day they run.
DAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 7, 30, tzinfo=COPENHAGEN).astimezone(UTC)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A Copenhagen time of day as an aware UTC datetime."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=COPENHAGEN).astimezone(UTC)


@dataclass
class PresenceWorld:
    """The ids and actors a KommeGå test needs."""

    bfo: Institution
    daycare: Institution
    team: Group
    team2: Group
    room: Group
    oscar: Person
    ida: Person
    freja: Person
    other_child: Person
    farmor: PickupPerson
    parent: Actor
    other_parent: Actor
    staff: Actor
    daycare_staff: Actor
    leader: Actor


async def actor(p: Person, role: Role) -> Actor:
    """A person's actor in one role, with facts loaded as on the fixed day."""
    facts = await load_person_facts(p.id, DAY)
    assert facts is not None
    return facts.actor(role, "3")


async def build_presence_world() -> PresenceWorld:
    """Oscar and Ida in a BFO (Ida may go home alone), Freja in a daycare; a second family; staff and a leader."""
    m = await Municipality.create(code="PW1", name="Tjekby")
    bfo = await Institution.create(municipality=m, number="700001", name="Tjek BFO", kind=InstitutionKind.BFO)
    daycare = await Institution.create(municipality=m, number="700002", name="Tjek Børnehus",
                                       kind=InstitutionKind.BOERNEHAVE)
    team = await Group.create(municipality=m, institution=bfo, name="0.-1. klasse", kind=GroupKind.HOLD)
    team2 = await Group.create(municipality=m, institution=bfo, name="2.-3. klasse", kind=GroupKind.HOLD)
    room = await Group.create(municipality=m, institution=daycare, name="Bierne", kind=GroupKind.STUE)
    await PresenceSettings.create(institution=bfo, opens_min=6 * 60 + 30, closes_min=17 * 60,
                                  locations=["Legepladsen", "Hallen"],
                                  closing_days=[{"day": (DAY + timedelta(days=2)).isoformat(),
                                                 "reason": "Planlægningsdag"}])
    await PresenceSettings.create(institution=daycare)
    start = DAY - timedelta(days=400)
    oscar = await person(m, "Oscar", child=True, born=DAY - timedelta(days=8 * 365))
    ida = await person(m, "Ida", child=True, born=DAY - timedelta(days=9 * 365))
    freja = await person(m, "Freja", child=True, born=DAY - timedelta(days=4 * 365))
    other_child = await person(m, "Carl", child=True, born=DAY - timedelta(days=8 * 365))
    for kid, inst, group in ((oscar, bfo, team), (ida, bfo, team2), (freja, daycare, room),
                             (other_child, bfo, team)):
        await Enrolment.create(child=kid, institution=inst, group=group, start=start)
    mette = await person(m, "Mette", subject="pw-parent")
    olga = await person(m, "Olga", subject="pw-other-parent")
    for kid in (oscar, ida, freja):
        await Custody.create(guardian=mette, child=kid, valid_from=kid.birth_date)
    await Custody.create(guardian=olga, child=other_child, valid_from=other_child.birth_date)
    farmor = await PickupPerson.create(child=oscar, name="Inge Testesen", relation="Farmor", added_by=mette)
    alone = await consents.managed_type_id(ida.municipality_id, ConsentKind.GO_HOME_ALONE.value, NOW)
    await consents.record_decision(ida.id, alone, True, mette.id, NOW)
    sofie = await person(m, "Sofie", subject="pw-staff")
    await Employment.create(person=sofie, institution=bfo, role=StaffRole.PAEDAGOG, start=start)
    lars = await person(m, "Lars", subject="pw-daycare-staff")
    await Employment.create(person=lars, institution=daycare, role=StaffRole.PAEDAGOG, start=start)
    lene = await person(m, "Lene", subject="pw-leader")
    await Employment.create(person=lene, institution=bfo, role=StaffRole.LEDER, start=start)
    return PresenceWorld(bfo, daycare, team, team2, room, oscar, ida, freja, other_child, farmor,
                         await actor(mette, Role.PARENT), await actor(olga, Role.PARENT),
                         await actor(sofie, Role.STAFF), await actor(lars, Role.STAFF),
                         await actor(lene, Role.LEADER))
