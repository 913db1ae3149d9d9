"""The named demo users and their families, built explicitly with fixed names."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from demo.children import Path, add_child, random_path
from demo.dates import birth_for, birth_for_age
from demo.families import add_custody
from demo.institutions import Org
from demo.rows import Demo
from demo.staff import employ, join
from domain.organisation.model import MunicipalRole, StaffRole
from persistence.people import MunicipalAssignment, Person


@dataclass
class Named:
    """The persons behind the named demo users, by OIDC subject, and the children they matter for."""

    people: dict[str, Person] = field(default_factory=dict)
    ppr_child: Person | None = None

    def ids(self) -> dict[int, str]:
        """OIDC subject by person id."""
        return {person.id: subject for subject, person in self.people.items()}


def build_named(demo: Demo, org: Org) -> Named:
    """Every named demo user with the relations the login page promises."""
    named = Named()
    _family_kristensen(demo, org, named)
    _family_hassan(demo, org, named)
    _family_nielsen(demo, org, named)
    _staff(demo, org, named)
    _municipal(demo, named)
    _family_joergensen(demo, org, named)
    return named


def _adult(demo: Demo, first: str, last: str, age: int, home: str, *, male: bool) -> Person:
    """A named adult with a fixed name."""
    return demo.adult(first, last, birth_for_age(age, demo.today, 120), male=male, address=home)


def _child(
    demo: Demo, org: Org, first: str, last: str, birth: date, path: Path, *, male: bool, home: str, district: int
) -> Person:
    """A named child with the given path through the institutions."""
    child = demo.person(first, last, birth, male=male, child=True, address=home)
    add_child(demo, org, child, demo.families, path, district)
    return child


def _family_kristensen(demo: Demo, org: Org, named: Named) -> None:
    """Mette and her ex-partner Jonas: Freja (4) in Solsikken, Oscar (8) in 2.A and BFO at Skovly."""
    demo.families += 1
    home = demo.address()
    mette = _adult(demo, "Mette", "Kristensen", 36, home, male=False)
    jonas = _adult(demo, "Jonas", "Kristensen", 38, demo.address(), male=True)
    base = random_path(demo, org, 0)
    base = replace(
        base,
        nursery="mariehoenen",
        nursery_room=org.room("mariehoenen", "Myrerne"),
        kindergarten="solsikken",
        kindergarten_room=org.room("solsikken", "Sommerfuglene"),
        school="skovly",
        letter="A",
        bfo=True,
        klub=False,
    )
    oscar = _child(
        demo, org, "Oscar", "Kristensen", birth_for(8, 2, demo.today), base, male=True, home=home, district=0
    )
    freja = _child(
        demo, org, "Freja", "Kristensen", birth_for_age(4, demo.today, 150), base, male=False, home=home, district=0
    )
    for child in (oscar, freja):
        add_custody(demo, child, [mette, jonas], [])
    named.people["demo-foraelder"] = mette
    named.ppr_child = oscar


def _family_hassan(demo: Demo, org: Org, named: Named) -> None:
    """Ali and Leila Hassan: Yusuf (12) in 6.A at Engskolen and in Klub Nordlys."""
    demo.families += 1
    home = demo.address()
    ali = _adult(demo, "Ali", "Hassan", 41, home, male=True)
    leila = _adult(demo, "Leila", "Hassan", 39, home, male=False)
    path = replace(random_path(demo, org, 1), school="eng", letter="A", bfo=True, klub=True)
    yusuf = _child(demo, org, "Yusuf", "Hassan", birth_for(12, 6, demo.today), path, male=True, home=home, district=1)
    add_custody(demo, yusuf, [ali, leila], [])
    named.people["demo-foraelder-klub"] = ali


def _family_nielsen(demo: Demo, org: Org, named: Named) -> None:
    """Sofie Nielsen, pædagog at Skovlyskolens BFO and mother of Alma (1) in Myretuen."""
    demo.families += 1
    home = demo.address()
    sofie = _adult(demo, "Sofie", "Nielsen", 31, home, male=False)
    mads = _adult(demo, "Mads", "Nielsen", 33, home, male=True)
    path = replace(
        random_path(demo, org, 1),
        nursery="myretuen",
        nursery_room=org.room("myretuen", "Bierne"),
        daycare_after_days=300,
    )
    alma = _child(
        demo, org, "Alma", "Nielsen", birth_for_age(1, demo.today, 100), path, male=False, home=home, district=1
    )
    add_custody(demo, alma, [sofie, mads], [])
    employ(demo, org, sofie, "skovly-bfo", StaffRole.PAEDAGOG)
    join(demo, org.bfo_teams[("skovly-bfo", 1)].id, sofie)
    named.people["demo-paedagog-bfo"] = sofie


def _staff(demo: Demo, org: Org, named: Named) -> None:
    """Lars in Mariehønen's Frøerne, Anne in 2.A at Skovlyskolen, Peter leading Solsikken."""
    lars = _adult(demo, "Lars", "Mortensen", 45, demo.address(), male=True)
    employ(demo, org, lars, "mariehoenen", StaffRole.PAEDAGOG)
    join(demo, org.room("mariehoenen", "Frøerne").id, lars)
    anne = _adult(demo, "Anne", "Holm", 50, demo.address(), male=False)
    employ(demo, org, anne, "skovly", StaffRole.LAERER, superuser=True)
    join(demo, org.school_class("skovly", 2, "A").id, anne)
    peter = _adult(demo, "Peter", "Lund", 55, demo.address(), male=True)
    employ(demo, org, peter, "solsikken", StaffRole.LEDER, superuser=True)
    for person in (lars, anne, peter):
        person.email = f"{demo.username(person)}@sammenby.dk"
    named.people.update({"demo-paedagog-vuggestue": lars, "demo-laerer": anne, "demo-leder": peter})


def _municipal(demo: Demo, named: Named) -> None:
    """Camilla in the project team, Henrik the administrator, Birgitte from PPR."""
    for subject, first, last, role in (
        ("demo-projektgruppe", "Camilla", "Berg", MunicipalRole.PROJECT_TEAM),
        ("demo-admin", "Henrik", "Dahl", MunicipalRole.ADMIN),
        ("demo-ppr", "Birgitte", "Skov", MunicipalRole.PPR),
    ):
        person = _adult(demo, first, last, 47, demo.address(), male=first == "Henrik")
        person.email = f"{first.lower()}.{last.lower()}@sammenby.dk"
        demo.book.add(MunicipalAssignment, person_id=person.id, role=role)
        named.people[subject] = person


def _family_joergensen(demo: Demo, org: Org, named: Named) -> None:
    """Emil Jørgensen (14) in 8.B at Skovlyskolen and in Klub Nordlys, with Karina and Thomas."""
    demo.families += 1
    home = demo.address()
    karina = _adult(demo, "Karina", "Jørgensen", 44, home, male=False)
    thomas = _adult(demo, "Thomas", "Jørgensen", 46, home, male=True)
    path = replace(random_path(demo, org, 0), school="skovly", letter="B", bfo=True, klub=True)
    emil = _child(demo, org, "Emil", "Jørgensen", birth_for(14, 8, demo.today), path, male=True, home=home, district=0)
    add_custody(demo, emil, [karina, thomas], [])
    named.people["demo-barn-klub"] = emil
