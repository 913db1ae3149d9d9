"""Test helper: guardians' "Navn på lister" decisions, stored as the consent page stores them."""

from __future__ import annotations

from datetime import datetime

from domain.gdpr.consents import ensure_default_types, record_decision
from domain.organisation.listing import NAMES_KEY
from persistence.gdpr import ConsentType
from persistence.people import Person


async def names_on_lists(*children: Person, now: datetime, given: bool = True) -> None:
    """A guardian gives (or refuses) "Navn på lister" for each child."""
    for child in children:
        await ensure_default_types(child.municipality_id, now)
        kind = await ConsentType.get(municipality_id=child.municipality_id, key=NAMES_KEY)
        await record_decision(child.id, kind.id, given, child.id, now)
