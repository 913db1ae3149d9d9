"""Who picks a child up, said as a person would: one wording for the board, the dialog, parents and the daily list."""

from __future__ import annotations

from domain.presence.model import ALONE_LABEL, Pickup
from ui.i18n import t


def pickup_sentence(pickup: Pickup) -> str:
    """"Hentes 15:30 af Farmor", "Går selv hjem 15:00", "Hentet 15:10 af Mette", "Gik selv hjem 15:05" (or "")."""
    if pickup.done:
        if pickup.alone:
            return t("pickup.done_alone", at=pickup.at)
        return t("pickup.done_by", at=pickup.at, by=pickup.label) if pickup.label else ""
    if pickup.alone:
        return t("pickup.alone_at", at=pickup.at) if pickup.at else t("pickup.alone")
    if pickup.at and pickup.label:
        return t("pickup.at_by", at=pickup.at, by=pickup.label)
    if pickup.label:
        return t("pickup.by", by=pickup.label)
    return t("pickup.at", at=pickup.at) if pickup.at else ""


def pickup_phrase(pickup: Pickup) -> str:
    """The same inside a sentence: "Oscar, til stede, hentes 15:30 af Farmor"."""
    text = pickup_sentence(pickup)
    return text[:1].lower() + text[1:]


def pickup_short(pickup: Pickup) -> str:
    """A tile's pickup line: "15:30 · Farmor" for a planned person, "" when the child goes alone, else the sentence."""
    if pickup.done or pickup.alone:
        return pickup_sentence(pickup) if pickup.done else ""
    return " · ".join(part for part in (pickup.at, pickup.label) if part)


def alone_badge(pickup: Pickup) -> str:
    """The tile's badge for a child who goes home alone later today: "Går selv hjem 15:00" (or "")."""
    return pickup_sentence(pickup) if pickup.alone and not pickup.done else ""


def taken_by(label: str) -> str:
    """Who took the child home, as recorded at the check-out ("Gik selv hjem" for a child who went alone)."""
    return t("pickup.went_alone") if label == ALONE_LABEL else label
