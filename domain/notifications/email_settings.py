"""Which kinds of e-mail a person gets: read in one query for a whole send, turned off and on by them or by a link."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery

from domain.errors import DomainError
from domain.identity.model import Actor
from domain.notifications.links import read_token
from domain.notifications.model import EmailKind, EmailSettingsView
from persistence.notifications import EmailOptOut
from persistence.people import Person

KINDS = {kind.value for kind in EmailKind}


async def opted_out(person_ids: Iterable[int], kind: EmailKind) -> set[int]:
    """Those of `person_ids` who turned `kind` off (one query however many)."""
    ids = sorted(set(person_ids))
    if not ids:
        return set()
    return {int(p) for (p,) in await EmailOptOut.filter(person_id__in=ids, kind=kind.value).values_list("person_id")}


def opted_out_subquery(kind: EmailKind) -> Subquery:
    """The ids of everyone who turned `kind` off, for a claim that must leave them out in the same statement."""
    return Subquery(EmailOptOut.filter(kind=kind.value).values("person_id"))


async def email_settings(actor: Actor) -> EmailSettingsView:
    """The signed-in person's own e-mail address and the kinds they turned off."""
    address = [str(a) for (a,) in await Person.filter(id=actor.person_id).values_list("email")]
    off = [str(k) for (k,) in await EmailOptOut.filter(person_id=actor.person_id).values_list("kind")]
    return EmailSettingsView(address[0] if address else "", frozenset(EmailKind(k) for k in off if k in KINDS))


async def do_opt_out(person_id: int, kind: EmailKind, *, now: datetime) -> bool:
    """Turn one kind of e-mail off for a person; False when it already was."""
    if await EmailOptOut.filter(person_id=person_id, kind=kind.value).exists():
        return False
    try:
        await EmailOptOut.create(person_id=person_id, kind=kind.value, at=now)
    except IntegrityError:
        return False  # a second click (or the mail provider's one-click) got there first
    return True


async def do_opt_in(person_id: int, kind: EmailKind) -> bool:
    """Turn one kind of e-mail back on; False when it already was on."""
    return bool(await EmailOptOut.filter(person_id=person_id, kind=kind.value).delete())


async def do_set_email(actor: Actor, kind: EmailKind, *, on: bool, now: datetime) -> bool:
    """The signed-in person turns one kind of their own e-mail on or off; False when nothing changed."""
    return await do_opt_in(actor.person_id, kind) if on else await do_opt_out(actor.person_id, kind, now=now)


async def check_link(secret: str, token: str) -> tuple[int, EmailKind]:
    """The person and kind of a valid unsubscribe link; a forged, mangled or outdated one is refused."""
    found = read_token(secret, token)
    if found is None or not await Person.filter(id=found[0]).exists():
        raise DomainError("email.link.invalid")
    return found


async def do_unsubscribe(secret: str, token: str, *, now: datetime) -> EmailKind:
    """Turn off the kind of e-mail a one-click link names (changes nothing when the link is refused)."""
    person_id, kind = await check_link(secret, token)
    await do_opt_out(person_id, kind, now=now)
    return kind
