"""An update's changed fields in Danish, old → new ('fornavn: Søren → Soren'), for the report."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

# The file's column name for each stored field; fields not named here are bookkeeping and are not shown.
LABELS = {"name": "navn", "kind": "type", "address": "adresse", "active": "aktiv", "expires_on": "udløber",
          "first_name": "fornavn", "last_name": "efternavn", "is_child": "barn", "email": "email",
          "phone": "telefon", "username": "brugernavn", "valid_from": "fra", "valid_to": "til", "group": "gruppe",
          "start": "start", "end": "slut", "role": "rolle", "superuser": "superbruger"}
EMPTY = "(tom)"


def value_text(value: Any) -> str:
    """A stored or wanted value as the report shows it: dates the Danish way, yes/no, (tom) for nothing."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, date):
        return f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple):  # a group is keyed (institution number, name)
        return str(value[-1])
    return str(value)


def describe(old: dict[str, Any], changed: dict[str, Any]) -> str:
    """'fornavn: Søren → Soren; adresse: Vej 1 → Vej 2' for the fields a person can recognise."""
    return "; ".join(f"{LABELS[k]}: {value_text(old.get(k))} → {value_text(v)}"
                     for k, v in changed.items() if k in LABELS)
