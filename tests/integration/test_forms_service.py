"""Blanketter over SQLite and PostgreSQL: building, answering once per child, results, and the reminder."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.forms import reading, results, service
from domain.forms.model import FormAnswered, QuestionInput, QuestionKind
from domain.identity.model import Actor, Role
from persistence.forms import Form, FormAnswer
from persistence.messages import Participant
from persistence.people import Custody, Enrolment, Person
from tests.factory import World, build_world, person
from tests.messages_world import NOW, actor_of
from tests.querycount import count_queries

QUESTIONS = [
    QuestionInput(QuestionKind.YES_NO, "Må deltage i tur til Zoologisk Have"),
    QuestionInput(QuestionKind.CHOICE, "Frokost", ("Madpakke", "Køber frokost")),
    QuestionInput(QuestionKind.TEXT, "Allergier eller andet vi skal vide", required=False),
]
GOOD = {"q1": True, "q2": "Madpakke", "q3": "  Nødder  "}


@dataclass
class FormsWorld:
    """The factory world with a second guardian of Anna, a third child Dan, actors and one open form."""

    w: World
    teacher: Actor
    gitte: Actor
    hans: Actor
    olga: Actor
    former: Actor
    dan: Person
    form_id: int


@pytest.fixture
async def fw(database: str) -> FormsWorld:
    w = await build_world()
    hans = await person(w.school.municipality, "Hans", subject="t-hans")
    await Custody.create(guardian=hans, child=w.child, valid_from=w.child.birth_date)
    dan = await person(w.school.municipality, "Dan", child=True, born=w.today - timedelta(days=8 * 365))
    await Enrolment.create(child=dan, institution=w.school, group=w.class_2a, start=w.today - timedelta(days=30))
    dorte = await person(w.school.municipality, "Dorte")
    await Custody.create(guardian=dorte, child=dan, valid_from=dan.birth_date)
    teacher = await actor_of(w.teacher, Role.STAFF)
    form_id = await service.do_create_form(teacher, group_id=w.class_2a.id, title="Tur til Zoologisk Have",
                                           description="Vi tager toget kl. 8.30.", questions=QUESTIONS,
                                           deadline=NOW + timedelta(days=7), now=NOW)
    return FormsWorld(w, teacher, await actor_of(w.guardian, Role.PARENT), await actor_of(hans, Role.PARENT),
                      await actor_of(w.other_guardian, Role.PARENT), await actor_of(w.former_guardian, Role.PARENT),
                      dan, form_id)


async def test_bad_forms_are_refused_with_a_reason_and_nothing_is_stored(fw: FormsWorld) -> None:
    def create(actor: Actor, **change: object) -> object:
        values: dict[str, Any] = dict(group_id=fw.w.class_2a.id, title="Tur", description="", questions=QUESTIONS,
                                         deadline=NOW + timedelta(days=1), now=NOW)
        values.update(change)
        return service.do_create_form(actor, **values)

    refusals = {
        "forms.deadline_past": create(fw.teacher, deadline=NOW - timedelta(minutes=1)),
        "forms.question_count": create(fw.teacher, questions=[]),
        "forms.option_count": create(fw.teacher, questions=[QuestionInput(QuestionKind.CHOICE, "Hvad?", ("Ja",))]),
        "forms.title_empty": create(fw.teacher, title="   "),
        "forms.question_empty": create(fw.teacher, questions=[QuestionInput(QuestionKind.TEXT, " ")]),
    }
    for key, attempt in refusals.items():
        with pytest.raises(DomainError) as refused:
            await attempt  # type: ignore[misc]
        assert refused.value.key == key
    with pytest.raises(AccessDenied):
        await create(fw.gitte)  # type: ignore[misc]
    assert await Form.all().values_list("id", flat=True) == [fw.form_id]
    stored = await Form.get(id=fw.form_id)
    assert [q["id"] for q in stored.questions] == ["q1", "q2", "q3"]
    assert stored.questions[1]["options"] == ["Madpakke", "Køber frokost"]


async def test_one_answer_per_child_which_the_other_guardian_updates_and_a_race_never_makes_two(
        fw: FormsWorld) -> None:
    heard: list[Event] = []
    sub = bus.subscribe(f"form:{fw.form_id}", heard.append)
    try:
        await service.do_answer(fw.gitte, form_id=fw.form_id, child_id=fw.w.child.id, answers=GOOD, now=NOW)
        await service.do_answer(fw.hans, form_id=fw.form_id, child_id=fw.w.child.id,
                                answers={"q1": False, "q2": "Køber frokost"}, now=NOW + timedelta(hours=1))
    finally:
        sub.cancel()
    assert [(type(e), e.answered_by) for e in heard] == [(FormAnswered, "Gitte Testesen"),  # type: ignore[attr-defined]
                                                         (FormAnswered, "Hans Testesen")]
    row = await FormAnswer.get(form_id=fw.form_id, child_id=fw.w.child.id)
    assert (row.answers, row.guardian_id) == ({"q1": False, "q2": "Køber frokost"}, fw.hans.person_id)
    view = await reading.form_for_guardian(fw.gitte, fw.form_id, NOW)
    assert [(c.first_name, c.answered_by, c.answers.get("q1")) for c in view.children] == [
        ("Anna", "Hans Testesen", False)]
    await asyncio.gather(*[service.do_answer(who, form_id=fw.form_id, child_id=fw.dan.id, answers=GOOD, now=NOW)
                           for who in (await _dan_guardians(fw)) * 4])
    assert await FormAnswer.filter(form_id=fw.form_id, child_id=fw.dan.id).count() == 1
    stored = await FormAnswer.get(form_id=fw.form_id, child_id=fw.dan.id)
    assert stored.answers["q3"] == "Nødder"


async def _dan_guardians(fw: FormsWorld) -> list[Actor]:
    """Dan's guardian Dorte and a second guardian added for the race."""
    ditte = await person(fw.w.school.municipality, "Ditte")
    await Custody.create(guardian=ditte, child=fw.dan, valid_from=fw.dan.birth_date)
    dorte = await Person.get(first_name="Dorte")
    return [await actor_of(dorte, Role.PARENT), await actor_of(ditte, Role.PARENT)]


