"""The urgent broadcast over SQLite and PostgreSQL: recipients, one bulk insert, reads, figures, access, input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.broadcast import service, stats
from domain.broadcast.model import BroadcastEnded, BroadcastRead, BroadcastSent, institution_topic
from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.rollout.model import Area
from persistence.broadcast import Broadcast, BroadcastRecipient
from persistence.people import Custody, Enrolment
from tests.broadcast_world import BroadcastWorld, build_broadcast_world
from tests.factory import person
from tests.querycount import count_queries

NOW = utcnow()


@pytest.fixture
async def bw(database: str) -> BroadcastWorld:
    return await build_broadcast_world()


async def _send(bw: BroadcastWorld, **choice: object) -> int:
    args: dict[object, object] = {"areas": [], "institution_ids": [], "email_after_minutes": None, **choice}
    return await service.do_send_broadcast(bw.admin, title="Skoler og dagtilbud lukker fra mandag",
                                           body="Læs mere på kommunens hjemmeside.", now=NOW, **args)  # type: ignore


async def test_recipients_are_the_current_guardians_of_the_chosen_places_in_one_bulk_insert(
        bw: BroadcastWorld) -> None:
    w = bw.w
    heard: list[Event] = []
    sub = bus.subscribe(institution_topic(w.school.id), heard.append)
    try:
        assert await service.count_broadcast_recipients(bw.admin, areas=[Area.SKOLE], institution_ids=[],
                                                        now=NOW) == 2
        school_only = await _send(bw, areas=[Area.SKOLE])
    finally:
        sub.cancel()
    pairs = set(await BroadcastRecipient.filter(broadcast_id=school_only).values_list("guardian_id",
                                                                                      "institution_id"))
    assert pairs == {(w.guardian.id, w.school.id), (w.other_guardian.id, w.school.id)}
    assert [type(e) for e in heard] == [BroadcastSent]
    both = await _send(bw, areas=[Area.DAGTILBUD], institution_ids=[w.school.id])
    assert await BroadcastRecipient.filter(broadcast_id=both, guardian_id=w.guardian.id).count() == 2
    assert await service.count_broadcast_recipients(
        bw.admin, areas=[Area.DAGTILBUD], institution_ids=[w.school.id], now=NOW) == 2  # distinct guardians
    assert not await BroadcastRecipient.filter(guardian_id=w.former_guardian.id).exists()
    # One bulk insert: the send costs the same number of queries for 2 or 22 guardians.
    with count_queries() as few:
        await _send(bw, institution_ids=[w.school.id])
    municipality = await w.school.municipality
    for i in range(20):
        kid = await person(municipality, f"Barn{i}", child=True, born=w.today - timedelta(days=3000))
        parent = await person(municipality, f"Forælder{i}")
        await Custody.create(guardian=parent, child=kid, valid_from=kid.birth_date)
        await Enrolment.create(child=kid, institution=w.school, group=w.class_2a, start=w.today)
    with count_queries() as many:
        latest = await _send(bw, institution_ids=[w.school.id])
    assert await BroadcastRecipient.filter(broadcast_id=latest).count() == 22
    assert len(many) == len(few) <= 20  # 12 for the broadcast, 8-9 for every guardian's notification with it


async def test_reads_count_once_and_move_each_institutions_figure_until_the_broadcast_ends(
        bw: BroadcastWorld) -> None:
    w = bw.w
    broadcast_id = await _send(bw, areas=[Area.SKOLE, Area.DAGTILBUD])
    assert [b.id for b in await service.unread_for_guardian(bw.gitte)] == [broadcast_id]
    heard: list[Event] = []
    sub = bus.subscribe(f"broadcast:{broadcast_id}", heard.append)
    try:
        assert await service.do_mark_read(bw.gitte, broadcast_id, now=NOW) is True
        assert await service.do_mark_read(bw.gitte, broadcast_id, now=NOW + timedelta(minutes=1)) is False
    finally:
        sub.cancel()
    assert heard == [BroadcastRead(broadcast_id, w.guardian.id, tuple(sorted((w.school.id, w.kindergarten.id))))]
    figures = {f.name: (f.recipients, f.read, f.percent) for f in
               await stats.figures_by_institution(bw.admin, broadcast_id)}
    assert figures == {"Testskolen": (2, 1, 50), "Testhaven": (1, 1, 100)}
    summary = (await stats.list_broadcasts(bw.admin))[0]
    assert (summary.recipients, summary.read) == (2, 1)
    assert await service.unread_for_guardian(bw.gitte) == []
    assert [b.id for b in await service.unread_for_guardian(bw.olga)] == [broadcast_id]
    heard.clear()
    sub = bus.subscribe(institution_topic(w.school.id), heard.append)
    try:
        await service.do_end_broadcast(bw.admin, broadcast_id, now=NOW)
        await service.do_end_broadcast(bw.admin, broadcast_id, now=NOW)  # ending twice publishes once
    finally:
        sub.cancel()
    assert [type(e) for e in heard] == [BroadcastEnded]
    assert await service.unread_for_guardian(bw.olga) == []
    assert not (await stats.list_broadcasts(bw.admin))[0].active


async def test_only_the_admin_sends_only_a_recipient_marks_read_and_bad_input_stores_nothing(
        bw: BroadcastWorld) -> None:
    with pytest.raises(AccessDenied):
        await service.do_send_broadcast(bw.gitte, title="Hej", body="Hej", areas=[Area.SKOLE], institution_ids=[],
                                        email_after_minutes=None, now=NOW)
    assert not await Broadcast.exists()
    broadcast_id = await _send(bw, institution_ids=[bw.w.kindergarten.id])
    with pytest.raises(AccessDenied):
        await service.do_mark_read(bw.olga, broadcast_id, now=NOW)
    with pytest.raises(AccessDenied):
        await stats.list_broadcasts(bw.gitte)
    before = (await Broadcast.all().count(), await BroadcastRecipient.all().count())
    school = [bw.w.school.id]
    cases = [
        ({"title": "  ", "institution_ids": school}, "broadcast.error.title_empty"),
        ({"title": "x" * 201, "institution_ids": school}, "broadcast.error.title_too_long"),
        ({"body": "\n ", "institution_ids": school}, "broadcast.error.body_empty"),
        ({"body": "x" * 1_000_000, "institution_ids": school}, "broadcast.error.body_too_long"),
        ({}, "broadcast.error.no_institutions"),
        ({"institution_ids": [999_999]}, "broadcast.error.unknown_institution"),
        ({"institution_ids": school, "email_after_minutes": 4}, "broadcast.error.minutes"),
        ({"institution_ids": school, "email_after_minutes": 1441}, "broadcast.error.minutes"),
    ]
    for choice, key in cases:
        args = {"title": "Lukket", "body": "Tekst", "areas": [], "institution_ids": [], "email_after_minutes": None,
                **choice}
        with pytest.raises(DomainError) as refused:
            await service.do_send_broadcast(bw.admin, now=NOW, **args)  # type: ignore[arg-type]
        assert refused.value.key == key
    assert (await Broadcast.all().count(), await BroadcastRecipient.all().count()) == before
