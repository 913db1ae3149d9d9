"""Use cases of identity: turning a verified login into a session, and switching roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError
from domain.events import committing
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role, UserLoggedIn
from persistence.db import transaction
from persistence.identity import LoginRecord, UserAccount
from persistence.people import Enrolment
from persistence.queries import active_on, ints

VALID_ACR = ("2", "3")
RECENT_LOGIN_DAYS = 30


async def guarded_institutions(child_ids: frozenset[int], day: date) -> tuple[int, ...]:
    """The institutions where a guardian's children are enrolled on a day (adoption counts them there)."""
    if not child_ids:
        return ()
    rows = await Enrolment.filter(active_on(day), child_id__in=list(child_ids)).distinct().values_list(
        "institution_id", flat=True)
    return tuple(sorted(ints(rows)))


class LoginRefused(DomainError):
    """A verified identity that Sammen will not let in; the key names the reason."""


@dataclass(frozen=True)
class SessionGrant:
    """What a session stores about a login: the person, their roles and the level of assurance."""

    account_id: int
    person_id: int
    name: str
    roles: tuple[Role, ...]
    role: Role
    acr: str


async def do_login(subject: str, acr: str | None, *, now: datetime, client_address: str = "") -> SessionGrant:
    """Accept a verified subject: refuse unknown, inactive or role-less accounts, with an audit entry."""
    level = acr if acr in VALID_ACR else "2"
    account = await UserAccount.get_or_none(oidc_subject=subject)
    if account is None:
        await audit.record("login", audit.REFUSED, detail="unknown_subject", client_address=client_address)
        raise LoginRefused("login.refused.unknown")
    if not account.active:
        await audit.record("login", audit.REFUSED, detail="inactive_account", client_address=client_address,
                           concerned_person_id=account.person_id)
        raise LoginRefused("login.refused.inactive")
    person_id: int = account.person_id
    facts = await load_person_facts(person_id, today_local(now))
    role = facts.default_role() if facts else None
    if facts is None or role is None:
        await audit.record("login", audit.REFUSED, detail="no_role", client_address=client_address,
                           concerned_person_id=person_id)
        raise LoginRefused("login.refused.no_role")
    previous = account.last_login_at
    institutions = await guarded_institutions(facts.guardian_of, today_local(now))
    async with committing(transaction) as outbox:
        await UserAccount.filter(id=account.id).update(last_login_at=now)
        await LoginRecord.create(account_id=account.id, at=now, acr=level)
        outbox.add(UserLoggedIn(
            person_id=person_id, account_id=account.id, acr=level, guardian_institution_ids=institutions,
            first_ever=previous is None,
            first_in_30d=previous is None or previous < now - timedelta(days=RECENT_LOGIN_DAYS)))
    await audit.record("login", audit.ALLOWED, concerned_person_id=person_id, client_address=client_address,
                       detail=f"acr={level}")
    roles = tuple(r for r in Role if r in facts.roles)
    return SessionGrant(account.id, person_id, facts.name, roles, role, level)


async def current_actor(person_id: int, role: str, acr: str, *, now: datetime, client_address: str = "") -> Actor:
    """Rebuild the actor for a request from fresh facts, so revoked access ends at once."""
    facts = await load_person_facts(person_id, today_local(now))
    if facts is None or not facts.roles:
        raise LoginRefused("login.refused.no_role")
    wanted = Role(role) if role in Role.__members__.values() else facts.default_role()
    if wanted not in facts.roles:
        wanted = facts.default_role()
    assert wanted is not None
    account_active = await UserAccount.filter(person_id=person_id, active=True).exists()
    if not account_active:
        raise LoginRefused("login.refused.inactive")
    return facts.actor(wanted, acr, client_address)


async def logins_since(moment: datetime) -> int:
    """How many logins happened since a moment (for the live adoption figure)."""
    return await LoginRecord.filter(at__gte=moment).count()
