"""Who may read a thread: the seat through which the actor reads it, or a refusal in the audit log."""

from __future__ import annotations

from tortoise.expressions import Q

from domain import access
from domain.audit import service as audit
from domain.errors import NotFound
from domain.identity.model import Actor, Role
from persistence.messages import Participant, Thread

MAX_ID = 2**31 - 1


def valid_id(value: int) -> bool:
    """Whether an id from outside can name a row (PostgreSQL refuses integers beyond 32 bits)."""
    return 0 < value <= MAX_ID


def inbox_institutions(actor: Actor) -> list[int]:
    """The institutions whose fællespostkasse the actor reads (staff and leaders where they work)."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return []
    return sorted(actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions)


def seat_facts(seat: Participant, inbox_institution_id: int | None) -> access.SeatFacts:
    """The policy facts of one seat."""
    return access.SeatFacts(seat.person_id, inbox_institution_id, seat.left_at is not None, seat.via_child_id)


async def check_reader(actor: Actor, thread_id: int) -> Participant:
    """The seat through which the actor reads a thread: their own first, else a shared inbox where they work."""
    if not valid_id(thread_id):
        raise NotFound("messages.thread_not_found")
    mine = Q(person_id=actor.person_id)
    institutions = inbox_institutions(actor)
    if institutions:
        mine |= Q(inbox__institution_id__in=institutions)
    seats = await Participant.filter(mine, thread_id=thread_id).select_related("inbox").order_by("id")
    refusal = access.deny("not_participant")
    for seat in sorted(seats, key=lambda s: s.person_id is None):
        decision = access.can_read_seat(actor, seat_facts(seat, seat.inbox.institution_id if seat.inbox else None))
        if decision.allowed:
            return seat
        refusal = decision
    if not seats and not await Thread.exists(id=thread_id):
        raise NotFound("messages.thread_not_found")
    await audit.check(refusal, actor, "messages.read")
    raise AssertionError("unreachable")  # audit.check raised
