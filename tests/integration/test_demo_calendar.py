"""The demo's school year of events: built at small scale, inserted, and read through the calendar domain."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from tortoise.models import Model

from demo.calendar import CALENDAR_TABLES, build_calendar_demo, named_of, school_days
from demo.presence import PRESENCE_TABLES
from demo.rows import TABLES, Demo, RowBook
from demo.seed import build_rows
from domain.calendar.model import ItemKind, Repeat
from domain.calendar.service import do_create_event
from domain.calendar.views import items_between
from domain.clock import COPENHAGEN
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from persistence.calendar import CalendarEvent, Invitation
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, GroupMembership
from persistence.presence import PresenceSettings
from persistence.queries import active_on
from tests.conftest import TODAY

NOW = datetime.combine(TODAY, time(10), COPENHAGEN).astimezone(UTC)


async def _demo() -> RowBook:
    """The small demo with its calendar (built here too until the seed builds it), inserted."""
    book = build_rows(today=TODAY, scale=0.1, seed=20260801)
    if not book.rows.get(CalendarEvent):
        from random import Random

        from faker import Faker

        build_calendar_demo(Demo(today=TODAY, rng=Random(1), fake=Faker("da_DK"), book=book), named_of(book))
    extra: list[type[Model]] = [*PRESENCE_TABLES, *CALENDAR_TABLES]
    for table in [*TABLES, *(t for t in extra if t not in TABLES)]:
        await table.bulk_create(book.all(table), batch_size=1000)
    return book


async def _actor(book: RowBook, subject: str, role: Role) -> Actor:
    facts = await load_person_facts(named_of(book).people[subject].id, TODAY)
    assert facts is not None
    return facts.actor(role, "3")


async def test_mette_sees_her_childrens_school_year_and_an_invitation_waits(sqlite_database: str) -> None:
    book = await _demo()
    assert len(book.all(CalendarEvent)) > 500 and len(book.all(Invitation)) > 500
    mette = await _actor(book, "demo-foraelder", Role.PARENT)
    kids = sorted(mette.guardian_of)
    assert len(kids) == 2
    groups = {g for g in await Enrolment.filter(active_on(TODAY), child_id__in=kids).values_list(
        "group_id", flat=True) if g is not None}
    groups |= set(await GroupMembership.filter(person_id__in=kids).values_list("group_id", flat=True))
    places = set(await Enrolment.filter(active_on(TODAY), child_id__in=kids).values_list("institution_id", flat=True))

    first, _ = school_days(TODAY)
    december = await items_between(mette, date(first.year, 12, 1), date(first.year, 12, 31), now=NOW)
    kinds = {i.kind for i in december}
    assert {ItemKind.EVENT, ItemKind.HOLIDAY, ItemKind.CLOSING_DAY} <= kinds
    titles = {i.title for i in december}
    assert {"Juleferie", "Juledag", "Julefest for børn og forældre", "Idræt", "Tur i skoven"} <= titles
    assert {i.scope for i in december if i.kind == ItemKind.EVENT} >= {"group", "institution", "municipality"}

    soon = await items_between(mette, TODAY, TODAY + timedelta(days=14), now=NOW)
    waiting = [i for i in soon if i.kind == ItemKind.EVENT and i.my_answer == "ingen"]
    assert waiting and all(i.starts_at > NOW for i in waiting)
    seen = {i.event_id for i in [*december, *soon] if i.event_id is not None}
    rows = await CalendarEvent.filter(id__in=sorted(seen))
    assert [r.title for r in rows if r.scope == "group" and r.group_id not in groups] == []
    assert [r.title for r in rows if r.scope == "institution" and r.institution_id not in places] == []
    assert [r.title for r in rows if r.private or (r.scope == "person" and r.person_id != mette.person_id)] == []


async def test_a_demo_series_is_stored_as_do_create_event_stores_it(sqlite_database: str) -> None:
    book = await _demo()
    anne = await _actor(book, "demo-laerer", Role.STAFF)
    mine = await GroupMembership.filter(person_id=anne.person_id).values_list("group_id", flat=True)
    group = await Group.get(id__in=mine, name="2.A")
    demo = await CalendarEvent.get(group_id=group.id, title="Idræt")
    first, last = school_days(TODAY)
    start = demo.starts_at.astimezone(COPENHAGEN).replace(tzinfo=None)
    made = await CalendarEvent.get(id=await do_create_event(
        anne, scope="group", group_id=group.id, title="Idræt", place="Hallen", all_day=False, start=start,
        end=demo.ends_at.astimezone(COPENHAGEN).replace(tzinfo=None), repeat=Repeat.WEEKLY, repeat_until=last,
        now=NOW))
    fields = ("scope", "group_id", "institution_id", "person_id", "organiser_id", "organiser_name", "starts_at",
              "ends_at", "rrule", "repeat_until", "all_day", "private", "invitations_open", "cancelled_at")
    assert [getattr(made, f) for f in fields] == [getattr(demo, f) for f in fields]
    assert first <= start.date() < first + timedelta(days=7)
    assert demo.exdates and all(key.endswith(start.strftime("T%H:%M")) for key in demo.exdates)
    christmas = await items_between(anne, date(first.year, 12, 28), date(first.year + 1, 1, 1), now=NOW)
    assert [i for i in christmas if i.event_id == demo.id] == []  # skipped in the Christmas holidays

    guardians = set(await Custody.filter(active_on(TODAY, "valid_from", "valid_to")).values_list(
        "guardian_id", flat=True))
    invited = await Invitation.filter(via_child_id__not_isnull=True).values_list("person_id", "answer")
    assert {person for person, _ in invited} <= guardians
    assert {answer for _, answer in invited} == {"", "ja", "nej", "maaske"}
    settings = await PresenceSettings.all().values_list("closing_days", flat=True)
    assert settings and all(TODAY.isoformat() not in {d["day"] for d in days} for days in settings)
    assert all(f"{first.year}-12-24" in {d["day"] for d in days} or date(first.year, 12, 24) == TODAY
               for days in settings)
