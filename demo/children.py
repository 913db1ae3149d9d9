"""A child's path 0-16 across institutions: daycare, school, BFO, klub, with the history kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from demo import names
from demo.dates import add_years, end_of_grade, grade_of, school_start
from demo.institutions import Org
from demo.rows import ChildInfo, Demo
from persistence.organisation import Group
from persistence.people import Enrolment, Person


@dataclass
class Path:
    """The institutions a child goes through; the history up to today follows from the birthday."""

    nursery: str
    nursery_room: Group
    kindergarten: str
    kindergarten_room: Group
    school: str
    letter: str
    bfo: bool
    klub: bool
    tenth: bool
    daycare_after_days: int


def random_path(demo: Demo, org: Org, district: int) -> Path:
    """A typical path for a child living in one school district."""
    rng = demo.rng
    nurseries, kindergartens = names.DISTRICT_DAYCARE[district]
    nursery = rng.choice(nurseries)
    if nursery in kindergartens and rng.random() < 0.85:
        kindergarten = nursery
    else:
        kindergarten = kindergartens[0] if rng.random() < 0.9 else rng.choice(kindergartens)
    school = names.DISTRICT_SCHOOL[district] if rng.random() < 0.9 else rng.choice(list(names.SCHOOL_BFO))
    return Path(
        nursery=nursery,
        nursery_room=rng.choice(org.nursery_rooms[nursery]),
        kindergarten=kindergarten,
        kindergarten_room=rng.choice(org.kindergarten_rooms[kindergarten]),
        school=school,
        letter=rng.choice(names.CLASS_LETTERS),
        bfo=rng.random() < 0.8,
        klub=rng.random() < 0.4,
        tenth=rng.random() < 0.6,
        daycare_after_days=rng.randint(300, 400),
    )


def add_child(demo: Demo, org: Org, person: Person, family: int, path: Path, district: int) -> ChildInfo:
    """Write the enrolments of one child from birth until today and remember the child."""
    birth = person.birth_date
    assert birth is not None
    info = ChildInfo(person=person, family=family)
    _daycare(demo, org, person, birth, path)
    if school_start(birth) <= demo.today:
        info.school, info.grade = _school(demo, org, person, birth, path)
        _bfo(demo, org, person, birth, path)
        _klub(demo, org, person, birth, path, district)
    demo.children.append(info)
    return info


def _enrol(demo: Demo, org: Org, person: Person, key: str, group: Group | None, start: date, end: date) -> None:
    """One enrolment; an end after today means it is still running (no end)."""
    if start > demo.today:
        return
    demo.book.add(
        Enrolment,
        child_id=person.id,
        institution_id=org.institutions[key].id,
        group_id=group.id if group else None,
        start=start,
        end=end if end < demo.today else None,
    )


def _daycare(demo: Demo, org: Org, person: Person, birth: date, path: Path) -> None:
    """Nursery from about one year old, kindergarten from three, until the July before school."""
    first = birth + timedelta(days=path.daycare_after_days)
    third = add_years(birth, 3)
    last = school_start(birth) - timedelta(days=1)
    _enrol(demo, org, person, path.nursery, path.nursery_room, first, third - timedelta(days=1))
    _enrol(demo, org, person, path.kindergarten, path.kindergarten_room, third, last)


def _school(demo: Demo, org: Org, person: Person, birth: date, path: Path) -> tuple[str | None, int]:
    """School from 0. klasse; after 9. klasse some go on to 10.A at the tenth-grade school."""
    grade = grade_of(birth, demo.today)
    start = school_start(birth)
    if grade <= 9:
        _enrol(demo, org, person, path.school, org.school_class(path.school, grade, path.letter), start, date.max)
        return path.school, grade
    _enrol(demo, org, person, path.school, None, start, end_of_grade(birth, 9))
    if not path.tenth:
        return None, grade
    tenth = org.school_class(names.TENTH_GRADE_SCHOOL, 10, "A") if grade == 10 else None
    start = end_of_grade(birth, 9) + timedelta(days=1)
    _enrol(demo, org, person, names.TENTH_GRADE_SCHOOL, tenth, start, end_of_grade(birth, 10))
    return (names.TENTH_GRADE_SCHOOL, grade) if grade == 10 else (None, grade)


def _bfo(demo: Demo, org: Org, person: Person, birth: date, path: Path) -> None:
    """The school's BFO from 0. to 3. klasse for most children."""
    if not path.bfo:
        return
    grade = grade_of(birth, demo.today)
    bfo = names.SCHOOL_BFO[path.school]
    team = org.bfo_teams[(bfo, grade)] if grade < names.BFO_YEARS else None
    _enrol(demo, org, person, bfo, team, school_start(birth), end_of_grade(birth, names.BFO_YEARS - 1))


def _klub(demo: Demo, org: Org, person: Person, birth: date, path: Path, district: int) -> None:
    """The district's klub from 4. klasse for some children."""
    if not path.klub:
        return
    klub = names.DISTRICT_KLUB[district]
    team = org.klub_teams[(klub, 0 if grade_of(birth, demo.today) <= 6 else 1)]
    _enrol(demo, org, person, klub, team, end_of_grade(birth, names.BFO_YEARS - 1) + timedelta(days=1), date.max)
