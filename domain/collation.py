"""Danish alphabetical order: Æ, Ø and Å after Z (and "aa" as Å), the order a Danish list of names is read in."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters after "z" in the Danish alphabet, as characters that sort after "z" (and after each other) in Python.
AFTER_Z = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}


@lru_cache(maxsize=4096)
def danish_key(text: str) -> tuple[str, str]:
    """A sort key: "Aage" after "Zakarias", "Ærø" before "Øster" before "Åse"; accents ignored, case breaks ties."""
    folded = text.casefold().replace("aa", "å")
    primary = "".join(AFTER_Z.get(c) or unicodedata.normalize("NFD", c)[0] for c in folded)
    return primary, text
