"""Fixed names of the fictitious demo municipality: institutions, rooms, groups, relations."""

from __future__ import annotations

from dataclasses import dataclass

from domain.organisation.model import InstitutionKind

MUNICIPALITY_CODE = "999"
MUNICIPALITY_NAME = "Sammenby Kommune"


@dataclass(frozen=True)
class InstitutionSpec:
    """One demo institution: its key, institutionsnummer, name, kind and school district."""

    key: str
    number: str
    name: str
    kind: InstitutionKind
    district: int


K = InstitutionKind
INSTITUTIONS: list[InstitutionSpec] = [
    InstitutionSpec("mariehoenen", "999101", "Mariehønen", K.VUGGESTUE, 0),
    InstitutionSpec("myretuen", "999102", "Myretuen", K.VUGGESTUE, 1),
    InstitutionSpec("solsikken", "999111", "Solsikken", K.BOERNEHAVE, 0),
    InstitutionSpec("troldehoejen", "999112", "Troldehøjen", K.BOERNEHAVE, 1),
    InstitutionSpec("regnbuen", "999113", "Regnbuen", K.BOERNEHAVE, 2),
    InstitutionSpec("spiren", "999121", "Spiren", K.INTEGRERET, 0),
    InstitutionSpec("kastanjehuset", "999122", "Kastanjehuset", K.INTEGRERET, 2),
    InstitutionSpec("dagplejen", "999131", "Dagplejen Sammenby", K.DAGPLEJE, 1),
    InstitutionSpec("skovly", "999201", "Skovlyskolen", K.SKOLE, 0),
    InstitutionSpec("eng", "999202", "Engskolen", K.SKOLE, 1),
    InstitutionSpec("sammenby", "999203", "Sammenby Skole", K.SKOLE, 2),
    InstitutionSpec("skovly-bfo", "999301", "Skovlyskolens BFO", K.BFO, 0),
    InstitutionSpec("eng-bfo", "999302", "Engskolens BFO", K.BFO, 1),
    InstitutionSpec("sammenby-bfo", "999303", "Sammenby Skoles BFO", K.BFO, 2),
    InstitutionSpec("nordlys", "999401", "Klub Nordlys", K.KLUB, 0),
    InstitutionSpec("stjernen", "999402", "Klub Stjernen", K.KLUB, 2),
]

# Daycare paths per school district: (nursery-age institutions, kindergarten-age institutions).
DISTRICT_DAYCARE: dict[int, tuple[list[str], list[str]]] = {
    0: (["mariehoenen", "spiren"], ["solsikken", "spiren"]),
    1: (["myretuen", "dagplejen"], ["troldehoejen"]),
    2: (["kastanjehuset", "dagplejen"], ["regnbuen", "kastanjehuset"]),
}
DISTRICT_SCHOOL = {0: "skovly", 1: "eng", 2: "sammenby"}
SCHOOL_BFO = {"skovly": "skovly-bfo", "eng": "eng-bfo", "sammenby": "sammenby-bfo"}
DISTRICT_KLUB = {0: "nordlys", 1: "nordlys", 2: "stjernen"}
TENTH_GRADE_SCHOOL = "sammenby"

NURSERY_ROOMS = ["Frøerne", "Myrerne", "Bierne", "Sneglene", "Kyllingerne"]
KINDERGARTEN_ROOMS = ["Sommerfuglene", "Egernene", "Pindsvinene", "Ræveungerne", "Bjørnene"]
CHILDMINDER_GROUPS = ["Dagplejegruppe Nord", "Dagplejegruppe Syd", "Dagplejegruppe Vest", "Dagplejegruppe Øst"]
KLUB_TEAMS = ["Juniorklubben (4.–6. klasse)", "Ungdomsklubben (7.–10. klasse)"]
CLASS_LETTERS = ["A", "B"]
BFO_YEARS = 4

ACTIVE_CROSS_GROUP = "Tværgående læsevenner"
EXPIRED_CROSS_GROUP = "Fælles teaterprojekt 5. årgang"

PICKUP_RELATIONS = ["Mormor", "Morfar", "Farmor", "Farfar", "Moster", "Faster", "Onkel", "Nabo", "Storebror"]


def bfo_team(year: int) -> str:
    """The name of a BFO group for one årgang."""
    return f"{year}. årgang"


def class_name(grade: int, letter: str) -> str:
    """A class name such as '2.A'."""
    return f"{grade}.{letter}"


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters only, with Danish letters spelled out (ø → oe)."""
    spelled = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return "".join(ch for ch in spelled if "a" <= ch <= "z")
