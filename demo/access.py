"""Municipal roles, PPR access to children, cross-group members and a login for everyone who has one."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from demo.institutions import Org
from demo.named import Named
from demo.rows import ChildInfo, Demo
from demo.staff import join
from demo.users import demo_user
from domain.clock import COPENHAGEN, age_on
from domain.organisation.model import MunicipalRole
from persistence.crossgroups import CrossGroup
from persistence.identity import UserAccount
from persistence.people import Custody, Employment, MunicipalAssignment, Person, ProfessionalAccess

ACCOUNT_AGE = 10
STAFF_MAIL = "@sammenby.dk"


def build_municipal(demo: Demo, named: Named) -> None:
    """A second project-team member and a second PPR consultant; every consultant's children."""
    generic = [named.people["demo-ppr"]]
    for role in (MunicipalRole.PROJECT_TEAM, MunicipalRole.PPR):
        male = demo.rng.random() < 0.5
        person = demo.adult(
            demo.first_name(male),
            demo.fake.last_name(),
            demo.days_ago(30 * 365, 60 * 365),
            male=male,
            address=demo.address(),
        )
        demo.book.add(MunicipalAssignment, person_id=person.id, role=role)
        if role == MunicipalRole.PPR:
            generic.append(person)
    named_ids = {person.id for person in named.people.values()}
    candidates = [info.person for info in demo.children if info.person.id not in named_ids]
    picks = demo.rng.sample(candidates, min(len(candidates), 7))
    birgitte, consultant = generic
    assert named.ppr_child is not None
    _access(demo, birgitte, [named.ppr_child, *picks[:1]], days=240)
    _access(demo, consultant, picks[1:6], days=180)
    _access(demo, consultant, picks[6:], days=-60)


def _access(demo: Demo, professional: Person, children: list[Person], *, days: int) -> None:
    """Access for one professional to some children, ending days from today (negative: expired)."""
    for child in children:
        demo.book.add(
            ProfessionalAccess,
            professional_id=professional.id,
            child_id=child.id,
            valid_to=demo.today + timedelta(days=days + demo.rng.randint(0, 30)),
        )


CROSS_PURPOSES = ("Ældre elever læser sammen med de yngste på tværs af skolerne",
                  "Teaterforestilling for 5. årgang på Skovlyskolen og Engskolen")


def build_cross_members(demo: Demo, org: Org, named: Named) -> None:
    """Reading buddies from every school; last term's theatre project from two schools; the administrator owns both.

    Their members are named (as a group made before rules keeps them), the expired one is already archived.
    """
    assert org.cross_active is not None and org.cross_expired is not None
    reading: list[int] = []
    for school in ("skovly", "eng", "sammenby"):
        for grade in (2, 5):
            for info in _pupils(demo, school, grade)[:4]:
                join(demo, org.cross_active.id, info.person)
                reading.append(info.person.id)
    theatre: list[int] = []
    for school in ("skovly", "eng"):
        for info in _pupils(demo, school, 5)[4:10]:
            join(demo, org.cross_expired.id, info.person)
            theatre.append(info.person.id)
    owner = named.people["demo-admin"].id
    made = datetime.combine(demo.today - timedelta(days=120), time(10, 0), COPENHAGEN).astimezone(UTC)
    demo.book.add(CrossGroup, group_id=org.cross_active.id, purpose=CROSS_PURPOSES[0], owner_id=owner, rules=[],
                  named=sorted(set(reading)), archived_at=None, created_at=made)
    expired = org.cross_expired.expires_on
    assert expired is not None
    demo.book.add(CrossGroup, group_id=org.cross_expired.id, purpose=CROSS_PURPOSES[1], owner_id=owner, rules=[],
                  named=sorted(set(theatre)), created_at=made,
                  archived_at=datetime.combine(expired + timedelta(days=1), time(3, 0), COPENHAGEN).astimezone(UTC))


def _pupils(demo: Demo, school: str, grade: int) -> list[ChildInfo]:
    """The children of one grade at one school, in id order."""
    return [info for info in demo.children if info.school == school and info.grade == grade]


def build_accounts(demo: Demo, named: Named) -> None:
    """Accounts for guardians, staff, municipal roles and children aged ten or more."""
    book = demo.book
    holders = {row.guardian_id for row in book.all(Custody)}
    holders |= {row.person_id for row in book.all(Employment)}
    holders |= {row.person_id for row in book.all(MunicipalAssignment)}
    holders |= {person.id for person in named.people.values()}
    staff = {row.person_id for row in book.all(Employment)}
    subjects = named.ids()
    for person in book.all(Person):
        old_enough = person.is_child and _age(demo, person) >= ACCOUNT_AGE
        if person.id not in holders and not old_enough:
            continue
        subject = subjects.get(person.id)
        username = _username(demo, person, person.id in staff)
        book.add(
            UserAccount,
            person_id=person.id,
            oidc_subject=subject or f"sub-{person.id}",
            username=username,
            active=True,
            demo_label=demo_user(subject).detail if subject else "",
        )


def _username(demo: Demo, person: Person, staff: bool) -> str:
    """The UNI-Login style user name of an employee or a pupil; guardians log in with MitID."""
    if staff and person.email.endswith(STAFF_MAIL):
        return person.email.removesuffix(STAFF_MAIL)
    return demo.username(person) if staff or person.is_child else ""


def _age(demo: Demo, person: Person) -> int:
    """A person's age in whole years today."""
    assert person.birth_date is not None
    return age_on(person.birth_date, demo.today)
