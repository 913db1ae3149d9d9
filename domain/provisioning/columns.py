"""Column names: the usual spellings of each column (E-mail, Tlf., First name …) and one message per bad header."""

from __future__ import annotations

import re
import unicodedata

# Each documented column, and the names exports commonly give it; compared without case, spaces or punctuation.
ALIASES: dict[str, tuple[str, ...]] = {
    "institutionsnummer": ("institutionsnr", "inst nr", "instnr", "institution nr", "institution number",
                           "institution id", "institutions id"),
    "navn": ("name", "institutionsnavn", "gruppenavn"),
    "type": ("kind", "institutionstype", "gruppetype"),
    "adresse": ("address", "adr", "bopæl", "bopælsadresse"),
    "udloeber": ("udløbsdato", "udløber den", "expires", "expires on", "udløb"),
    "cpr": ("cpr nr", "cprnr", "cpr nummer", "cpr-nummer", "personnummer", "cpr number"),
    "fornavn": ("fornavne", "first name", "firstname", "given name"),
    "efternavn": ("last name", "lastname", "surname", "family name"),
    "email": ("e-mail", "mail", "e-mail-adresse", "e-mailadresse", "emailadresse", "mailadresse",
              "email address"),
    "telefon": ("tlf", "tlf nr", "tlfnr", "telefonnummer", "telefon nr", "mobil", "mobilnummer", "mobil nr",
                "mobiltelefon", "phone", "mobile", "phone number"),
    "brugernavn": ("username", "user name", "unilogin", "uni-login", "uni login", "ad brugernavn", "login"),
    "foraelder_cpr": ("forælder cpr", "forældre cpr", "værge cpr", "guardian cpr", "forælder"),
    "barn_cpr": ("barnets cpr", "child cpr", "barn"),
    "fra": ("fra dato", "fradato", "gyldig fra", "from", "valid from"),
    "til": ("til dato", "tildato", "gyldig til", "to", "valid to"),
    "gruppe": ("group", "stue", "klasse", "gruppenavn"),
    "start": ("startdato", "start dato", "fra dato", "start date", "begin"),
    "slut": ("slutdato", "slut dato", "til dato", "end", "end date"),
    "rolle": ("role", "stilling", "stillingsbetegnelse"),
    "superbruger": ("superuser", "super bruger"),
}


def column_key(name: str) -> str:
    """A column name reduced to lowercase letters and digits: 'E-mail ' and 'email' are the same key."""
    text = name.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


def canonical(name: str, allowed: tuple[str, ...]) -> str | None:
    """The documented column a header names, among the file's allowed columns; None when it names none."""
    key = column_key(name)
    for column in allowed:
        if key == column_key(column) or key in {column_key(a) for a in ALIASES.get(column, ())}:
            return column
    return None


def check_header(header: list[str], required: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[
        list[str] | None, str, dict[str, str]]:
    """The columns a header names, or the one reason (and its parameters) that stops the whole file."""
    names: list[str] = []
    given: dict[str, str] = {}
    for raw in header:
        column = canonical(raw, allowed) or ""
        if column and column in given:
            return None, "duplicate_column", {"column": raw.strip(), "other": given[column]}
        if column:
            given[column] = raw.strip()
        names.append(column)
    found = ", ".join(h.strip() for h in header if h.strip()) or "(ingen)"
    missing = next((c for c in required if c not in given), None)
    if missing is not None:
        return None, "missing_column", {"column": missing, "found": found}
    unknown = [raw.strip() for raw, column in zip(header, names, strict=True) if not column]
    if unknown:
        return None, "unknown_column", {"column": ", ".join(unknown), "allowed": ", ".join(allowed)}
    return names, "", {}
