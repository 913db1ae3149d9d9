"""Beskeder access over SQLite and PostgreSQL: who reads a thread, and whom a role in a group reaches."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import AccessDenied, DomainError, NotFound
from domain.messages import inbox, recipients, service
from persistence.audit import AuditEntry
from persistence.messages import Participant
from tests.messages_world import NOW, MessagesWorld, build_messages_world


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def test_alle_foraeldre_i_2a_reaches_exactly_the_current_guardians(mw: MessagesWorld) -> None:
    key = f"group_guardians:{mw.w.class_2a.id}"
    assert await recipients.count_recipients(mw.teacher, [key]) == 2
    sent = await service.do_send(mw.teacher, subject="Tur", body="Husk madpakke", recipient_keys=[key], now=NOW)
    seats = await Participant.filter(thread_id=sent.thread_id).exclude(person_id=mw.w.teacher.id).values_list(
        "person_id", flat=True)
    assert sorted(seats) == sorted([mw.w.guardian.id, mw.w.other_guardian.id]) and sent.recipient_count == 2
    found = await recipients.search_recipients(mw.teacher, "2.A")
    assert f"group_guardians:{mw.w.class_2a.id}" in [c.key for c in found]
    assert "Alle forældre i 2.A" in [c.label for c in found]


async def test_a_guardian_cannot_read_a_thread_they_are_not_in(mw: MessagesWorld) -> None:
    sent = await service.do_send(mw.teacher, subject="Anna", body="Om Anna", recipient_keys=[mw.key(mw.w.guardian)],
                                 now=NOW)
    with pytest.raises(AccessDenied):
        await inbox.open_thread(mw.other_guardian, sent.thread_id, now=NOW)
    assert await AuditEntry.filter(actor_person_id=mw.w.other_guardian.id, outcome="refused").exists()
    assert (await inbox.open_thread(mw.guardian, sent.thread_id, now=NOW)).messages[0].body == "Om Anna"
    with pytest.raises(NotFound):
        await inbox.open_thread(mw.guardian, sent.thread_id + 999, now=NOW)


async def test_ppr_sees_only_threads_they_are_in(mw: MessagesWorld) -> None:
    theirs = await service.do_send(mw.ppr, subject="Carl", body="Møde?", recipient_keys=[mw.key(mw.w.teacher)],
                                   now=NOW)
    other = await service.do_send(mw.teacher, subject="Anna", body="Om Anna", recipient_keys=[mw.key(mw.w.guardian)],
                                  now=NOW)
    assert [t.thread_id for t in (await inbox.inbox_page(mw.ppr)).threads] == [theirs.thread_id]
    with pytest.raises(AccessDenied):
        await inbox.open_thread(mw.ppr, other.thread_id, now=NOW)


async def test_a_former_guardian_loses_a_thread_they_got_through_the_child(mw: MessagesWorld) -> None:
    then = NOW - timedelta(days=3)
    sent = await service.do_send(mw.teacher, subject="Tur", body="Husk madpakke",
                                 recipient_keys=[f"group_guardians:{mw.w.class_2a.id}"], now=then)
    seat = await Participant.get(thread_id=sent.thread_id, person_id=mw.w.former_guardian.id)
    assert seat.via_child_id == mw.w.child.id
    with pytest.raises(AccessDenied):
        await inbox.open_thread(mw.former, sent.thread_id, now=NOW)
    assert (await inbox.open_thread(mw.guardian, sent.thread_id, now=NOW)).subject == "Tur"


async def test_a_parent_cannot_write_outside_their_childrens_places_nor_to_role_groups(mw: MessagesWorld) -> None:
    for key in (mw.key(mw.w.leader), f"group_guardians:{mw.w.class_2a.id}", "person:x", "nonsense"):
        with pytest.raises(DomainError) as refused:
            await recipients.count_recipients(mw.other_guardian, [key])
        assert refused.value.key == "messages.recipient_invalid"
    assert await recipients.count_recipients(mw.other_guardian, [mw.key(mw.w.teacher), mw.key(mw.w.guardian)]) == 2
    labels = {c.label: c.detail for c in await recipients.search_recipients(mw.other_guardian, "Gitte")}
    assert labels == {"Gitte Testesen": "Forælder til Anna (2.A)"}
