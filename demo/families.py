"""Generated families: children 0-16, their guardians with custody, and authorised pickup persons."""

from __future__ import annotations

from datetime import date, timedelta

from demo.children import add_child, random_path
from demo.institutions import Org
from demo.names import PICKUP_RELATIONS
from demo.rows import Demo, Progress
from persistence.people import Custody, Person, PickupPerson

YEAR = 365


def build_families(demo: Demo, org: Org, target_children: int, progress: Progress) -> None:
    """Families until the municipality has about the target number of children."""
    start = len(demo.children)
    goal = start + target_children
    while len(demo.children) < goal:
        before = len(demo.children) // 500
        _family(demo, org, goal - len(demo.children))
        if len(demo.children) // 500 != before:
            progress((len(demo.children) - start) / max(target_children, 1), "Opretter børn og familier")


def _family(demo: Demo, org: Org, room_left: int) -> None:
    """One family: one to three children, their guardians and maybe pickup persons."""
    rng = demo.rng
    demo.families += 1
    district = rng.choices([0, 1, 2], weights=[40, 30, 30])[0]
    size = min(room_left, rng.choices([1, 2, 3], weights=[70, 22, 8])[0])
    last_name = demo.fake.last_name()
    births = _sibling_births(demo, size)
    home = demo.address()
    guardians, former = _parents(demo, last_name, births[0], home)
    children: list[Person] = []
    for birth in births:
        male = rng.random() < 0.5
        child = demo.person(demo.first_name(male), last_name, birth, male=male, child=True, address=home)
        add_child(demo, org, child, demo.families, random_path(demo, org, district), district)
        add_custody(demo, child, guardians, former)
        children.append(child)
    if rng.random() < 0.3:
        add_pickups(demo, children, guardians[0])


def _sibling_births(demo: Demo, size: int) -> list[date]:
    """Birthdays of siblings, oldest first, two to four years apart, none in the future."""
    first = demo.days_ago(20, 17 * YEAR - 5)
    births = [first]
    for _ in range(size - 1):
        following = births[-1] + timedelta(days=demo.rng.randint(2 * YEAR, 4 * YEAR))
        if following > demo.today - timedelta(days=20):
            break
        births.append(following)
    return births


def _parents(demo: Demo, last_name: str, oldest: date, home: str) -> tuple[list[Person], list[Person]]:
    """Current guardians and former guardians: together, separated, single, or single after a loss."""
    rng = demo.rng
    kind = rng.random()
    mother_name = last_name if rng.random() < 0.7 else demo.fake.last_name()
    mother = _parent(demo, mother_name, oldest, home, male=False)
    if kind < 0.04:
        return [mother], []
    father_home = demo.address() if kind < 0.22 else home
    father = _parent(demo, last_name, oldest, father_home, male=True)
    if kind < 0.07:
        return [mother], [father]
    return [mother, father], []


def _parent(demo: Demo, last_name: str, oldest: date, home: str, *, male: bool) -> Person:
    """One adult, 24 to 42 years older than the family's oldest child."""
    birth = oldest - timedelta(days=demo.rng.randint(24 * YEAR, 42 * YEAR))
    return demo.adult(demo.first_name(male), last_name, birth, male=male, address=home)


def add_custody(demo: Demo, child: Person, guardians: list[Person], former: list[Person]) -> None:
    """Custody from birth for the guardians; a former guardian's custody ended in the past."""
    birth = child.birth_date
    assert birth is not None
    for guardian in guardians:
        demo.book.add(Custody, guardian_id=guardian.id, child_id=child.id, valid_from=birth)
    for guardian in former:
        span = max((demo.today - birth).days - 30, 1)
        ended = birth + timedelta(days=demo.rng.randint(min(span, 200), span))
        demo.book.add(Custody, guardian_id=guardian.id, child_id=child.id, valid_from=birth, valid_to=ended)


def add_pickups(demo: Demo, children: list[Person], added_by: Person) -> None:
    """One or two grandparents, relatives or neighbours who may pick the children up."""
    helpers = []
    for _ in range(demo.rng.randint(1, 2)):
        relation = demo.rng.choice(PICKUP_RELATIONS)
        male = relation in ("Morfar", "Farfar", "Onkel", "Storebror")
        helpers.append((f"{demo.first_name(male)} {demo.fake.last_name()}", relation, demo.phone()))
    for child in children:
        for name, relation, phone in helpers:
            demo.book.add(
                PickupPerson, child_id=child.id, name=name, relation=relation, phone=phone, added_by_id=added_by.id
            )
