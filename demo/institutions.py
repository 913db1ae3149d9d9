"""The demo municipality, its sixteen institutions and their rooms, classes and teams."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from demo import names
from demo.rows import Demo
from domain.organisation.model import GroupKind, InstitutionKind
from persistence.organisation import Group, Institution, Municipality


@dataclass
class Org:
    """Where the generator can place children and staff, by institution key."""

    institutions: dict[str, Institution] = field(default_factory=dict)
    nursery_rooms: dict[str, list[Group]] = field(default_factory=dict)
    kindergarten_rooms: dict[str, list[Group]] = field(default_factory=dict)
    classes: dict[tuple[str, int, str], Group] = field(default_factory=dict)
    bfo_teams: dict[tuple[str, int], Group] = field(default_factory=dict)
    klub_teams: dict[tuple[str, int], Group] = field(default_factory=dict)
    groups_of: dict[str, list[Group]] = field(default_factory=dict)
    cross_active: Group | None = None
    cross_expired: Group | None = None

    def kind(self, key: str) -> InstitutionKind:
        """The kind of an institution."""
        return InstitutionKind(self.institutions[key].kind)

    def school_class(self, school: str, grade: int, letter: str) -> Group:
        """A class group, e.g. Skovlyskolen 2.A."""
        return self.classes[(school, grade, letter)]

    def room(self, key: str, name: str) -> Group:
        """A stue of a daycare institution, by name."""
        return next(group for group in self.groups_of[key] if group.name == name)


def build_organisation(demo: Demo) -> Org:
    """Create the municipality, the institutions and every group."""
    demo.book.add(Municipality, code=names.MUNICIPALITY_CODE, name=names.MUNICIPALITY_NAME)
    org = Org()
    for spec in names.INSTITUTIONS:
        org.institutions[spec.key] = demo.book.add(
            Institution,
            municipality_id=demo.municipality_id,
            number=spec.number,
            name=spec.name,
            kind=spec.kind,
            address=demo.address(),
        )
        org.groups_of[spec.key] = []
        _GROUP_BUILDERS[spec.kind](demo, org, spec.key)
    _cross_groups(demo, org)
    return org


def _group(demo: Demo, org: Org, key: str, name: str, kind: GroupKind) -> Group:
    """One group of one institution."""
    group = demo.book.add(
        Group,
        municipality_id=demo.municipality_id,
        institution_id=org.institutions[key].id,
        name=name,
        kind=kind,
    )
    org.groups_of[key].append(group)
    return group


def _nursery(demo: Demo, org: Org, key: str) -> None:
    """A vuggestue: three to five stuer for children under three."""
    count = demo.rng.randint(3, 5)
    org.nursery_rooms[key] = [_group(demo, org, key, n, GroupKind.STUE) for n in names.NURSERY_ROOMS[:count]]


def _kindergarten(demo: Demo, org: Org, key: str) -> None:
    """A børnehave: three to five stuer for children from three until school."""
    count = demo.rng.randint(3, 5)
    rooms = names.KINDERGARTEN_ROOMS[:count]
    org.kindergarten_rooms[key] = [_group(demo, org, key, n, GroupKind.STUE) for n in rooms]


def _integrated(demo: Demo, org: Org, key: str) -> None:
    """An integreret institution: two nursery stuer and one to three kindergarten stuer."""
    org.nursery_rooms[key] = [_group(demo, org, key, n, GroupKind.STUE) for n in names.NURSERY_ROOMS[:2]]
    rooms = names.KINDERGARTEN_ROOMS[: demo.rng.randint(1, 3)]
    org.kindergarten_rooms[key] = [_group(demo, org, key, n, GroupKind.STUE) for n in rooms]


def _childminders(demo: Demo, org: Org, key: str) -> None:
    """The dagpleje: three or four groups of childminders."""
    groups = names.CHILDMINDER_GROUPS[: demo.rng.randint(3, 4)]
    org.nursery_rooms[key] = [_group(demo, org, key, n, GroupKind.STUE) for n in groups]


def _school(demo: Demo, org: Org, key: str) -> None:
    """A school: 0.A to 9.B, and 10.A at the tenth-grade school."""
    for grade in range(10):
        for letter in names.CLASS_LETTERS:
            name = names.class_name(grade, letter)
            org.classes[(key, grade, letter)] = _group(demo, org, key, name, GroupKind.KLASSE)
    if key == names.TENTH_GRADE_SCHOOL:
        org.classes[(key, 10, "A")] = _group(demo, org, key, names.class_name(10, "A"), GroupKind.KLASSE)


def _bfo(demo: Demo, org: Org, key: str) -> None:
    """A BFO: one team per årgang, 0. to 3."""
    for year in range(names.BFO_YEARS):
        org.bfo_teams[(key, year)] = _group(demo, org, key, names.bfo_team(year), GroupKind.HOLD)


def _klub(demo: Demo, org: Org, key: str) -> None:
    """A klub: a junior and a senior team."""
    for index, name in enumerate(names.KLUB_TEAMS):
        org.klub_teams[(key, index)] = _group(demo, org, key, name, GroupKind.HOLD)


_GROUP_BUILDERS = {
    InstitutionKind.VUGGESTUE: _nursery,
    InstitutionKind.BOERNEHAVE: _kindergarten,
    InstitutionKind.INTEGRERET: _integrated,
    InstitutionKind.DAGPLEJE: _childminders,
    InstitutionKind.SKOLE: _school,
    InstitutionKind.BFO: _bfo,
    InstitutionKind.KLUB: _klub,
}


def _cross_groups(demo: Demo, org: Org) -> None:
    """Two cross-institution groups: one running, one already expired."""
    org.cross_active = demo.book.add(
        Group,
        municipality_id=demo.municipality_id,
        institution_id=None,
        name=names.ACTIVE_CROSS_GROUP,
        kind=GroupKind.TVAERGAAENDE,
        expires_on=demo.today + timedelta(days=200),
    )
    org.cross_expired = demo.book.add(
        Group,
        municipality_id=demo.municipality_id,
        institution_id=None,
        name=names.EXPIRED_CROSS_GROUP,
        kind=GroupKind.TVAERGAAENDE,
        expires_on=demo.today - timedelta(days=30),
    )
