"""A reader's own seat in a thread: read, unread, mute, leave, delete for me, and the folder it sits in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain import access
from domain.audit import service as audit
from domain.errors import NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.messages.model import InboxChanged
from persistence.db import transaction
from persistence.messages import Folder, Participant, SharedInbox


async def own_seat(actor: Actor, thread_id: int, action: str, *, personal_only: bool) -> Participant:
    """The seat the actor reads the thread through, if they may change it for this action; refusals audited."""
    from domain.messages.reading import check_reader

    seat = await check_reader(actor, thread_id)
    institution_id = None
    if seat.person_id is None and seat.inbox_id is not None and not personal_only:
        inbox = await SharedInbox.get_or_none(id=seat.inbox_id)
        institution_id = inbox.institution_id if inbox else None
    decision = access.can_change_seat(actor, seat_person_id=seat.person_id,
                                      inbox_institution_id=institution_id,
                                      personal_only=personal_only)
    await audit.check(decision, actor, action)
    return seat


async def _change(actor: Actor, seat: Participant, **values: Any) -> None:
    """Write the seat's new settings, then tell the reader's other devices."""
    async with committing(transaction) as outbox:
        await Participant.filter(id=seat.id).update(**values)
        # A shared inbox seat also tells the colleagues who watch that inbox.
        outbox.add(InboxChanged(actor.person_id, seat.thread_id, inbox_id=seat.inbox_id))


async def do_mark_read(actor: Actor, thread_id: int, *, now: datetime) -> None:
    """No unread messages left in the thread for this seat."""
    seat = await own_seat(actor, thread_id, "messages.mark_read", personal_only=False)
    await _change(actor, seat, unread=0)


async def do_mark_unread(actor: Actor, thread_id: int, *, now: datetime) -> None:
    """Show the thread as unread again (at least one unread message)."""
    seat = await own_seat(actor, thread_id, "messages.mark_unread", personal_only=False)
    await _change(actor, seat, unread=max(seat.unread, 1))


async def do_mute(actor: Actor, thread_id: int, *, muted: bool, now: datetime) -> None:
    """Turn notifications for the thread off or on again (personal seats only)."""
    seat = await own_seat(actor, thread_id, "messages.mute", personal_only=True)
    await _change(actor, seat, muted=muted)


async def do_leave(actor: Actor, thread_id: int, *, now: datetime) -> None:
    """Leave the thread: no further messages, and no access to it from now on."""
    seat = await own_seat(actor, thread_id, "messages.leave", personal_only=True)
    await _change(actor, seat, left_at=now, unread=0, folder_id=None)


async def do_delete_for_me(actor: Actor, thread_id: int, *, now: datetime) -> None:
    """Hide the thread from the actor's inbox until a new message arrives in it."""
    seat = await own_seat(actor, thread_id, "messages.delete_for_me", personal_only=True)
    await _change(actor, seat, deleted_at=now, unread=0)


async def do_move_to_folder(actor: Actor, thread_id: int, *, folder_id: int | None, now: datetime) -> None:
    """Put the thread in one of the actor's own folders, or back in the inbox with None (staff only)."""
    await audit.check(access.can_use_message_folders(actor), actor, "messages.move_to_folder")
    seat = await own_seat(actor, thread_id, "messages.move_to_folder", personal_only=True)
    if folder_id is not None and not await Folder.filter(id=folder_id, owner_id=actor.person_id).exists():
        raise NotFound("messages.folder_missing")
    await _change(actor, seat, folder_id=folder_id)
