"""A notice from no one's account (a survey invitation, a reminder) cannot be answered: the answer would be lost."""

from __future__ import annotations

import pytest

from domain.errors import DomainError
from domain.messages import inbox, service
from domain.messages.notices import send_notices
from persistence.messages import Message, Thread
from tests.messages_world import NOW, MessagesWorld, build_messages_world


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def _notice_to(mw: MessagesWorld) -> int:
    await send_notices(sender_name="Sammen", subject="Evaluering", body="Svar her: /evaluering",
                       person_ids=[mw.guardian.person_id], now=NOW)
    thread = await Thread.filter(subject="Evaluering").get()
    return thread.id


async def test_a_notice_offers_no_reply_and_a_reply_to_it_is_refused_storing_nothing(mw: MessagesWorld) -> None:
    thread_id = await _notice_to(mw)
    view = await inbox.open_thread(mw.guardian, thread_id, now=NOW)
    assert not view.answerable
    threads, messages = await Thread.all().count(), await Message.all().count()
    for reply_all in (False, True):
        with pytest.raises(DomainError) as refused:
            await service.do_reply(mw.guardian, thread_id, body="Hvem læser dette?", reply_all=reply_all, now=NOW)
        assert refused.value.key == "messages.no_one_to_answer"
    assert (await Thread.all().count(), await Message.all().count()) == (threads, messages)


async def test_a_message_from_a_person_can_still_be_answered(mw: MessagesWorld) -> None:
    sent = await service.do_send(mw.teacher, subject="Tur", body="Husk madpakke",
                                 recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    view = await inbox.open_thread(mw.guardian, sent.thread_id, now=NOW)
    assert view.answerable
    answer = await service.do_reply(mw.guardian, sent.thread_id, body="Tak", now=NOW)
    assert answer.thread_id == sent.thread_id
