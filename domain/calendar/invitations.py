"""Answering an invitation (ja, nej, måske) and the counts the organiser follows live."""

from __future__ import annotations

from datetime import datetime

from domain import access
from domain.audit import service as audit
from domain.calendar.facts import calendar_reach, load_event
from domain.calendar.model import Answer, InvitationAnswered, InvitationCounts
from domain.calendar.views import invitation_counts_of
from domain.clock import today_local
from domain.errors import DomainError
from domain.events import committing
from domain.identity.model import Actor
from persistence.calendar import Invitation
from persistence.db import transaction

ANSWERS = frozenset({Answer.JA.value, Answer.NEJ.value, Answer.MAASKE.value})


async def do_answer(actor: Actor, event_id: int, answer: str, *, now: datetime) -> InvitationCounts:
    """Record the invitee's answer; the organiser's page hears the new counts after commit."""
    if answer not in ANSWERS:
        raise DomainError("calendar.bad_answer")
    row, _ = await load_event(event_id)
    invitation = await Invitation.get_or_none(event_id=event_id, person_id=actor.person_id)
    via = invitation.via_child_id if invitation else None
    await audit.check(access.can_answer_invitation(actor, invitation is not None, via), actor,
                      "calendar.answer", concerned_person_id=via)
    async with committing(transaction) as outbox:
        await Invitation.filter(event_id=event_id, person_id=actor.person_id).update(answer=answer, answered_at=now)
        counts = await invitation_counts_of(row.id)
        outbox.add(InvitationAnswered(row.id, actor.person_id, answer, counts.ja, counts.nej, counts.maaske,
                                      counts.not_answered))
    return counts


async def invitation_counts(actor: Actor, event_id: int, *, now: datetime | None = None) -> InvitationCounts:
    """How the invitees answered, for the organiser and staff whose calendar holds the event."""
    from domain.clock import utcnow

    row, facts = await load_event(event_id)
    reach = await calendar_reach(actor, today_local(now or utcnow()), row.municipality_id)
    await audit.check(access.can_see_invitation_counts(actor, facts, reach.policy), actor,
                      "calendar.invitation_counts")
    return await invitation_counts_of(event_id)
