"""The first-login walkthrough's service on SQLite and PostgreSQL: answers stored per person, facts close steps."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import DomainError
from domain.onboarding.model import Answer, Step
from domain.onboarding.service import do_answer, do_dismiss, walkthrough
from persistence.audit import AuditEntry
from persistence.onboarding import FirstLogin
from persistence.people import Person
from tests.messages_world import MessagesWorld, build_messages_world

NOW = datetime(2026, 12, 7, 8, 30, tzinfo=UTC)


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def test_a_new_guardian_walks_through_and_skipped_steps_stay_open_until_done_in_fact(mw: MessagesWorld) -> None:
    await Person.filter(id=mw.guardian.person_id).update(phone="", email="")
    state = await walkthrough(mw.guardian)
    assert state.active and state.current is Step.PRIVACY
    await do_answer(mw.guardian, Step.PRIVACY, Answer.DONE, now=NOW)
    for step in (Step.CONTACT, Step.CONSENTS, Step.STAMKORT):
        await do_answer(mw.guardian, step, Answer.SKIPPED, now=NOW)
    await do_answer(mw.guardian, Step.NOTIFY, Answer.DONE, now=NOW)
    state = await walkthrough(mw.guardian)
    assert state.current is None and state.open == [Step.CONTACT, Step.CONSENTS, Step.STAMKORT]
    row = await FirstLogin.get(person_id=mw.guardian.person_id)
    assert row.privacy_read_at == NOW
    assert await AuditEntry.filter(actor_person_id=mw.guardian.person_id, action="privacy_notice.read").count() == 1

    await Person.filter(id=mw.guardian.person_id).update(phone="12345678")  # saved on the profile later
    await do_dismiss(mw.guardian, Step.STAMKORT, now=NOW)
    assert (await walkthrough(mw.guardian)).open == [Step.CONSENTS]


async def test_staff_have_no_walkthrough_and_cannot_answer_one(mw: MessagesWorld) -> None:
    assert not (await walkthrough(mw.teacher)).active
    with pytest.raises(DomainError):
        await do_answer(mw.teacher, Step.PRIVACY, Answer.DONE, now=NOW)
    assert not await FirstLogin.exists(person_id=mw.teacher.person_id)
