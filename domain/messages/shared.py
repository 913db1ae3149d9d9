"""The fællespostkasse: one shared inbox per institution, read and answered by the staff who work there."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count

from domain.identity.model import Actor, Role
from persistence.messages import Participant, SharedInbox
from persistence.queries import ints

INBOX_NAME = "Fællespostkasse"


def inbox_label(institution_name: str) -> str:
    """How a shared inbox is named in recipient lists."""
    return f"{INBOX_NAME} — {institution_name}"


async def ensure_shared_inbox(institution_id: int) -> int:
    """The institution's shared inbox, created on first use."""
    return (await inbox_ids_for([institution_id]))[institution_id]


async def inbox_ids_for(institution_ids: Iterable[int]) -> dict[int, int]:
    """The shared inbox of each institution by institution id, creating the missing ones (2-3 queries)."""
    wanted = sorted(set(institution_ids))
    if not wanted:
        return {}
    found = {int(i): int(b) for i, b in await SharedInbox.filter(institution_id__in=wanted).values_list(
        "institution_id", "id")}
    missing = [i for i in wanted if i not in found]
    for institution_id in missing:
        with contextlib.suppress(IntegrityError):  # a colleague's send created it a moment ago
            await SharedInbox.create(institution_id=institution_id, name=INBOX_NAME)
    if missing:
        found = {int(i): int(b) for i, b in await SharedInbox.filter(institution_id__in=wanted).values_list(
            "institution_id", "id")}
    return found


def _institutions(actor: Actor) -> list[int]:
    if actor.role not in (Role.STAFF, Role.LEADER):
        return []
    return sorted(actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions)


async def my_shared_inboxes(actor: Actor) -> list[tuple[int, str, int]]:
    """The shared inboxes the actor answers: id, name with institution, and threads unread there (2 queries)."""
    institutions = _institutions(actor)
    if not institutions:
        return []
    rows = await SharedInbox.filter(institution_id__in=institutions).order_by("institution__name").values_list(
        "id", "institution__name")
    ids = ints(r[0] for r in rows)
    unread = dict(await Participant.filter(inbox_id__in=ids, unread__gt=0, deleted_at__isnull=True,
                                           left_at__isnull=True).annotate(n=Count("id")).group_by("inbox_id")
                  .values_list("inbox_id", "n")) if ids else {}
    return [(int(i), inbox_label(str(name)), int(unread.get(i, 0))) for i, name in rows]
