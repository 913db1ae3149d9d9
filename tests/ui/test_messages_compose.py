"""Writing beskeder through the UI: the exact count before sending, refusals that store nothing, drafts as you type."""

from __future__ import annotations

import asyncio

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local
from persistence.messages import Draft, Message, Participant, Thread
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints
from tests.ui.conftest import login


async def _guardians_of_2a() -> set[int]:
    """Everyone with custody today of a child enrolled today in Skovlyskolen's 2.A, counted straight from the tables."""
    today = today_local()
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    children = await Enrolment.filter(active_on(today), group_id=two_a.id).values_list("child_id", flat=True)
    guardians = await Custody.filter(active_on(today, "valid_from", "valid_to"), child_id__in=list(children),
                                     guardian__active=True).values_list("guardian_id", flat=True)
    return set(ints(guardians))


async def _choose_parents_of_2a(user: User) -> None:
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    user.find(marker="recipient-search").type("2.A")
    await user.should_see("Alle forældre i 2.A")
    user.find(marker=f"choice-group_guardians:{two_a.id}").click()
    await user.should_see(marker=f"chip-group_guardians:{two_a.id}")


async def test_a_teacher_sees_the_exact_count_for_all_parents_in_2a_and_sends(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/beskeder/ny")
    expected = await _guardians_of_2a()
    assert len(expected) > 1
    await _choose_parents_of_2a(user)
    await user.should_see(f"Modtages af {len(expected)} personer")
    user.find(marker="subject").type("Tur i skoven")
    user.find(marker="body").type("Husk gummistøvler.")
    user.find(marker="send").click()
    await user.should_see(f"Sendt til {len(expected)} personer")
    thread = await Thread.get(subject="Tur i skoven")
    seats = await Participant.filter(thread_id=thread.id).values_list("person_id", flat=True)
    anne = await Person.get(first_name="Anne", last_name="Holm")
    assert set(seats) == expected | {anne.id}
    assert await Message.filter(thread_id=thread.id).count() == 1


async def test_an_empty_subject_is_refused_in_danish_and_nothing_is_sent(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/beskeder/ny")
    await _choose_parents_of_2a(user)
    user.find(marker="body").type("Uden emne")
    before = await Thread.all().count()
    user.find(marker="send").click()
    await user.should_see("Skriv et emne. Intet er sendt.")
    assert await Thread.all().count() == before


async def test_a_draft_is_saved_while_typing_and_reopens_with_its_recipients(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/beskeder/ny")
    await _choose_parents_of_2a(user)
    user.find(marker="subject").type("Forældremøde")
    await asyncio.sleep(1.3)  # the draft is saved a second after typing pauses
    await user.should_see("Kladde gemt")
    draft = await Draft.get(subject="Forældremøde")
    await user.open("/beskeder")
    user.find(marker=f"draft-{draft.id}").click()
    await user.should_see(marker="compose")
    await user.should_see("Alle forældre i 2.A")
    subject = user.find(marker="subject").elements.pop()
    assert isinstance(subject, ui.input) and subject.value == "Forældremøde"


async def test_a_cpr_number_in_the_text_sends_the_message_as_sensitive_and_says_why(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/beskeder/ny")
    await _choose_parents_of_2a(user)
    user.find(marker="subject").type("Til skolelægen")
    user.find(marker="body").type("Oscars personnummer er 120318-1234.")
    user.find(marker="send").click()
    await user.should_see("Beskeden indeholder noget, der ligner et CPR-nummer, og er derfor sendt som følsom.")
    message = await Message.get(thread__subject="Til skolelægen")
    assert message.sensitive


async def test_the_municipal_admin_writes_to_the_parents_of_a_cross_group_and_a_member_family_receives_it(
        user: User) -> None:
    cross = await Group.get(name="Tværgående læsevenner")
    member = await GroupMembership.filter(group_id=cross.id, person__is_child=True).first()
    assert member is not None
    guardians = set(ints(await Custody.filter(active_on(today_local(), "valid_from", "valid_to"),
                                              child_id=member.person_id).values_list("guardian_id", flat=True)))
    assert guardians
    await login(user, "demo-admin")
    await user.open("/beskeder/ny")
    user.find(marker="recipient-search").type("læsevenner")
    await user.should_see("Alle forældre i Tværgående læsevenner")
    user.find(marker=f"choice-group_guardians:{cross.id}").click()
    await user.should_see(marker=f"chip-group_guardians:{cross.id}")
    user.find(marker="subject").type("Skolerne lukker i morgen")
    user.find(marker="body").type("Hent jeres børn kl. 12.")
    user.find(marker="send").click()
    await user.should_see("Sendt til")
    thread = await Thread.get(subject="Skolerne lukker i morgen")
    seats = set(ints(await Participant.filter(thread_id=thread.id).values_list("person_id", flat=True)))
    assert guardians <= seats
    await user.open("/beskeder")  # the admin's own inbox holds the sent thread, and the search finds it
    await user.should_see("Skolerne lukker i morgen")
    await user.open("/soeg?q=skolerne lukker")
    await user.should_see(marker=f"result-message-{thread.id}")
