"""Import files for tests and the benchmark: n institutions with groups, families (custody, enrolments) and staff."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.provisioning.model import ImportFile

FIRST = ("Søren", "Åse", "Ærø", "Mette", "Jens", "Øjvind", "Lærke", "Bo", "Ida", "Frederik")
LAST = ("Hansen", "Nørgaard", "Østergård", "Jensen", "Ågesen", "Møller", "Bæk", "Lund")
COLUMNS = {
    "institutioner": ("institutionsnummer", "navn", "type", "adresse"),
    "grupper": ("institutionsnummer", "navn", "type", "udloeber"),
    "personer": ("cpr", "fornavn", "efternavn", "adresse", "brugernavn"),
    "foraeldremyndighed": ("foraelder_cpr", "barn_cpr", "fra", "til"),
    "indskrivninger": ("barn_cpr", "institutionsnummer", "gruppe", "start", "slut"),
    "medarbejdere": ("cpr", "institutionsnummer", "rolle", "superbruger", "brugernavn", "start", "slut"),
}


def cpr(born: date, serial: int) -> str:
    """A valid CPR number for a birth date; the serial's first digit fits the century (4 for 2000-2036)."""
    seventh = 4 if born.year >= 2000 else 1
    return f"{born:%d%m%y}{seventh}{serial % 1000:03d}"


@dataclass
class Register:
    """The rows of every file, as column -> text, ready to write as CSV or JSON."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=lambda: {k: [] for k in COLUMNS})

    def csv(self, name: str, encoding: str = "utf-8") -> ImportFile:
        """One file as semicolon-separated CSV."""
        lines = [";".join(COLUMNS[name])] + [";".join(r.get(c, "") for c in COLUMNS[name]) for r in self.rows[name]]
        return ImportFile(f"{name}.csv", ("\r\n".join(lines) + "\r\n").encode(encoding))

    def json(self, name: str) -> ImportFile:
        """One file as a JSON array of objects."""
        return ImportFile(f"{name}.json", json.dumps(self.rows[name], ensure_ascii=False).encode())

    def files(self, encoding: str = "utf-8") -> list[ImportFile]:
        """Every file as CSV."""
        return [self.csv(name, encoding) for name in COLUMNS]


def register(*, institutions: int = 2, families: int = 4, staff: int = 2, number_base: int = 700100) -> Register:
    """A consistent municipality: each family has a child enrolled in a group and two guardians with custody."""
    reg = Register()
    numbers = [f"{number_base + i:06d}" for i in range(institutions)]
    for i, number in enumerate(numbers):
        reg.rows["institutioner"].append({"institutionsnummer": number, "navn": f"Børnehuset {i}",
                                          "type": "Børnehave", "adresse": f"Skovvej {i}, 9999 Sammenby"})
        for room in ("Myrestuen", "Bistuen"):
            reg.rows["grupper"].append({"institutionsnummer": number, "navn": room, "type": "stue"})
    for k in range(families):
        child_born = date(2020, 1, 1) + timedelta(days=k // 900)
        parent_born = date(1985, 1, 1) + timedelta(days=k // 450)
        child = cpr(child_born, k % 900)
        parents = [cpr(parent_born, (2 * k) % 900 + j) for j in range(2)]
        surname = LAST[k % len(LAST)]
        reg.rows["personer"].append({"cpr": child, "fornavn": FIRST[k % len(FIRST)], "efternavn": surname,
                                     "adresse": f"Vej {k}"})
        for j, parent in enumerate(parents):
            reg.rows["personer"].append({"cpr": parent, "fornavn": FIRST[(k + j + 1) % len(FIRST)],
                                         "efternavn": surname, "adresse": f"Vej {k}"})
            reg.rows["foraeldremyndighed"].append({"foraelder_cpr": parent, "barn_cpr": child,
                                                   "fra": child_born.isoformat()})
        reg.rows["indskrivninger"].append({"barn_cpr": child, "institutionsnummer": numbers[k % institutions],
                                           "gruppe": ("Myrestuen", "Bistuen")[k % 2], "start": "2023-08-01"})
    for k in range(staff):
        born = date(1970, 1, 1) + timedelta(days=k // 900)
        person = cpr(born, k % 900)
        reg.rows["personer"].append({"cpr": person, "fornavn": FIRST[k % len(FIRST)], "efternavn": "Pædagogsen",
                                     "adresse": f"Personalevej {k}"})
        reg.rows["medarbejdere"].append({"cpr": person, "institutionsnummer": numbers[k % institutions],
                                         "rolle": "Leder" if k == 0 else "Pædagog", "superbruger": "nej",
                                         "brugernavn": f"medarb{k}", "start": "2020-01-01"})
    return reg
