"""A guardian's first-login walkthrough: read where they are, answer a step, dismiss what is left open."""

from __future__ import annotations

from datetime import datetime

from domain.audit import service as audit
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.onboarding.model import Answer, Step, Walkthrough, parse_answers
from persistence.db import transaction
from persistence.gdpr import ChildConsent
from persistence.notifications import NotificationChoice, NotificationSettings
from persistence.onboarding import FirstLogin
from persistence.people import Person
from persistence.queries import ints
from persistence.stamkort import Stamkort


def check_guardian(actor: Actor) -> None:
    """Only a guardian has the walkthrough; anyone else is refused."""
    if actor.role is not Role.PARENT:
        raise DomainError("onboarding.error.not_guardian")


async def _completed(actor: Actor, row: FirstLogin | None) -> frozenset[Step]:
    """The steps done in fact, wherever they were done (five small queries)."""
    children = sorted(actor.guardian_of)
    done: set[Step] = set()
    if row is not None and row.privacy_read_at is not None:
        done.add(Step.PRIVACY)
    person = await Person.get_or_none(id=actor.person_id).values("phone", "email")
    if person and (person["phone"] or person["email"]):
        done.add(Step.CONTACT)
    decided = set(ints(await ChildConsent.filter(child_id__in=children).values_list("child_id", flat=True)))
    if children and set(children) <= decided:
        done.add(Step.CONSENTS)
    cards = set(ints(await Stamkort.filter(child_id__in=children).values_list("child_id", flat=True)))
    if children and set(children) <= cards:
        done.add(Step.STAMKORT)
    if await NotificationChoice.exists(person_id=actor.person_id):
        done.add(Step.NOTIFY)
    return frozenset(done)


async def walkthrough(actor: Actor) -> Walkthrough:
    """Shown from the first login (before any notification choice) until each step is answered."""
    if actor.role is not Role.PARENT:
        return Walkthrough(False, {}, frozenset())
    row = await FirstLogin.get_or_none(person_id=actor.person_id)
    answers = parse_answers(row.steps if row is not None else {})
    if row is None:  # guardians who chose their notifications before the walkthrough existed are not asked again
        active = not await NotificationSettings.exists(person_id=actor.person_id, chosen_at__isnull=False)
    else:
        active = any(s not in answers for s in Step)
    # Overblik is the morning's busiest page: the facts are read only when a skipped step might be listed.
    skipped = any(a is Answer.SKIPPED for a in answers.values())
    return Walkthrough(active, answers, await _completed(actor, row) if skipped else frozenset())


async def do_answer(actor: Actor, step: Step, answer: Answer, *, now: datetime) -> None:
    """Store what the guardian did with one step; reading the privacy notice is recorded with its time and audited."""
    check_guardian(actor)
    async with transaction():
        row, _ = await FirstLogin.get_or_create(person_id=actor.person_id, defaults={"updated_at": now})
        row.steps = {**row.steps, step.value: answer.value}
        row.updated_at = now
        if step is Step.PRIVACY and answer is Answer.DONE and row.privacy_read_at is None:
            row.privacy_read_at = now
        await row.save()
    if step is Step.PRIVACY and answer is Answer.DONE:
        await audit.record("privacy_notice.read", audit.ALLOWED, actor=actor)


async def do_dismiss(actor: Actor, step: Step, *, now: datetime) -> None:
    """Take a skipped step off Overblik's list without doing it."""
    await do_answer(actor, step, Answer.DISMISSED, now=now)
