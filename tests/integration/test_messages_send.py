"""Sending beskeder over SQLite and PostgreSQL: sensitive text, undo, replies, shared inboxes, autosvar, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import DomainError
from domain.events import Event, bus
from domain.events import encode as encode_event
from domain.messages import autoreply, inbox, service, shared
from domain.messages.model import BODY_MAX, InboxChanged, MessageRetracted, MessageSent
from persistence.audit import AuditEntry
from persistence.messages import Message, Participant, Thread
from tests.listing_support import names_on_lists
from tests.messages_world import NOW, MessagesWorld, actor_of, build_messages_world

SECRET = "Anna har fået diagnosen ADHD"


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


@pytest.fixture
def heard() -> list[Event]:
    events: list[Event] = []
    bus.clear()
    bus.subscribe("thread-test", events.append)
    yield events
    bus.clear()


def listen(events: list[Event], *topics: str) -> None:
    for topic in topics:
        bus.subscribe(topic, events.append)


async def test_sensitive_text_is_hidden_below_level_3_and_never_in_previews_events_or_audit_and_a_cpr_forces_it(
        mw: MessagesWorld, heard: list[Event]) -> None:
    listen(heard, f"inbox:{mw.w.guardian.id}")
    sent = await service.do_send(mw.teacher, subject="Om Anna", body=SECRET, recipient_keys=[mw.key(mw.w.guardian)],
                                 sensitive=True, now=NOW)
    thread = await Thread.get(id=sent.thread_id)
    assert thread.sensitive and thread.last_snippet == "" and not sent.forced_sensitive
    assert (await inbox.inbox_page(mw.guardian)).threads[0].snippet == ""
    low = await inbox.open_thread(mw.guardian, sent.thread_id, now=NOW)
    assert low.needs_step_up and low.messages[0].hidden and low.messages[0].body == ""
    level3 = await actor_of(mw.w.guardian, mw.guardian.role, "3")
    high = await inbox.open_thread(level3, sent.thread_id, now=NOW)
    assert (await inbox.inbox_page(mw.guardian, search="adhd")).threads == []
    assert len((await inbox.inbox_page(level3, search="adhd")).threads) == 1
    assert not high.needs_step_up and high.messages[0].body == SECRET
    assert [type(e) for e in heard] == [MessageSent, InboxChanged]
    assert not [e for e in heard if "ADHD" in encode_event(e)]
    audit = await AuditEntry.all().values_list("action", "detail")
    assert ("messages.read_sensitive", f"thread={sent.thread_id}") in audit
    assert not [d for _, d in audit if "ADHD" in d]
    with pytest.raises(DomainError) as refused:
        await service.do_forward(mw.guardian, sent.thread_id, recipient_keys=[mw.key(mw.w.teacher)], note="", now=NOW)
    assert refused.value.key == "messages.step_up_required"
    answer = await service.do_reply(mw.guardian, sent.thread_id, body="Tak for besked", now=NOW)
    assert (await Message.get(id=answer.message_id)).sensitive
    await _cpr_forces_sensitive(mw)


async def _cpr_forces_sensitive(mw: MessagesWorld) -> None:
    sent = await service.do_send(mw.teacher, subject="Skema", body="Annas cpr er 150318-1234, tak",
                                 recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    assert sent.forced_sensitive and (await Thread.get(id=sent.thread_id)).last_snippet == ""
    assert (await Message.get(id=sent.message_id)).sensitive
    plain = await service.do_send(mw.teacher, subject="Skema", body="Mødet er 15.03 kl. 18-20, lokale 1234",
                                  recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    assert not plain.forced_sensitive
    with pytest.raises(DomainError) as refused:
        await service.do_send(mw.teacher, subject="Om 1503181234", body="Se emnet",
                              recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    assert refused.value.key == "messages.cpr_in_subject"


async def test_bad_input_is_refused_and_nothing_is_stored(mw: MessagesWorld) -> None:
    to = [mw.key(mw.w.guardian)]
    cases = [("", "tekst", to, "messages.subject_required"), ("Emne", "  \n ", to, "messages.body_required"),
             ("Emne", "x" * 1_000_000, to, "messages.too_long"), ("E" * 201, "tekst", to, "messages.too_long"),
             ("Emne", "tekst", [], "messages.no_recipients"), ("Emne", "tekst", ["person:999999"],
                                                                "messages.recipient_invalid")]
    for subject, body, keys, key in cases:
        with pytest.raises(DomainError) as refused:
            await service.do_send(mw.teacher, subject=subject, body=body, recipient_keys=keys, now=NOW)
        assert refused.value.key == key
    with pytest.raises(DomainError) as refused:
        await service.do_send(mw.teacher, subject="Hej", body="tekst", recipient_keys=to, attachment_ids=[424242],
                              now=NOW)
    assert refused.value.key == "messages.attachment_missing"
    assert await Thread.all().count() == 0 and await Message.all().count() == 0
    html = "<script>alert('x')</script><b>fed</b>"
    sent = await service.do_send(mw.teacher, subject="<i>Emne</i>", body=html, recipient_keys=to, now=NOW)
    view = await inbox.open_thread(mw.guardian, sent.thread_id, now=NOW)
    assert view.subject == "<i>Emne</i>" and view.messages[0].body == html
    assert BODY_MAX < 1_000_000


async def test_undo_within_ten_seconds_takes_the_message_back_and_after_it_is_refused(
        mw: MessagesWorld, heard: list[Event]) -> None:
    listen(heard, f"inbox:{mw.w.guardian.id}")
    first = await service.do_send(mw.teacher, subject="Tur", body="Første", recipient_keys=[mw.key(mw.w.guardian)],
                                   now=NOW)
    await service.do_undo_send(mw.teacher, first.message_id, now=NOW + timedelta(seconds=9))
    assert not await Thread.exists(id=first.thread_id) and await inbox.unread_count(mw.guardian) == 0
    assert isinstance(heard[-1], MessageRetracted)
    kept = await service.do_send(mw.teacher, subject="Tur", body="Bliver", recipient_keys=[mw.key(mw.w.guardian)],
                                 now=NOW)
    later = NOW + timedelta(minutes=1)
    extra = await service.do_reply(mw.teacher, kept.thread_id, body="Fortrudt", now=later)
    assert await inbox.unread_count(mw.guardian) == 1
    with pytest.raises(DomainError):
        await service.do_undo_send(mw.guardian, extra.message_id, now=later)
    await service.do_undo_send(mw.teacher, extra.message_id, now=later + timedelta(seconds=5))
    thread = await Thread.get(id=kept.thread_id)
    assert (thread.message_count, thread.last_snippet, thread.last_message_at) == (1, "Bliver", NOW)
    seat = await Participant.get(thread_id=kept.thread_id, person_id=mw.w.guardian.id)
    assert (seat.unread, seat.last_message_at) == (1, NOW)
    with pytest.raises(DomainError) as refused:
        await service.do_undo_send(mw.teacher, kept.message_id, now=NOW + timedelta(seconds=11))
    assert refused.value.key == "messages.undo_expired"


async def test_reply_goes_to_the_sender_and_reply_all_to_everyone(mw: MessagesWorld) -> None:
    group = await service.do_send(mw.teacher, subject="Tur", body="Husk madpakke",
                                  recipient_keys=[f"group_guardians:{mw.w.class_2a.id}"], now=NOW)
    private = await service.do_reply(mw.guardian, group.thread_id, body="Anna er syg", now=NOW)
    assert private.thread_id != group.thread_id and private.recipient_count == 1
    new = await Thread.get(id=private.thread_id)
    assert new.subject == "Sv: Tur"
    assert sorted(await Participant.filter(thread_id=new.id).values_list("person_id", flat=True)) == sorted(
        [mw.w.guardian.id, mw.w.teacher.id])
    answer = await service.do_reply(mw.teacher, private.thread_id, body="God bedring", now=NOW)
    assert answer.thread_id == private.thread_id
    everyone = await service.do_reply(mw.guardian, group.thread_id, body="Tak!", reply_all=True, now=NOW)
    assert everyone.thread_id == group.thread_id and everyone.recipient_count == 2
    assert await inbox.unread_count(mw.other_guardian) == 1
    other_seat = await Participant.get(thread_id=group.thread_id, person_id=mw.w.other_guardian.id)
    assert other_seat.unread == 2


async def test_a_shared_inbox_is_answered_by_a_colleague_and_shows_who_answered(mw: MessagesWorld) -> None:
    sent = await service.do_send(mw.guardian, subject="Sygdom", body="Anna er syg i dag",
                                 recipient_keys=[f"shared_inbox:{mw.w.school.id}"], now=NOW)
    inbox_id = await shared.ensure_shared_inbox(mw.w.school.id)
    assert await shared.my_shared_inboxes(mw.teacher) == [(inbox_id, "Fællespostkasse — Testskolen", 1)]
    assert await shared.my_shared_inboxes(mw.leader) == []
    page = await inbox.inbox_page(mw.teacher, inbox_id=inbox_id)
    assert [t.thread_id for t in page.threads] == [sent.thread_id] and page.unread_threads == 1
    await inbox.open_thread(mw.teacher, sent.thread_id, now=NOW)
    assert (await shared.my_shared_inboxes(mw.teacher))[0][2] == 0
    answer = await service.do_reply(mw.teacher, sent.thread_id, body="God bedring", as_inbox=inbox_id, now=NOW)
    assert answer.thread_id == sent.thread_id
    seen = await inbox.open_thread(mw.guardian, sent.thread_id, now=NOW)
    assert (seen.messages[-1].sender_name, seen.messages[-1].on_behalf_of) == ("Tina Testesen", "Fællespostkasse")
    assert not await Participant.filter(thread_id=sent.thread_id, person_id=mw.w.teacher.id).exists()


async def test_an_autosvar_answers_once_per_thread_a_day_and_never_itself(mw: MessagesWorld) -> None:
    today = NOW.date()
    with pytest.raises(DomainError):
        await autoreply.do_set_auto_reply(mw.teacher, first_day=today, last_day=today - timedelta(days=1),
                                          text="Ferie", now=NOW)
    await autoreply.do_set_auto_reply(mw.teacher, first_day=today - timedelta(days=1),
                                      last_day=today + timedelta(days=7), text="Jeg holder ferie", now=NOW)
    assert (await autoreply.auto_reply_of(mw.teacher))[2] == "Jeg holder ferie"  # type: ignore[index]
    sent = await service.do_send(mw.guardian, subject="Tur", body="Hvornår?", recipient_keys=[mw.key(mw.w.teacher)],
                                 now=NOW)
    assert (await Participant.get(thread_id=sent.thread_id, person_id=mw.w.guardian.id)).unread == 1
    await service.do_reply(mw.guardian, sent.thread_id, body="Og hvad med madpakke?", now=NOW)
    autos = await Message.filter(auto_reply=True).values_list("thread_id", "sender_id", "body")
    assert autos == [(sent.thread_id, mw.w.teacher.id, "Jeg holder ferie")]
    await service.do_send(mw.teacher, subject="Selv", body="Til mig selv og Gitte",
                          recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    assert await Message.filter(auto_reply=True).count() == 1
    await names_on_lists(mw.w.other_child, now=NOW)  # Gitte reaches Olga through Carl's "Navn på lister"
    group = await service.do_send(mw.guardian, subject="Fælles", body="Til jer begge",
                                  recipient_keys=[mw.key(mw.w.teacher), mw.key(mw.w.other_guardian)], now=NOW)
    autos = await Message.filter(auto_reply=True, thread__subject="Autosvar: Fælles").values_list("thread_id",
                                                                                                  flat=True)
    assert len(autos) == 1 and autos[0] != group.thread_id
    await autoreply.do_clear_auto_reply(mw.teacher, now=NOW)
    assert await autoreply.auto_reply_of(mw.teacher) is None
