"""At most 30 beskeder a minute per person: the next is refused in Danish, stores nothing, and is audited once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from domain.errors import DomainError
from domain.forms import service as forms
from domain.forms.model import QuestionInput, QuestionKind
from domain.messages import service
from domain.messages.limits import SENDS_PER_PERSON
from persistence.audit import AuditEntry
from persistence.messages import Message
from tests.messages_world import NOW, MessagesWorld, build_messages_world


@pytest.fixture
async def mw(sqlite_database: str) -> MessagesWorld:
    return await build_messages_world()


async def send(mw: MessagesWorld, subject: str, keys: list[str] | None = None, now: datetime = NOW) -> int:
    sent = await service.do_send(mw.guardian, subject=subject, body="Hej",
                                 recipient_keys=[mw.key(mw.w.teacher)] if keys is None else keys, now=now)
    return sent.message_id


async def refused(call: object) -> DomainError:
    with pytest.raises(DomainError) as refusal:
        await call  # type: ignore[misc]
    return refusal.value


async def test_the_31st_send_in_a_minute_is_refused_and_so_are_replies_and_forwards(mw: MessagesWorld) -> None:
    first = await service.do_send(mw.guardian, subject="Nr. 0", body="Hej", recipient_keys=[mw.key(mw.w.teacher)],
                                  now=NOW)
    for i in range(1, SENDS_PER_PERSON.count):
        await send(mw, f"Nr. {i}")
    stored = await Message.all().count()
    errors = [await refused(send(mw, "For meget")),
              await refused(service.do_reply(mw.guardian, first.thread_id, body="Og en til", now=NOW)),
              await refused(service.do_forward(mw.guardian, first.thread_id, recipient_keys=[mw.key(mw.w.teacher)],
                                               note="", now=NOW))]
    assert {e.key for e in errors} == {"messages.too_many_sends"}
    assert errors[0].params["count"] == 30 and 1 <= int(str(errors[0].params["seconds"])) <= 120
    assert await Message.all().count() == stored
    assert await AuditEntry.filter(action="messages.rate_limited", actor_person_id=mw.guardian.person_id).count() == 1
    # Someone else sends as usual; the guardian sends again once the minute has passed.
    await service.do_send(mw.teacher, subject="Svar", body="Hej", recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    await send(mw, "Senere", now=NOW + timedelta(minutes=2))


async def test_refused_sends_do_not_count_towards_the_limit(mw: MessagesWorld) -> None:
    for _ in range(40):
        assert (await refused(send(mw, "Til ingen", keys=[]))).key == "messages.no_recipients"
    for i in range(SENDS_PER_PERSON.count):
        await send(mw, f"Nr. {i}")


async def test_a_form_reminder_to_many_families_counts_as_one_send(mw: MessagesWorld) -> None:
    form_id = await forms.do_create_form(mw.teacher, group_id=mw.w.class_2a.id, title="Tur",
                                         description="Vi tager toget.", now=NOW, deadline=NOW + timedelta(days=7),
                                         questions=[QuestionInput(QuestionKind.YES_NO, "Må deltage")])
    for i in range(SENDS_PER_PERSON.count - 1):
        await service.do_send(mw.teacher, subject=f"Nr. {i}", body="Hej", recipient_keys=[mw.key(mw.w.guardian)],
                              now=NOW)
    assert await forms.do_remind(mw.teacher, form_id=form_id, now=NOW) >= 2  # one click, the 30th send
    error = await refused(service.do_send(mw.teacher, subject="Nr. 31", body="Hej",
                                          recipient_keys=[mw.key(mw.w.guardian)], now=NOW))
    assert error.key == "messages.too_many_sends"
