"""The month view over SQLite and PostgreSQL: holidays, closing days, deadlines, filters, and few queries."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.calendar import service, views
from domain.clock import age_on
from domain.identity.model import Role
from domain.organisation.model import GroupKind, InstitutionKind
from persistence.calendar import Invitation
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.forms import Form
from persistence.organisation import Group, Institution
from persistence.people import Custody, Enrolment, GroupMembership, Person
from persistence.presence import PresenceSettings
from persistence.vacation import VacationRequest
from tests.calendar_world import NOW, CalendarWorld, actor_of, aware, build_calendar_world, local
from tests.factory import person
from tests.querycount import count_queries

DEC = date(2026, 12, 1)
END = date(2026, 12, 31)


async def _third_child(cw: CalendarWorld) -> tuple[Institution, Group, int]:
    """A BFO for a third child of the guardian, with its own room and a cross group (kor) beside it."""
    w = cw.w
    bfo = await Institution.create(municipality_id=w.school.municipality_id, number=f"9{w.child.id:05d}",
                                   name="Test-BFO", kind=InstitutionKind.BFO)
    room = await Group.create(municipality_id=bfo.municipality_id, institution=bfo, name="Røde", kind=GroupKind.STUE)
    choir = await Group.create(municipality_id=bfo.municipality_id, name="Kor", kind=GroupKind.TVAERGAAENDE)
    kid = await person(await w.school.municipality, "Cille", child=True, born=w.today - timedelta(days=7 * 365))
    await Enrolment.create(child=kid, institution=bfo, group=room, start=w.today - timedelta(days=100))
    await Custody.create(guardian=w.guardian, child=kid, valid_from=kid.birth_date)
    await GroupMembership.create(group=choir, person=kid)
    return bfo, choir, kid.id


async def test_a_month_shows_holidays_closing_days_conferences_and_deadlines_in_four_queries(database: str) -> None:
    cw = await build_calendar_world()
    w = cw.w
    bfo, choir, cille = await _third_child(cw)
    guardian = await actor_of(w.guardian, Role.PARENT)
    await PresenceSettings.create(institution=w.kindergarten, closing_days=[{"day": "2026-12-28",
                                                                            "reason": "Juleferie"}])
    await PresenceSettings.create(institution=bfo, closing_days=["2026-12-29"])
    rnd = await ConferenceRound.create(group=w.class_2a, organiser_id=w.teacher.id, organiser_name="Tina",
                                       title="Skole-hjem-samtaler", place="2.A", slot_minutes=15, days=[],
                                       booking_deadline=aware(DEC), created_at=NOW)
    await ConferenceSlot.create(round=rnd, starts_at=aware(date(2026, 12, 8), 14), child=w.child,
                                ends_at=aware(date(2026, 12, 8), 14, 15), booked_by=w.guardian, booked_at=NOW)
    await ConferenceSlot.create(round=rnd, starts_at=aware(date(2026, 12, 8), 14, 15), child=w.other_child,
                                ends_at=aware(date(2026, 12, 8), 14, 30), booked_by=w.other_guardian, booked_at=NOW)
    form = await Form.create(group=choir, title="Julekoncert", deadline=aware(date(2026, 12, 10), 12), created_at=NOW)
    await Form.create(group=w.class_2a, title="Tur", deadline=aware(date(2027, 1, 10), 12), created_at=NOW)
    vac = await VacationRequest.create(title="Juleferie", first_day=date(2026, 12, 21), last_day=date(2027, 1, 1),
                                       deadline=aware(date(2026, 12, 5), 23), institution_ids=[w.kindergarten.id],
                                       group_ids=[], created_at=NOW)
    await VacationRequest.create(title="Andres ferie", first_day=date(2026, 12, 21), last_day=date(2027, 1, 1),
                                 deadline=aware(date(2026, 12, 5), 23), institution_ids=[w.school.id + 999],
                                 group_ids=[], created_at=NOW)
    await GroupMembership.create(group=choir, person=w.teacher)  # a cross group is for the staff who belong to it
    choir_event = await service.do_create_event(cw.teacher, scope="group", group_id=choir.id, title="Korprøve",
                                                all_day=False, start=local(date(2026, 12, 2), 15),
                                                end=local(date(2026, 12, 2), 16), repeat="weekly",
                                                repeat_until=date(2027, 6, 1), invite=True, now=NOW)
    with count_queries() as statements:
        items = await views.items_between(guardian, DEC, END)
    assert len(statements) <= 4, statements
    by_kind: dict[str, list[str]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item.title)
    assert by_kind["holiday"] == ["Juledag", "Anden juledag"]
    assert sorted(by_kind["closing_day"]) == ["Juleferie", "Lukkedag"]
    assert by_kind["conference"] == ["Skole-hjem-samtaler"]  # Anna's, not Carl's
    assert by_kind["form_deadline"] == ["Julekoncert"] and by_kind["vacation_deadline"] == ["Juleferie"]
    assert by_kind["event"] == ["Korprøve"] * 5
    form_item = next(i for i in items if i.kind == "form_deadline")
    assert form_item.child_ids == (cille,) and form_item.url == f"/kalender/blanketter/{form.id}"
    vacation_item = next(i for i in items if i.kind == "vacation_deadline")
    assert vacation_item.child_ids == (w.sibling.id,) and vacation_item.url == f"/kalender/ferie/{vac.id}"
    choir_item = next(i for i in items if i.kind == "event")
    assert choir_item.child_ids == (cille,) and choir_item.my_answer == "ingen"
    assert await Invitation.filter(event_id=choir_event, person_id=w.guardian.id).exists()
    assert items == sorted(items, key=lambda i: (i.starts_at, not i.all_day, i.title, i.key))
    # the filters: only Bo (kindergarten) keeps his closing day and vacation deadline, holidays stay everywhere
    only_bo = await views.items_between(guardian, DEC, END, child_ids={w.sibling.id})
    assert {i.kind for i in only_bo} == {"holiday", "closing_day", "vacation_deadline"}
    only_bfo = await views.items_between(guardian, DEC, END, institution_ids={bfo.id})
    assert [i.title for i in only_bfo if i.kind == "closing_day"] == ["Lukkedag"]
    # staff see their own round's booked times and their cross group's event and form
    teacher = {i.kind for i in await views.items_between(cw.teacher, DEC, END)}
    assert teacher == {"holiday", "conference", "event", "form_deadline"}


async def test_an_institution_event_inviting_600_families_is_one_insert(database: str) -> None:
    cw = await build_calendar_world()
    w = cw.w
    m = await w.school.municipality
    born = [w.today - timedelta(days=(6 + n % 6) * 365) for n in range(600)]
    await Person.bulk_create([Person(municipality=m, first_name=f"K{n}", last_name="T", is_child=True,
                                     birth_date=born[n], cpr=f"77{n:08d}") for n in range(600)])
    await Person.bulk_create([Person(municipality=m, first_name=f"P{n}", last_name="T", cpr=f"88{n:08d}")
                              for n in range(600)])
    kids = await Person.filter(cpr__startswith="77").order_by("cpr")
    parents = await Person.filter(cpr__startswith="88").order_by("cpr")
    await Enrolment.bulk_create([Enrolment(child=k, institution=w.school, start=w.today) for k in kids])
    await Custody.bulk_create([Custody(guardian=p, child=k, valid_from=w.today)
                               for p, k in zip(parents, kids, strict=True)])
    with count_queries() as statements:  # the time it takes is measured in bench/calendar_month.py
        event_id = await service.do_create_event(
            cw.admin, scope="institution", institution_id=w.school.id, title="Skolefest", all_day=False,
            start=datetime(2026, 12, 11, 17), end=datetime(2026, 12, 11, 20), invite=True, now=NOW)
    inserts = [s for s in statements if "calendar_invitation" in s and "INSERT" in s.upper()]
    # 8 for the event and its invitations, then the invitations' notifications: the outbox's reads and one INSERT for
    # all of them, not a statement per family
    notes = [st for st in statements if 'INSERT INTO "notification"' in st]
    assert len(inserts) == 1 and len(notes) == 1 and len(statements) <= 8 + 8, statements
    older = sum(1 for k in kids if k.birth_date is not None and age_on(k.birth_date, w.today) >= 10)
    assert await Invitation.filter(event_id=event_id).count() == 602 + older  # + Anna's and Carl's guardians
