"""Beskeder access over SQLite and PostgreSQL: who reads a thread, and whom a role in a group reaches."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import AccessDenied, DomainError, NotFound
from domain.identity.model import Role
from domain.messages import inbox, recipients, service
from domain.messages.describe import describe_recipients
from domain.organisation.model import GroupKind
from domain.search.recipients import search_recipients
from persistence.audit import AuditEntry
from persistence.messages import Participant
from persistence.organisation import Group
from persistence.people import Custody, Enrolment
from tests.factory import person
from tests.listing_support import names_on_lists
from tests.messages_world import NOW, MessagesWorld, actor_of, build_messages_world


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
    found = await search_recipients(mw.teacher, "2.A")
    assert f"group_guardians:{mw.w.class_2a.id}" in [c.key for c in found]
    assert "Alle forældre i 2.A" in [c.label for c in found]


async def test_a_guardian_cannot_read_a_thread_they_are_not_in_and_ppr_sees_only_their_own(
        mw: MessagesWorld) -> None:
    sent = await service.do_send(mw.teacher, subject="Anna", body="Om Anna", recipient_keys=[mw.key(mw.w.guardian)],
                                 now=NOW)
    with pytest.raises(AccessDenied):
        await inbox.open_thread(mw.other_guardian, sent.thread_id, now=NOW)
    assert await AuditEntry.filter(actor_person_id=mw.w.other_guardian.id, outcome="refused").exists()
    assert (await inbox.open_thread(mw.guardian, sent.thread_id, now=NOW)).messages[0].body == "Om Anna"
    with pytest.raises(NotFound):
        await inbox.open_thread(mw.guardian, sent.thread_id + 999, now=NOW)
    await _ppr_sees_only_threads_they_are_in(mw)


async def _ppr_sees_only_threads_they_are_in(mw: MessagesWorld) -> None:
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
    await names_on_lists(mw.w.child, now=NOW)  # another family finds Gitte through Anna only with "Navn på lister"
    assert await recipients.count_recipients(mw.other_guardian, [mw.key(mw.w.teacher), mw.key(mw.w.guardian)]) == 2
    labels = {c.label: c.detail for c in await search_recipients(mw.other_guardian, "Gitte")}
    assert labels == {"Gitte Testesen": "Forælder til Anna (2.A)"}
    inboxes = [(c.key, c.label) for c in await search_recipients(mw.other_guardian, "fælles")]
    assert inboxes == [(f"shared_inbox:{mw.w.school.id}", "Fællespostkasse — Testskolen")]
    assert await search_recipients(mw.teacher, "Tina") == []


async def test_older_children_write_to_classmates_and_staff_and_staff_reach_them_as_a_class(
        mw: MessagesWorld) -> None:
    municipality = await mw.w.school.municipality
    c6a = await Group.create(municipality=municipality, institution=mw.w.school, name="6.A", kind=GroupKind.KLASSE)
    born = mw.w.today - timedelta(days=12 * 365)
    ida, jon = [await person(municipality, name, child=True, born=born) for name in ("Ida", "Jon")]
    for kid in (ida, jon):
        await Enrolment.create(child=kid, institution=mw.w.school, group=c6a, start=mw.w.today - timedelta(days=30))
    await Custody.create(guardian=mw.w.other_guardian, child=ida, valid_from=ida.birth_date)
    labels = {c.label: c.key for c in await search_recipients(mw.teacher, "6.A")}
    assert labels["Alle børn i 6.A"] == f"group_children:{c6a.id}" and "Alle børn i 2.A" not in labels
    assert await recipients.count_recipients(mw.teacher, [f"group_children:{c6a.id}"]) == 2
    assert await recipients.count_recipients(mw.teacher, [f"group_all:{c6a.id}"]) == 3
    assert [(c.label, c.detail) for c in await search_recipients(mw.teacher, "Ida")] == [
        ("Ida Testesen", "6.A"), ("Olga Testesen", "Forælder til Ida (6.A)")]
    assert await recipients.count_recipients(mw.leader, [f"institution_staff:{mw.w.school.id}"]) == 1
    child = await actor_of(ida, Role.CHILD)
    await names_on_lists(jon, now=NOW)
    assert await recipients.count_recipients(child, [mw.key(jon), mw.key(mw.w.teacher)]) == 2
    for key in (mw.key(mw.w.other_guardian), mw.key(mw.w.child), f"group_children:{c6a.id}"):
        with pytest.raises(DomainError):
            await recipients.count_recipients(child, [key])
    forwarded = await service.do_forward(mw.teacher, (await service.do_send(
        child, subject="Lektier", body="Hvad skal vi læse?", recipient_keys=[mw.key(mw.w.teacher)], now=NOW)).thread_id,
        recipient_keys=[mw.key(mw.w.leader)], note="Til orientering", now=NOW)
    view = await inbox.open_thread(mw.leader, forwarded.thread_id, now=NOW)
    assert view.subject == "Vs: Lektier" and "Fra: Ida Testesen" in view.messages[0].body
    assert view.messages[0].body.startswith("Til orientering") and "Hvad skal vi læse?" in view.messages[0].body


async def test_a_reopened_draft_names_its_recipients_but_never_someone_out_of_reach(mw: MessagesWorld) -> None:
    keys = [f"group_guardians:{mw.w.class_2a.id}", mw.key(mw.w.guardian), f"shared_inbox:{mw.w.school.id}",
            "nonsense", "person:x"]
    chips = await describe_recipients(mw.teacher, keys)
    assert [(c.key, c.label, c.detail) for c in chips] == [
        (f"group_guardians:{mw.w.class_2a.id}", "Alle forældre i 2.A", "Testskolen"),
        (mw.key(mw.w.guardian), f"{mw.w.guardian.first_name} {mw.w.guardian.last_name}", ""),
        (f"shared_inbox:{mw.w.school.id}", "Fællespostkasse — Testskolen", "Testskolen")]
    # A parent's draft holding a role group and the leader (both out of a parent's reach) names neither.
    foreign = [f"group_guardians:{mw.w.class_2a.id}", mw.key(mw.w.leader), mw.key(mw.w.teacher)]
    assert [c.key for c in await describe_recipients(mw.other_guardian, foreign)] == [mw.key(mw.w.teacher)]
