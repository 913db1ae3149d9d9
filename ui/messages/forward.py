"""Forwarding a thread: the compose form with recipients and a note; the domain quotes the messages."""

from __future__ import annotations

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.messages import inbox
from ui.messages.compose import Compose


async def forward_compose(actor: Actor, thread_id: int) -> Compose:
    """A compose form for forwarding a thread the actor reads (refusals raise DomainError)."""
    view = await inbox.open_thread(actor, thread_id, now=utcnow())
    subject = view.subject if view.subject.startswith("Vs: ") else f"Vs: {view.subject}"
    return Compose(actor, subject=subject, forward_thread=thread_id)
