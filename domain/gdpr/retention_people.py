"""Anonymising children who left: no name, CPR, birth date or contact details left, relations kept without them."""

from __future__ import annotations

from datetime import date, datetime

from tortoise.expressions import Q, Subquery

from domain.gdpr import photo_files
from domain.gdpr.retention_messages import rename_sender
from domain.gdpr.retention_model import ANONYMOUS
from persistence.db import transaction
from persistence.gdpr import ChildConsent
from persistence.identity import UserAccount
from persistence.people import Enrolment, Person, PickupPerson
from persistence.presence import KioskPin, PlanEntry
from persistence.queries import ints
from persistence.stamkort import Stamkort

CHILD_BATCH = 500


async def children_to_anonymise(municipality_id: int, cutoff: date) -> list[int]:
    """Children not yet anonymised whose every enrolment ended before the cutoff (and who had one)."""
    ended = Subquery(Enrolment.filter(end__lt=cutoff).values("child_id"))
    staying = Subquery(Enrolment.filter(Q(end__isnull=True) | Q(end__gte=cutoff)).values("child_id"))
    return ints(await Person.filter(municipality_id=municipality_id, is_child=True, anonymised_at__isnull=True,
                                    id__in=ended).exclude(id__in=staying).order_by("id").values_list("id", flat=True))


async def anonymise(child_ids: list[int], *, now: datetime) -> int:
    """Strip the children's personal data in batches; custody and enrolment rows stay as bare relations."""
    done = 0
    for start in range(0, len(child_ids), CHILD_BATCH):
        batch = child_ids[start:start + CHILD_BATCH]
        async with transaction():
            await Person.filter(id__in=batch, deactivated_at__isnull=True).update(deactivated_at=now)
            # The birth date goes too (not even the year stays): with the institution and dates it could identify.
            done += await Person.filter(id__in=batch, anonymised_at__isnull=True).update(
                first_name=ANONYMOUS, last_name="", cpr=None, birth_date=None, email="", phone="", address="",
                photo_url="", active=False, anonymised_at=now)
            await UserAccount.filter(person_id__in=batch).update(active=False, username="")
            # Other people's names and numbers kept for this child, and the child's own plans and PIN, go.
            await PickupPerson.filter(child_id__in=batch).delete()
            await PlanEntry.filter(child_id__in=batch).delete()
            await KioskPin.filter(child_id__in=batch).delete()
            await PlanEntry.filter(with_child_id__in=batch).update(with_child_name=ANONYMOUS)
            await rename_sender(batch, ANONYMOUS)
            await ChildConsent.filter(child_id__in=batch).delete()
            await Stamkort.filter(child_id__in=batch).delete()  # allergies, medicine, health notes, doctor
        for child_id in batch:  # after the commit: a rolled-back batch keeps its photos
            photo_files.remove_files(child_id)
    return done
