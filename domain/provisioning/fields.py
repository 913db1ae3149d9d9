"""Checking single fields: CPR numbers, institution numbers, dates, kinds, roles, yes/no, user names."""

from __future__ import annotations

import re
from datetime import date

from domain.organisation.model import GroupKind, InstitutionKind, StaffRole

INSTITUTION_NUMBER = re.compile(r"^\d{6}$")
_CPR = re.compile(r"^(\d{6})-?(\d{4})$")
_DATE_FORMATS = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$"))

INSTITUTION_KINDS: dict[str, InstitutionKind] = {k.value: k for k in InstitutionKind} | {
    "integreret_institution": InstitutionKind.INTEGRERET, "integreret_daginstitution": InstitutionKind.INTEGRERET,
    "folkeskole": InstitutionKind.SKOLE, "sfo": InstitutionKind.BFO, "fritidsklub": InstitutionKind.KLUB,
    "ungdomsklub": InstitutionKind.KLUB,
}
GROUP_KINDS: dict[str, GroupKind] = {k.value: k for k in GroupKind} | {"tvaergaaende_gruppe": GroupKind.TVAERGAAENDE}
ROLES: dict[str, StaffRole] = {r.value: r for r in StaffRole} | {
    "paedagogmedhjaelper": StaffRole.MEDHJAELPER, "paedagogisk_assistent": StaffRole.MEDHJAELPER,
    "skoleleder": StaffRole.LEDER, "dagtilbudsleder": StaffRole.LEDER, "institutionsleder": StaffRole.LEDER,
}
YES = frozenset({"ja", "j", "x", "1", "true", "yes", "sand"})
NO = frozenset({"", "nej", "n", "0", "false", "no", "falsk"})


def cpr_birth_date(cpr: str) -> date | None:
    """The birth date a 10-digit CPR number encodes (the 7th digit gives the century), or None."""
    day, month, yy, seventh = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6]), int(cpr[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        return date(century + yy, month, day)
    except ValueError:
        return None


def normalise_cpr(text: str) -> str | None:
    """Ten digits (a dash after the date is allowed) with a real date, or None."""
    match = _CPR.match(text.strip())
    if not match:
        return None
    cpr = match.group(1) + match.group(2)
    return cpr if cpr_birth_date(cpr) else None


def mask_cpr(text: str) -> str:
    """The date part only, so no full CPR number lands in a report or a log."""
    digits = re.sub(r"\D", "", text)
    return f"{digits[:6]}-****" if len(digits) >= 6 else "****"


def parse_date(text: str) -> date | None:
    """ÅÅÅÅ-MM-DD, or DD-MM-ÅÅÅÅ / DD.MM.ÅÅÅÅ / DD/MM/ÅÅÅÅ as Danish exports write it."""
    text = text.strip()
    for i, pattern in enumerate(_DATE_FORMATS):
        match = pattern.match(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            try:
                return date(a, b, c) if i == 0 else date(c, b, a)
            except ValueError:
                return None
    return None


def parse_bool(text: str) -> bool | None:
    """ja/nej, 1/0, true/false, x; empty is no."""
    value = text.strip().lower()
    return True if value in YES else False if value in NO else None


def valid_username(text: str) -> bool:
    """A UNI-Login or AD user name: 1-80 characters, no spaces."""
    return 0 < len(text) <= 80 and not any(ch.isspace() for ch in text)
