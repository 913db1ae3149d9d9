"""The demo message history: consistent denormalised fields, current guardians only, a badge for the named users."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, time

import pytest

from demo.messages import NAMED_READERS
from demo.seed import build_rows
from domain.clock import COPENHAGEN
from domain.messages.compose import snippet
from persistence.identity import UserAccount
from persistence.messages import AutoReply, Folder, Message, Participant, SharedInbox, Thread
from persistence.organisation import Institution
from persistence.people import Custody
from tests.conftest import TODAY

CPR_SHAPE = re.compile(r"\b\d{6}-?\d{4}\b")


async def _person_id(subject: str) -> int:
    return (await UserAccount.get(oidc_subject=subject)).person_id


async def test_the_named_parent_has_threads_with_unread_messages(demo_database: str) -> None:
    mette = await _person_id("demo-foraelder")
    seats = await Participant.filter(person_id=mette).values_list("unread", "via_child_id")
    assert len(seats) >= 5
    assert sum(1 for unread, _ in seats if unread) >= 2
    assert all(via is not None for _, via in seats)  # she takes part as Oscar's or Freja's mother
    for subject in ("demo-laerer", "demo-paedagog-vuggestue", "demo-leder", "demo-paedagog-bfo"):
        assert await Participant.filter(person_id=await _person_id(subject), unread__gt=0).exists(), subject


async def test_everyone_added_through_a_child_is_a_current_guardian_of_that_child(demo_database: str) -> None:
    current = {(c, g) for c, g, since, until in await Custody.all().values_list(
        "child_id", "guardian_id", "valid_from", "valid_to") if since <= TODAY and (until is None or until >= TODAY)}
    seats = await Participant.filter(via_child_id__not_isnull=True).values_list("via_child_id", "person_id")
    assert len(seats) > 1000
    assert [seat for seat in seats if seat not in current] == []


async def test_every_thread_counts_its_messages_and_copies_the_last_one(demo_database: str) -> None:
    messages: dict[int, list[tuple[str, str, bool, object]]] = {}
    for thread_id, name, body, sensitive, at in await Message.all().order_by("created_at", "id").values_list(
            "thread_id", "sender_name", "body", "sensitive", "created_at"):
        messages.setdefault(thread_id, []).append((name, body, sensitive, at))
    threads = await Thread.all()
    assert len(threads) > 200 and len(messages) == len(threads)
    for thread in threads:
        rows = messages[thread.id]
        name, body, sensitive, at = rows[-1]
        assert thread.message_count == len(rows)
        assert (thread.last_message_at, thread.last_sender_name, thread.created_at) == (at, name, rows[0][3])
        assert thread.last_snippet == snippet(body, thread.sensitive)
        assert thread.sensitive == any(row[2] for row in rows)
    seat_times = await Participant.all().values_list("thread_id", "last_message_at")
    last = {thread.id: thread.last_message_at for thread in threads}
    assert all(last[thread_id] == at for thread_id, at in seat_times)


async def test_sensitive_threads_show_no_text_in_the_inbox(demo_database: str) -> None:
    sensitive = await Thread.filter(sensitive=True)
    assert 2 <= len(sensitive) <= 4
    assert all(thread.last_snippet == "" for thread in sensitive)
    flags = await Message.filter(thread_id__in=[t.id for t in sensitive]).values_list("sensitive", flat=True)
    assert flags and all(flags)
    bodies = [str(body) for body in await Message.all().values_list("body", flat=True)]
    assert not [body for body in bodies if CPR_SHAPE.search(body)]  # fictitious texts, never a CPR number


async def test_messages_are_sent_in_copenhagen_business_hours_before_the_seed(demo_database: str) -> None:
    stamps = [m.created_at.astimezone(COPENHAGEN) for m in await Message.all().only("id", "created_at")]
    assert all(time(7) <= at.time() < time(17, 1) and at.weekday() < 5 for at in stamps)
    assert all(0 <= (TODAY - at.date()).days <= 45 for at in stamps)


async def test_shared_inboxes_folders_and_the_auto_reply(demo_database: str) -> None:
    assert await SharedInbox.all().count() == await Institution.all().count()
    answered = await Message.filter(on_behalf_of_id__not_isnull=True).values_list("on_behalf_of_id", flat=True)
    assert len(set(answered)) >= 5
    assert await Participant.filter(inbox_id__not_isnull=True, person_id=None).count() >= len(answered)
    names = Counter(await Folder.all().values_list("name", flat=True))
    assert names == {"Forældresamtaler": 4, "Arkiv": 4}
    assert await Participant.filter(folder_id__not_isnull=True).exists()
    reply = await AutoReply.get(person_id=await _person_id("demo-paedagog-vuggestue"))
    assert reply.first_day <= TODAY <= reply.last_day
    assert await Message.filter(auto_reply=True, sender_id=reply.person_id).exists()


async def test_the_history_is_the_same_for_the_same_day(demo_database: str) -> None:
    def rows() -> list[tuple[object, ...]]:
        book = build_rows(today=TODAY, scale=0.05, seed=7)
        return [(t.subject, t.last_message_at, t.message_count) for t in book.all(Thread)] + [
            (m.thread_id, m.sender_id, m.body, m.created_at) for m in book.all(Message)] + [
            (p.thread_id, p.person_id, p.inbox_id, p.unread, p.folder_id) for p in book.all(Participant)]

    first = rows()
    assert first and rows() == first


# Days on which a named member of staff had answered every thread of the generated history (Anne on 8 and 10.12.2026),
# and the days the suite must pass at.
@pytest.mark.parametrize("day", [date(2026, 12, 8), date(2026, 12, 10), date(2026, 12, 6), date(2027, 1, 1),
                                 date(2027, 3, 28), date(2028, 2, 29)])
async def test_every_named_user_sees_a_number_on_the_badge_whatever_the_day(sqlite_database: str, day: date) -> None:
    book = build_rows(today=day, scale=0.1, seed=20260801)
    person_of = {account.oidc_subject: account.person_id for account in book.all(UserAccount)}
    unread = {seat.person_id for seat in book.all(Participant) if seat.unread}
    assert [subject for subject in NAMED_READERS if person_of[subject] not in unread] == []
