"""Who may pick a child up: its guardians and the pickup persons they added, as keys and labels."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from domain.clock import today_local
from domain.errors import DomainError
from domain.presence.model import ALONE_KEY, ALONE_LABEL
from persistence.people import Custody, PickupPerson
from persistence.queries import active_on

__all__ = ["ALONE_KEY", "ALONE_LABEL", "PickupChoice", "authorised", "choices_from", "label_for"]


@dataclass(frozen=True)
class PickupChoice:
    """One person who may pick the child up: a stable key and the label screens show."""

    key: str
    label: str


async def authorised(child_id: int, day: date | None = None) -> list[PickupChoice]:
    """The child's guardians first, then the pickup persons (two queries)."""
    on = day or today_local()
    guardians = await Custody.filter(active_on(on, "valid_from", "valid_to"), child_id=child_id).order_by(
        "guardian_id").values_list("guardian_id", "guardian__first_name")
    others = await PickupPerson.filter(child_id=child_id).order_by("id").values_list("id", "name", "relation")
    return choices_from([(int(g), str(f)) for g, f in guardians], [(int(i), str(n), str(r)) for i, n, r in others])


def choices_from(guardians: list[tuple[int, str]], others: list[tuple[int, str, str]]) -> list[PickupChoice]:
    """Keys and labels: a guardian by first name, a pickup person by relation ("Farmor"), or by name."""
    relations = Counter(relation for _, _, relation in others if relation)
    choices = [PickupChoice(f"g:{gid}", first) for gid, first in guardians]
    for pid, name, relation in others:
        if relation and relations[relation] == 1:
            label = relation
        elif relation:
            label = f"{relation} {name.split()[0]}"
        else:
            label = name
        choices.append(PickupChoice(f"p:{pid}", label))
    return choices


async def label_for(child_id: int, key: str) -> str:
    """The label of an authorised pickup person, or a refusal naming that the person is not on the list."""
    for choice in await authorised(child_id):
        if choice.key == key:
            return choice.label
    raise DomainError("presence.error.pickup_not_authorised")
