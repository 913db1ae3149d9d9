"""The recipient field's search: the one people search, with the roles in groups and shared inboxes beside it."""

from __future__ import annotations

from domain.identity.model import Actor
from domain.messages.model import RecipientChoice, RecipientKind
from domain.messages.recipients import role_choices
from domain.search.people import search_people


async def search_recipients(actor: Actor, text: str, limit: int = 20) -> list[RecipientChoice]:
    """Roles in groups and shared inboxes first (at most half the list while people match), then the people."""
    people = [RecipientChoice(RecipientKind.PERSON, hit.person_id, hit.label, hit.detail)
              for hit in await search_people(actor, text, limit)]
    roles = await role_choices(actor, text, limit)
    return (roles[:max(limit - len(people), limit // 2)] + people)[:limit]
