"""Staff: employments with roles per institution, a leader and a superuser each, and their groups."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from demo.dates import add_years
from demo.institutions import Org
from demo.rows import Demo, Progress
from domain.organisation.model import InstitutionKind, StaffRole
from persistence.people import Employment, Enrolment, GroupMembership, Person

K = InstitutionKind
CHILDREN_PER_ADULT = {
    K.VUGGESTUE: 3.3,
    K.INTEGRERET: 5.0,
    K.DAGPLEJE: 4.0,
    K.BOERNEHAVE: 6.5,
    K.SKOLE: 11.0,
    K.BFO: 12.0,
    K.KLUB: 15.0,
}
MAIN_ROLE = {K.SKOLE: StaffRole.LAERER}
HELPER_SHARE = {K.SKOLE: 0.0, K.KLUB: 0.2, K.BFO: 0.25}


def employ(demo: Demo, org: Org, person: Person, key: str, role: StaffRole, *, superuser: bool = False) -> Employment:
    """One employment that started some months or years ago."""
    return demo.book.add(
        Employment,
        person_id=person.id,
        institution_id=org.institutions[key].id,
        role=role,
        superuser=superuser,
        start=demo.days_ago(60, 15 * 365),
    )


def join(demo: Demo, group_id: int, person: Person) -> None:
    """A person in a group beside any enrolment: staff in a stue or class, a child in a cross group."""
    demo.book.add(GroupMembership, group_id=group_id, person_id=person.id)


def staff_person(demo: Demo) -> Person:
    """A new employee aged 22 to 64."""
    male = demo.rng.random() < 0.3
    birth = add_years(demo.today, -demo.rng.randint(22, 64)) - timedelta(days=demo.rng.randint(0, 364))
    person = demo.person(
        demo.first_name(male),
        demo.fake.last_name(),
        birth,
        male=male,
        child=False,
        address=demo.address(),
        phone=demo.phone(),
    )
    person.email = f"{demo.username(person)}@sammenby.dk"
    return person


def build_staff(demo: Demo, org: Org, progress: Progress) -> None:
    """Enough staff for the children each institution has today, beside the named employees."""
    present = Counter(row.institution_id for row in demo.book.all(Employment))
    enrolled = _current_enrolments(demo.book.all(Enrolment), demo.today)
    keys = list(org.institutions)
    for index, key in enumerate(keys):
        institution = org.institutions[key]
        kind = org.kind(key)
        wanted = max(2, round(enrolled[institution.id] / CHILDREN_PER_ADULT[kind]))
        _staff_institution(demo, org, key, wanted - present[institution.id])
        progress((index + 1) / len(keys), "Opretter personale")


def _current_enrolments(rows: list[Enrolment], today: date) -> Counter[int]:
    """How many children each institution has today."""
    return Counter(row.institution_id for row in rows if row.end is None or row.end >= today)


def _staff_institution(demo: Demo, org: Org, key: str, count: int) -> None:
    """A leader if missing, then pedagogues, teachers and helpers spread over the groups."""
    institution_id = org.institutions[key].id
    existing = [row for row in demo.book.all(Employment) if row.institution_id == institution_id]
    if not any(row.role == StaffRole.LEDER for row in existing):
        employ(demo, org, staff_person(demo), key, StaffRole.LEDER)
    has_superuser = any(row.superuser for row in existing)
    groups = org.groups_of[key]
    kind = org.kind(key)
    for index in range(max(count, 1)):
        helper = demo.rng.random() < HELPER_SHARE.get(kind, 0.3)
        role = StaffRole.MEDHJAELPER if helper else MAIN_ROLE.get(kind, StaffRole.PAEDAGOG)
        person = staff_person(demo)
        employ(demo, org, person, key, role, superuser=not has_superuser and index == 0)
        join(demo, groups[index % len(groups)].id, person)
