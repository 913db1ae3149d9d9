"""'Frist i morgen': the day before a form's or vacation request's deadline, once, to those who have not answered."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.clock import COPENHAGEN
from domain.forms.deadline_notes import do_remind_form_deadlines
from domain.forms.model import QuestionInput, QuestionKind
from domain.forms.service import do_answer, do_create_form
from domain.identity.model import Role
from domain.vacation import service as vacation
from domain.vacation.deadline_notes import do_remind_vacation_deadlines
from persistence.vacation import VacationAnswer
from tests.factory import build_world
from tests.messages_world import actor_of
from tests.notify_world import other_class, told
from tests.presence_world import NOW as PRESENCE_NOW
from tests.presence_world import build_presence_world


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=COPENHAGEN).astimezone(UTC)


async def test_a_form_deadline_reminds_the_families_without_an_answer_once(database: str) -> None:
    w = await build_world()
    _, strangers = await other_class(w, 1)
    teacher, gitte = await actor_of(w.teacher, Role.STAFF), await actor_of(w.guardian, Role.PARENT)
    deadline_day = w.today + timedelta(days=5)
    created = at(w.today, 9) if at(w.today, 9) < at(deadline_day, 12) else at(w.today, 0)
    form_id = await do_create_form(teacher, group_id=w.class_2a.id, title="Tur til Zoologisk Have", description="",
                                   questions=[QuestionInput(QuestionKind.YES_NO, "Må barnet deltage?")],
                                   deadline=at(deadline_day, 12), now=created)
    await do_answer(gitte, form_id=form_id, child_id=w.child.id, answers={"q1": True}, now=created)
    day_before = deadline_day - timedelta(days=1)
    assert await do_remind_form_deadlines(at(day_before - timedelta(days=1), 10)) == 0  # two days before
    assert await do_remind_form_deadlines(at(day_before, 7)) == 0  # not before 08:00
    assert await do_remind_form_deadlines(at(day_before, 10)) == 1
    assert await do_remind_form_deadlines(at(day_before, 11)) == 0  # never twice
    got = await told(f"form:{form_id}:deadline")
    assert list(got) == [w.other_guardian.id]  # Gitte answered; 5.B's guardian and the former guardian are not asked
    assert got[w.other_guardian.id] == ("deadline", "Frist i morgen: Tur til Zoologisk Have",
                                        f"/kalender/blanketter/{form_id}")
    assert strangers[0].id not in got


async def test_a_vacation_deadline_reminds_the_guardians_with_days_left_once(database: str) -> None:
    pw = await build_presence_world()
    first, last = date(2026, 12, 21), date(2026, 12, 23)
    deadline = at(date(2026, 12, 10), 23)
    request_id = await vacation.do_create_request(pw.staff, title="Juleferie", note="", first_day=first,
                                                  last_day=last, deadline=deadline, institution_ids=[],
                                                  group_ids=[pw.team.id], now=PRESENCE_NOW)
    # Carl's family answered every day (as setup, straight into the table); Oscar's has not
    await VacationAnswer.bulk_create([VacationAnswer(request_id=request_id, child_id=pw.other_child.id,
                                                     day=first + timedelta(days=n), comes=False,
                                                     answered_by_id=pw.other_parent.person_id,
                                                     answered_at=PRESENCE_NOW) for n in range(3)])
    assert await do_remind_vacation_deadlines(at(date(2026, 12, 8), 10)) == 0
    assert await do_remind_vacation_deadlines(at(date(2026, 12, 9), 10)) == 1
    assert await do_remind_vacation_deadlines(at(date(2026, 12, 9), 18)) == 0
    got = await told(f"vacation:{request_id}:deadline")
    assert got == {pw.parent.person_id: ("deadline", "Frist i morgen: Juleferie", f"/kalender/ferie/{request_id}")}
