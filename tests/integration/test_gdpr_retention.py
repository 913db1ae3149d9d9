"""Retention on SQLite and PostgreSQL: the daily job on dated data, the dry run, the rules' ranges and access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from domain.clock import COPENHAGEN, today_local
from domain.errors import AccessDenied, DomainError
from domain.gdpr import photo_files, retention
from domain.gdpr.retention_model import RetentionCounts, local_midnight_utc, months_before
from domain.identity.model import Role
from domain.messages import storage
from domain.presence.model import Action, DeviceKind, Status
from persistence.audit import AuditEntry
from persistence.gdpr import ChildConsent, ConsentType, RetentionPolicy, RetentionRun
from persistence.messages import Attachment, Message, Participant, Thread
from persistence.organisation import Municipality
from persistence.people import Custody, Enrolment, Person, PickupPerson
from persistence.presence import PlanEntry, PresenceChange, PresenceDay
from tests.conftest import point_data_dir
from tests.factory import World, build_world, person
from tests.messages_world import actor_of
from tests.querycount import count_queries

# Nine in the morning today: the factory's world uses today's date, and an hour later is still the same day.
NOW = datetime.combine(today_local(), time(9, 0), COPENHAGEN).astimezone(UTC)
TODAY = today_local(NOW)


def months_ago(months: int, hour: int = 10) -> datetime:
    """A moment on the same day some months back (10 o'clock Copenhagen time)."""
    return local_midnight_utc(months_before(TODAY, months)) + timedelta(hours=hour)


@dataclass
class Dated:
    """The dated rows a test checks afterwards."""

    w: World
    old_thread: Thread
    mixed: Thread
    new_thread: Thread
    gone_child: Person
    recent_child: Person
    old_sha: str
    shared_sha: str


async def _message(thread: Thread, sender: Person, body: str, at: datetime, *, sensitive: bool = False) -> Message:
    return await Message.create(thread=thread, sender=sender, sender_name=f"{sender.first_name} {sender.last_name}",
                                body=body, sensitive=sensitive, created_at=at)


async def _file(uploader: Person, message: Message, data: bytes) -> str:
    sha = storage.digest(data)
    await storage.store(sha, data)
    await Attachment.create(message=message, uploader=uploader, filename="a.pdf", content_type="application/pdf",
                            size=len(data), sha256=sha, created_at=message.created_at)
    return sha


async def _thread(w: World, subject: str, first: datetime, last: datetime, n: int, *, sensitive: bool,
                  last_name: str, snippet: str, unread: int) -> Thread:
    thread = await Thread.create(subject=subject, created_at=first, created_by=w.teacher, last_message_at=last,
                                 last_sender_name=last_name, last_snippet=snippet, message_count=n, sensitive=sensitive)
    await Participant.create(thread=thread, person=w.teacher, joined_at=first, last_message_at=last)
    await Participant.create(thread=thread, person=w.guardian, joined_at=first, last_message_at=last, unread=unread)
    return thread


async def _presence(w: World, child: Person, months: int) -> None:
    day = months_before(TODAY, months)
    await PresenceDay.create(person=child, institution=w.kindergarten, day=day, status=Status.PICKED_UP,
                             changed_at=months_ago(months), changed_by="Lis")
    await PresenceChange.create(person_id=child.id, institution_id=w.kindergarten.id, day=day, at=months_ago(months),
                                action=Action.CHECK_IN, from_status=Status.NOT_ARRIVED, to_status=Status.PRESENT,
                                actor_name="Lis", device=DeviceKind.TABLET)
    await PlanEntry.create(child=child, day=day, arrival_min=480, updated_at=months_ago(months), note="Mormor henter")


async def _leaver(w: World, first: str, months: int, cpr: str) -> Person:
    child = await person(await Municipality.get(id=w.school.municipality_id), first, child=True, born=date(2016, 5, 4),
                         cpr=cpr)
    await Person.filter(id=child.id).update(email="x@example.dk", phone="12345678", address="Vej 1")
    await Enrolment.create(child=child, institution=w.school, start=date(2022, 8, 1), end=months_before(TODAY, months))
    await Custody.create(guardian=w.guardian, child=child, valid_from=date(2016, 5, 4))
    return child


async def build_dated() -> Dated:
    """Threads, files, presence and leavers at several ages around a 12-month rule."""
    w = await build_world()
    old = await _thread(w, "Gammel", months_ago(14), months_ago(13), 2, sensitive=False, last_name="Tina Testesen",
                        snippet="Tak", unread=2)
    m1 = await _message(old, w.teacher, "Hej", months_ago(14))
    await _message(old, w.guardian, "Tak", months_ago(13))
    old_sha = await _file(w.teacher, m1, b"%PDF-only-in-the-old-thread")
    mixed = await _thread(w, "Blandet", months_ago(18), months_ago(1), 3, sensitive=True, last_name="Gitte Testesen",
                          snippet="Nyt svar", unread=3)
    m2 = await _message(mixed, w.teacher, "Anna har 1503181234 med", months_ago(18), sensitive=True)
    shared_sha = await _file(w.teacher, m2, b"%PDF-also-on-a-new-message")
    await _message(mixed, w.teacher, "Husk madpakke", months_ago(12, hour=0))  # exactly at the cutoff: kept
    m3 = await _message(mixed, w.guardian, "Nyt svar", months_ago(1))
    await _file(w.guardian, m3, b"%PDF-also-on-a-new-message")
    gone = await _leaver(w, "Gustav", 13, "0405161111")
    recent = await _leaver(w, "Rikke", 2, "0405162222")
    new = await _thread(w, "Ny", months_ago(3), months_ago(2), 2, sensitive=False, last_name="Gustav Testesen",
                        snippet="Ses", unread=1)
    await _message(new, w.teacher, "Velkommen", months_ago(3))
    await _message(new, gone, "Ses", months_ago(2))
    for months in (14, 13, 11, 1):
        await _presence(w, w.sibling, months)
    await PlanEntry.create(child=w.sibling, weekday=0, arrival_min=480, updated_at=months_ago(20))
    await PickupPerson.create(child=gone, name="Moster Ulla", phone="87654321")
    return Dated(w, old, mixed, new, gone, recent, old_sha, shared_sha)


async def _snapshot() -> tuple[int, ...]:
    return (await Message.all().count(), await Thread.all().count(), await Attachment.all().count(),
            await PresenceDay.all().count(), await PresenceChange.all().count(), await PlanEntry.all().count(),
            await Person.filter(anonymised_at__isnull=False).count())


EXPECTED = RetentionCounts(messages=3, threads=1, attachments=2, presence_days=2, presence_changes=2, day_plans=2,
                           children=1)


async def test_the_daily_job_deletes_exactly_what_is_old_once_a_day_after_a_dry_run_that_changes_nothing(
        database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_data_dir(monkeypatch, tmp_path / "data")
    d = await build_dated()
    admin = await actor_of(d.w.admin, Role.ADMIN)
    await retention.do_set_policy(admin, messages_months=12, presence_months=12, anonymise_after_months=12, now=NOW)
    photo = photo_files.photo_root() / f"{d.gone_child.id}-0123abcd.png"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    kind = await ConsentType.create(municipality_id=d.w.school.municipality_id, key="foto_sammen", name="Foto",
                                    created_at=NOW)
    await ChildConsent.create(child_id=d.gone_child.id, consent_type=kind, given=True, decided_at=NOW)
    before = await _snapshot()

    assert await retention.do_run_retention(admin, now=NOW, dry_run=True) == EXPECTED
    assert photo.exists()
    assert await _snapshot() == before  # the dry run only counted
    assert await retention.plan_retention(d.w.school.municipality_id, now=NOW) == EXPECTED

    audit_before = await AuditEntry.all().order_by("id").values_list("id", "action", "detail")
    assert await retention.daily_retention(now=NOW) == {d.w.school.municipality_id: EXPECTED}
    assert await retention.daily_retention(now=NOW + timedelta(hours=1)) == {}  # the next hourly pass does nothing
    audit_after = await AuditEntry.all().order_by("id").values_list("id", "action", "detail")
    assert audit_after[:len(audit_before)] == audit_before and len(audit_after) == len(audit_before) + 1
    assert audit_after[-1][1] == "retention.run" and "messages=3" in audit_after[-1][2]
    runs = await RetentionRun.all().order_by("id").values_list("dry_run", "counts", "actor_name")
    assert runs == [(True, EXPECTED.as_dict(), "Ane Testesen"), (False, EXPECTED.as_dict(), "")]

    # Messages: the old thread is gone with its seats; the mixed one keeps its new messages, recomputed.
    assert not await Thread.filter(id=d.old_thread.id).exists()
    assert not await Participant.filter(thread_id=d.old_thread.id).exists()
    mixed = await Thread.get(id=d.mixed.id)
    assert (mixed.message_count, mixed.last_sender_name, mixed.last_snippet, mixed.sensitive) == (
        2, "Gitte Testesen", "Nyt svar", False)
    assert mixed.last_message_at == months_ago(1)
    assert await Message.filter(thread_id=d.mixed.id).order_by("created_at").values_list("body", flat=True) == [
        "Husk madpakke", "Nyt svar"]
    assert await Participant.filter(thread_id=d.mixed.id, person_id=d.w.guardian.id).values_list(
        "unread", flat=True) == [2]
    assert not storage.path_for(d.old_sha).exists()
    assert storage.path_for(d.shared_sha).exists()  # a newer message still uses the same bytes
    # Presence: only the 11- and 1-month-old days, and the standard week, are left.
    assert sorted(await PresenceDay.all().values_list("day", flat=True)) == [
        months_before(TODAY, 11), months_before(TODAY, 1)]
    assert await PresenceChange.all().count() == 2
    assert await PlanEntry.filter(child_id=d.w.sibling.id).count() == 3

    # People: the child who left 13 months ago is anonymised, the recent leaver and pupils untouched.
    gone = await Person.get(id=d.gone_child.id)
    assert (gone.first_name, gone.last_name, gone.cpr, gone.birth_date, gone.email, gone.phone, gone.address,
            gone.active) == ("Anonymiseret", "", None, None, "", "", "", False)
    assert gone.anonymised_at == NOW and gone.deactivated_at == NOW
    assert not photo.exists() and not await ChildConsent.filter(child_id=gone.id).exists()
    assert await Custody.filter(child_id=gone.id).count() == 1
    assert not await PickupPerson.filter(child_id=gone.id).exists()
    assert await Message.filter(sender_id=gone.id).values_list("sender_name", flat=True) == ["Anonymiseret"]
    assert (await Thread.get(id=d.new_thread.id)).last_sender_name == "Anonymiseret"
    recent = await Person.get(id=d.recent_child.id)
    assert (recent.first_name, recent.cpr, recent.anonymised_at) == ("Rikke", "0405162222", None)
    assert (await Person.get(id=d.w.child.id)).cpr == "1503181234"
    assert not await Person.filter(cpr="0405161111").exists()

    # Run again by hand: nothing left to delete.
    assert (await retention.do_run_retention(admin, now=NOW, dry_run=False)).total == 0


async def test_the_rules_are_checked_kept_for_ever_when_empty_and_only_the_admin_sets_or_runs_them(
        database: str) -> None:
    w = await build_world()
    admin = await actor_of(w.admin, Role.ADMIN)
    for bad, key in ((dict(messages_months=5), "retention.error.messages_range"),
                     (dict(presence_months=121), "retention.error.presence_range"),
                     (dict(anonymise_after_months=0), "retention.error.anonymise_range")):
        values: dict[str, int | None] = {"messages_months": None, "presence_months": None,
                                         "anonymise_after_months": None, **bad}
        with pytest.raises(DomainError) as refused:
            await retention.do_set_policy(admin, now=NOW, **values)
        assert refused.value.key == key
    assert not await RetentionPolicy.exists()
    view = await retention.do_set_policy(admin, messages_months=24, presence_months=None, anonymise_after_months=6,
                                         now=NOW)
    assert (view.messages_months, view.presence_months, view.anonymise_after_months) == (24, None, 6)
    assert (await retention.policy_of(admin)).updated_by == "Ane Testesen"
    teacher = await actor_of(w.teacher, Role.STAFF)
    refusals = await AuditEntry.filter(outcome="refused").count()
    with pytest.raises(AccessDenied):
        await retention.do_set_policy(teacher, messages_months=6, presence_months=3, anonymise_after_months=1, now=NOW)
    with pytest.raises(AccessDenied):
        await retention.do_run_retention(teacher, now=NOW, dry_run=False)
    with pytest.raises(AccessDenied):
        await retention.runs_of(teacher)
    assert await AuditEntry.filter(outcome="refused").count() == refusals + 3
    assert await RetentionRun.all().count() == 0
    assert (await RetentionPolicy.get(municipality_id=w.admin.municipality_id)).messages_months == 24


async def _old_shapes(w: World, k: int, offset: int) -> None:
    """k threads of each shape, k dated presence days and k children who left, all past a 12-month rule."""
    m = await Municipality.get(id=w.school.municipality_id)
    for i in range(k):
        empty = await _thread(w, "Tom", months_ago(20), months_ago(20), 1, sensitive=False, last_name="", snippet="",
                              unread=1)
        await _file(w.teacher, await _message(empty, w.teacher, "Hej", months_ago(20)), b"%%PDF-%d" % (offset + i))
        mixed = await _thread(w, "Blandet", months_ago(20), months_ago(1), 2, sensitive=False, last_name="",
                              snippet="", unread=2)
        await _message(mixed, w.teacher, "Gammel", months_ago(20))
        await _message(mixed, w.guardian, "Ny", months_ago(1))
        day = months_before(TODAY, 14) - timedelta(days=offset + i)
        await PresenceDay.create(person=w.sibling, institution=w.kindergarten, day=day, status=Status.PICKED_UP,
                                 changed_at=months_ago(14))
        child = await person(m, f"Barn{offset + i}", child=True)
        await Enrolment.create(child=child, institution=w.school, start=date(2020, 8, 1), end=months_before(TODAY, 14))


async def test_a_run_costs_the_same_number_of_statements_for_one_or_many_threads_days_and_children(
        database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_data_dir(monkeypatch, tmp_path / "data")
    w = await build_world()
    admin = await actor_of(w.admin, Role.ADMIN)
    await retention.do_set_policy(admin, messages_months=12, presence_months=12, anonymise_after_months=12, now=NOW)
    await _old_shapes(w, 1, 0)
    with count_queries() as few:
        small = await retention.do_run_retention(admin, now=NOW, dry_run=False)
    await _old_shapes(w, 12, 100)
    with count_queries() as many:
        large = await retention.do_run_retention(admin, now=NOW, dry_run=False)
    assert (small.messages, small.threads, small.presence_days, small.children) == (2, 1, 1, 1)
    assert (large.messages, large.threads, large.presence_days, large.children) == (24, 12, 12, 12)
    assert len(many) == len(few)
