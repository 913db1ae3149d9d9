"""Each cause writes its notifications in its transaction: messages, replies, Vigtigt posts, krisebeskeder, KommeGå."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.broadcast import service as broadcast
from domain.messages import inbox
from domain.messages import service as messages
from domain.notifications.centre import Category
from domain.posts import service as posts
from domain.presence import service as presence
from domain.presence.model import Action, DeviceKind
from persistence.messages import Participant
from persistence.notifications import Notification
from persistence.people import Custody, Enrolment
from tests.broadcast_world import build_broadcast_world
from tests.factory import person
from tests.messages_world import NOW, MessagesWorld, build_messages_world
from tests.presence_world import at, build_presence_world
from tests.querycount import count_queries


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def _of(person_id: int) -> list[Notification]:
    return await Notification.filter(person_id=person_id).order_by("id")


async def test_a_message_tells_each_recipient_but_not_its_sender(mw: MessagesWorld) -> None:
    sent = await messages.do_send(mw.teacher, subject="Tur i skoven", body="Husk gummistøvler.",
                                  recipient_keys=[mw.key(mw.w.guardian), mw.key(mw.w.other_guardian)], now=NOW)
    for guardian in (mw.w.guardian, mw.w.other_guardian):
        [note] = await _of(guardian.id)
        assert (note.category, note.title, note.body) == ("message", "Ny besked fra Tina Testesen", "Tur i skoven")
        assert (note.link, note.source, note.sensitive) == (f"/beskeder/{sent.thread_id}",
                                                            f"message:{sent.message_id}", False)
        assert "gummistøvler" not in note.title + note.body  # the text stays in Sammen
    assert await _of(mw.w.teacher.id) == []


async def test_a_reply_tells_the_other_side_and_a_muted_thread_stays_quiet(mw: MessagesWorld) -> None:
    sent = await messages.do_send(mw.teacher, subject="Cykeltur", body="Vi cykler torsdag.",
                                  recipient_keys=[mw.key(mw.w.guardian), mw.key(mw.w.other_guardian)], now=NOW)
    await Participant.filter(thread_id=sent.thread_id, person_id=mw.w.other_guardian.id).update(muted=True)
    answer = await messages.do_reply(mw.guardian, sent.thread_id, body="Anna kommer med.", reply_all=True,
                                     now=NOW + timedelta(minutes=1))
    [note] = await _of(mw.w.teacher.id)
    assert (note.title, note.body, note.source) == ("Ny besked fra Gitte Testesen", "Cykeltur",
                                                     f"message:{answer.message_id}")
    assert len(await _of(mw.w.other_guardian.id)) == 1  # the first message only: the reply was muted
    assert len(await _of(mw.w.guardian.id)) == 1  # told of the teacher's message, not of her own reply


async def test_a_folsom_message_names_only_its_sender_and_holds_neither_subject_nor_text(mw: MessagesWorld) -> None:
    await messages.do_send(mw.teacher, subject="Annas trivsel", body="Vi har talt med psykologen om Anna.",
                           recipient_keys=[mw.key(mw.w.guardian)], sensitive=True, now=NOW)
    [note] = await _of(mw.w.guardian.id)
    assert note.title == "Ny følsom besked fra Tina Testesen — log ind med MitID for at læse"
    assert note.body == "" and note.sensitive
    for secret in ("trivsel", "psykolog", "Anna"):
        assert secret not in note.title + note.body


async def test_a_cpr_number_makes_a_message_folsom_and_its_notification_too(mw: MessagesWorld) -> None:
    await messages.do_send(mw.teacher, subject="Skema", body="Annas CPR 150318-1234 til skemaet",
                           recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    [note] = await _of(mw.w.guardian.id)
    assert note.sensitive and note.body == "" and "150318" not in note.title


async def test_a_message_taken_back_takes_its_notifications_with_it(mw: MessagesWorld) -> None:
    sent = await messages.do_send(mw.teacher, subject="Forkert", body="Ups", recipient_keys=[mw.key(mw.w.guardian)],
                                  now=NOW)
    assert len(await _of(mw.w.guardian.id)) == 1
    await messages.do_undo_send(mw.teacher, sent.message_id, now=NOW + timedelta(seconds=3))
    assert await _of(mw.w.guardian.id) == []


async def test_a_vigtigt_post_tells_the_guardians_it_reaches_in_statements_that_do_not_grow(
        mw: MessagesWorld) -> None:
    w = mw.w
    await posts.do_publish(mw.teacher, institution_id=w.school.id, group_ids=[], title="Hverdag", body="Intet nyt",
                           important=False, expires_on=None, allow_comments=False, now=NOW)
    assert await Notification.filter(category="post").count() == 0  # only Vigtigt tells anyone

    async def publish() -> tuple[int, int]:
        with count_queries() as statements:
            post_id = await posts.do_publish(mw.teacher, institution_id=w.school.id, group_ids=[w.class_2a.id],
                                             title="Skolen lukker kl. 12", body="På grund af storm.", important=True,
                                             expires_on=None, allow_comments=False, now=NOW)
        return post_id, len(statements)

    post_id, few = await publish()
    rows = await Notification.filter(source=f"post:{post_id}").order_by("person_id").values_list(
        "person_id", "category", "title", "body", "link")
    assert rows == [(g, "post", "Vigtigt opslag fra Testskolen", "Skolen lukker kl. 12", f"/opslag/{post_id}")
                    for g in sorted([w.guardian.id, w.other_guardian.id])]  # not the former guardian, not staff
    municipality = await w.school.municipality
    for i in range(20):
        kid = await person(municipality, f"Barn{i}", child=True, born=w.today - timedelta(days=3000))
        parent = await person(municipality, f"Forælder{i}")
        await Custody.create(guardian=parent, child=kid, valid_from=kid.birth_date)
        await Enrolment.create(child=kid, institution=w.school, group=w.class_2a, start=w.today)
    post_id, many = await publish()
    assert await Notification.filter(source=f"post:{post_id}").count() == 22
    assert many == few


async def test_a_krisebesked_tells_every_guardian_once_as_crisis(database: str) -> None:
    bw = await build_broadcast_world()
    w = bw.w
    broadcast_id = await broadcast.do_send_broadcast(bw.admin, title="Skolerne lukker", body="Se kommunens side.",
                                                     areas=[], institution_ids=[w.school.id, w.kindergarten.id],
                                                     email_after_minutes=None, now=NOW)
    rows = await Notification.filter(source=f"broadcast:{broadcast_id}").order_by("person_id").values_list(
        "person_id", "category", "title", "urgent")
    # Gitte has children at both places: one notification, not two.
    assert rows == [(g, Category.CRISIS.value, "Krisebesked: Skolerne lukker", True)
                    for g in sorted([w.guardian.id, w.other_guardian.id])]


async def test_a_check_in_and_out_tell_the_childs_own_guardians_and_an_undo_takes_it_back(database: str) -> None:
    pw = await build_presence_world()
    mette, olga = pw.parent.person_id, pw.other_parent.person_id
    await presence.do_action(pw.staff, pw.oscar.id, pw.bfo.id, Action.CHECK_IN, now=at(7, 42),
                             device=DeviceKind.TABLET)
    [note] = await _of(mette)
    assert (note.category, note.title, note.link) == ("presence", "Oscar er tjekket ind 07:42 af Sofie", "/overblik")
    assert await _of(olga) == []  # another family never hears of Oscar
    done = await presence.do_action(pw.staff, pw.oscar.id, pw.bfo.id, Action.CHECK_OUT, now=at(15, 5),
                                    device=DeviceKind.TABLET)
    assert [n.title for n in await _of(mette)] == ["Oscar er tjekket ind 07:42 af Sofie",
                                                   "Oscar er tjekket ud 15:05 af Sofie"]
    await presence.do_undo(pw.staff, done.change_id, now=at(15, 5) + timedelta(seconds=4))
    assert [n.title for n in await _of(mette)] == ["Oscar er tjekket ind 07:42 af Sofie"]
    assert await Notification.filter(person_id=olga).count() == 0


async def test_opening_the_thread_from_the_inbox_reads_its_notification_too(mw: MessagesWorld) -> None:
    sent = await messages.do_send(mw.teacher, subject="Madpakke", body="Husk madpakke.",
                                  recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    await messages.do_send(mw.teacher, subject="Andet", body="Noget andet.", recipient_keys=[mw.key(mw.w.guardian)],
                           now=NOW)
    await inbox.open_thread(mw.guardian, sent.thread_id, now=NOW + timedelta(minutes=5))
    read = await Notification.filter(person_id=mw.w.guardian.id).order_by("id").values_list("read_at", flat=True)
    assert read == [NOW + timedelta(minutes=5), None]  # the other thread's notification stays unread
