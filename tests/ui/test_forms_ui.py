"""Blanketter through the UI: a teacher builds a form, a guardian answers on the phone, staff see it live."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.forms import service
from domain.forms.model import QuestionInput, QuestionKind
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from persistence.forms import Form, FormAnswer
from persistence.organisation import Group
from persistence.people import Person
from tests.ui.conftest import login

QUESTIONS = [QuestionInput(QuestionKind.YES_NO, "Må deltage i tur til Naturcentret"),
             QuestionInput(QuestionKind.CHOICE, "Frokost", ("Madpakke", "Køber frokost")),
             QuestionInput(QuestionKind.TEXT, "Andet vi skal vide", required=False)]


async def _actor(first: str, last: str, role: Role) -> Actor:
    person = await Person.get(first_name=first, last_name=last)
    facts = await load_person_facts(person.id, today_local())
    assert facts is not None
    return facts.actor(role, "2")


async def _form() -> tuple[int, Person]:
    """A fresh form for 2.A at Skovlyskolen by Anne Holm, and Oscar (Mette's child in 2.A)."""
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    anne = await _actor("Anne", "Holm", Role.STAFF)
    form_id = await service.do_create_form(anne, group_id=two_a.id, title="Tur til Naturcentret", description="",
                                           questions=QUESTIONS, deadline=utcnow() + timedelta(days=3), now=utcnow())
    return form_id, await Person.get(first_name="Oscar", last_name="Kristensen")


async def test_a_guardian_answers_for_her_child_and_sees_the_answer_again(user: User) -> None:
    await login(user, "demo-foraelder")
    form_id, oscar = await _form()
    await user.open("/kalender/blanketter")
    await user.should_see(marker=f"form-{form_id}")
    await user.should_see("Mangler svar for Oscar")
    await user.open(f"/kalender/blanketter/{form_id}")
    await user.should_see("Svar for Oscar")
    user.find(marker=f"send-{oscar.id}").click()
    await user.should_see("Svar på: «Må deltage i tur til Naturcentret».")
    with user.client:  # type: ignore[union-attr]
        yes_no = next(iter(user.find(marker=f"answer-{oscar.id}-q1").elements))
        lunch = next(iter(user.find(marker=f"answer-{oscar.id}-q2").elements))
        assert isinstance(yes_no, ui.radio) and isinstance(lunch, ui.radio)
        yes_no.value, lunch.value = True, "Madpakke"
    user.find(marker=f"answer-{oscar.id}-q3").type("<b>Nødder</b>")
    user.find(marker=f"send-{oscar.id}").click()
    await user.should_see("Tak, dit svar er gemt.")
    await user.should_see("Besvaret af Mette Kristensen")
    row = await FormAnswer.get(form_id=form_id, child_id=oscar.id)
    assert row.answers == {"q1": True, "q2": "Madpakke", "q3": "<b>Nødder</b>"}
    await user.should_see("Ret svar")


async def test_staff_see_an_answer_arrive_live_and_remind_only_the_rest(user: User) -> None:
    await login(user, "demo-laerer")
    form_id, oscar = await _form()
    await user.open(f"/kalender/blanketter/{form_id}")
    await user.should_see(marker="answered-count")
    await user.should_see(marker=f"missing-{oscar.id}")
    mette = await _actor("Mette", "Kristensen", Role.PARENT)
    await service.do_answer(mette, form_id=form_id, child_id=oscar.id,
                            answers={"q1": False, "q2": "Køber frokost", "q3": "<i>Allergi</i>"}, now=utcnow())
    await asyncio.sleep(0.1)
    await user.should_see("1 af")
    await user.should_see("<i>Allergi</i>")
    await user.should_not_see(marker=f"missing-{oscar.id}")
    user.find(marker="remind").click()
    await user.should_see("Påmindelsen er sendt til", retries=40)
    sheet = await user.http_client.get(f"/kalender/blanketter/{form_id}/csv")
    assert sheet.status_code == 200 and sheet.headers["content-type"].startswith("text/csv")
    text = sheet.content.decode("utf-8")
    assert text.startswith("\ufeffBarn;Besvaret af;Besvaret;") and "Oscar Kristensen;Mette Kristensen;" in text


async def test_a_teacher_builds_a_form_and_a_bad_one_is_refused_with_nothing_stored(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/kalender/blanketter")
    await user.should_see(marker="new-form")
    await user.open("/kalender/blanketter/ny")
    before = await Form.all().count()
    user.find(marker="create-form").click()
    await user.should_see("Skriv en titel på blanketten.")
    user.find(marker="form-title").type("Juleklip i klassen")
    user.find(marker="q-text-1").type("Må tage saks med hjemmefra")
    user.find(marker="add-question").click()
    user.find(marker="q-text-2").type("Hvilken farve karton?")
    with user.client:  # type: ignore[union-attr]
        kind = next(iter(user.find(marker="q-kind-2").elements))
        assert isinstance(kind, ui.toggle)
        kind.value = QuestionKind.CHOICE.value
    user.find(marker="q-options-2").type("Rød")
    user.find(marker="create-form").click()
    await user.should_see("Spørgsmål 2 skal have mellem 2 og 10 svarmuligheder.")
    assert await Form.all().count() == before
    user.find(marker="q-options-2").type("\nGrøn")
    user.find(marker="create-form").click()
    await user.should_see(marker="answered-count")  # the new form's results page
    form = await Form.get(title="Juleklip i klassen")
    assert [(q["kind"], q["options"]) for q in form.questions] == [("yes_no", []), ("choice", ["Rød", "Grøn"])]
