"""Who another family may see named on a list: children whose guardians gave "Navn på lister"."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise.expressions import Subquery

from persistence.gdpr import ChildConsent
from persistence.queries import ints

NAMES_KEY = "navn_lister"  # the consent's key in every municipality (one of the three built-in types)


def named_on_lists() -> Subquery:
    """The ids of children whose guardians gave "Navn på lister", for a query's child_id__in.

    No decision, a withdrawn consent or a type the municipality switched off all mean: not on other families' lists.
    """
    return Subquery(ChildConsent.filter(given=True, consent_type__key=NAMES_KEY, consent_type__active=True)
                    .values("child_id"))


async def listable_children(child_ids: Iterable[int], *, own: Iterable[int] = ()) -> set[int]:
    """Which of the children another family may see named: consent given, or one of the viewer's own (one query)."""
    ids, mine = set(child_ids), set(own)
    others = sorted(ids - mine)
    given = set(ints(await ChildConsent.filter(child_id__in=others, given=True, consent_type__key=NAMES_KEY,
                                               consent_type__active=True).values_list("child_id", flat=True))) \
        if others else set()
    return (ids & mine) | given