async def test_answers_are_refused_for_strangers_bad_values_and_after_the_deadline(fw: FormsWorld) -> None:
    anna = fw.w.child.id
    for stranger in (fw.olga, fw.former, fw.teacher):
        with pytest.raises(AccessDenied):
            await service.do_answer(stranger, form_id=fw.form_id, child_id=anna, answers=GOOD, now=NOW)
    with pytest.raises(AccessDenied):  # Bo is Gitte's child, but not in 2.A
        await service.do_answer(fw.gitte, form_id=fw.form_id, child_id=fw.w.sibling.id, answers=GOOD, now=NOW)
    bad: dict[str, dict[str, object]] = {
        "forms.option_unknown": {**GOOD, "q2": "Pizza"}, "forms.answer_required": {"q2": "Madpakke"},
        "forms.answer_invalid": {**GOOD, "q1": "måske"}, "forms.text_too_long": {**GOOD, "q3": "x" * 2001}}
    for key, answers in bad.items():
        with pytest.raises(DomainError) as refused:
            await service.do_answer(fw.gitte, form_id=fw.form_id, child_id=anna, answers=answers, now=NOW)
        assert refused.value.key == key
    with pytest.raises(DomainError) as late:
        await service.do_answer(fw.gitte, form_id=fw.form_id, child_id=anna, answers=GOOD, now=NOW + timedelta(days=8))
    assert late.value.key == "forms.deadline_passed"
    await service.do_close_form(fw.teacher, form_id=fw.form_id, now=NOW)
    with pytest.raises(DomainError) as closed:
        await service.do_answer(fw.gitte, form_id=fw.form_id, child_id=anna, answers=GOOD, now=NOW)
    assert closed.value.key == "forms.closed"
    assert not await FormAnswer.exists()


async def test_results_count_the_answers_and_list_the_children_without_one_with_their_guardians(
        fw: FormsWorld) -> None:
    await service.do_answer(fw.gitte, form_id=fw.form_id, child_id=fw.w.child.id, answers=GOOD, now=NOW)
    await service.do_answer(fw.olga, form_id=fw.form_id, child_id=fw.w.other_child.id,
                            answers={"q1": False, "q2": "Køber frokost", "q3": "=1+1"}, now=NOW)
    found = await results.form_results(fw.teacher, fw.form_id, NOW)
    assert [q.counts for q in found.questions[:2]] == [(("ja", 1), ("nej", 1)),
                                                       (("Madpakke", 1), ("Køber frokost", 1))]
    assert found.questions[2].texts == (("Anna Testesen", "Nødder"), ("Carl Testesen", "=1+1"))
    assert [(r.child_name, r.answered_by) for r in found.answered] == [("Anna Testesen", "Gitte Testesen"),
                                                                       ("Carl Testesen", "Olga Testesen")]
    assert [(m.child_name, m.guardians) for m in found.missing] == [("Dan Testesen", ("Dorte Testesen",))]
    text = results.results_csv(found).decode("utf-8")
    assert text.startswith("\ufeffBarn;Besvaret af;Besvaret;Må deltage i tur til Zoologisk Have;Frokost;")
    assert "Carl Testesen;Olga Testesen;" in text and ";nej;Køber frokost;'=1+1\r\n" in text
    assert "Dan Testesen;Mangler svar;" in text
    summary = await reading.forms_for_staff(fw.teacher, NOW)
    assert [(s.title, s.answered, s.expected, s.closed) for s in summary] == [("Tur til Zoologisk Have", 2, 3, False)]
    with pytest.raises(AccessDenied):
        await results.form_results(fw.gitte, fw.form_id, NOW)


async def test_a_reminder_reaches_only_the_families_without_an_answer(fw: FormsWorld) -> None:
    await service.do_answer(fw.gitte, form_id=fw.form_id, child_id=fw.w.child.id, answers=GOOD, now=NOW)
    with count_queries() as statements:
        pending = await reading.pending_for_guardian(fw.olga, NOW)
    assert [p.child_first_name for p in pending] == ["Carl"] and len(statements) <= 5
    assert await reading.pending_for_guardian(fw.gitte, NOW) == []
    reached = await service.do_remind(fw.teacher, form_id=fw.form_id, now=NOW)
    dorte = await Person.get(first_name="Dorte")
    assert reached == 2
    assert await Participant.filter(person_id=fw.olga.person_id).count() == 1
    assert await Participant.filter(person_id=dorte.id).count() == 1
    assert await Participant.filter(person_id__in=[fw.gitte.person_id, fw.hans.person_id]).count() == 0
    with pytest.raises(AccessDenied):
        await service.do_remind(fw.olga, form_id=fw.form_id, now=NOW)
