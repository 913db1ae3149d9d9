"""Samtaler through the UI: a teacher creates a round, a guardian books and loses a race, the schedule is live."""

from __future__ import annotations

from datetime import timedelta

from fastapi import Request
from nicegui import ui
from nicegui.testing import User

from auth.session import actor_or_redirect
from domain.clock import today_local, utcnow
from domain.conferences import service
from domain.conferences.service import RoundInput
from domain.conferences.slots import DayInput, local_moment, parse_time
from domain.identity.model import Actor
from domain.identity.service import current_actor
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.identity import UserAccount
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, Person
from persistence.queries import active_on
from tests.ui.conftest import login
from ui.conferences.pending import pending_conferences


async def _actor(subject: str, role: str) -> Actor:
    account = await UserAccount.get(oidc_subject=subject)
    return await current_actor(account.person_id, role, "2", now=utcnow())


async def _round() -> tuple[int, list[ConferenceSlot]]:
    """Anne Holm's round for 2.A next week: 14:00-15:00 in quarters."""
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    day = today_local() + timedelta(days=7)
    spec = RoundInput(group_id=two_a.id, title="Skole-hjem-samtaler", place="Lokale 12", slot_minutes=15,
                      days=[DayInput(day, "14:00", "15:00")],
                      booking_deadline=local_moment(day - timedelta(days=2), parse_time("12:00")), reminder_hours=24)
    round_id = await service.do_create_round(await _actor("demo-laerer", "staff"), spec, now=utcnow())
    return round_id, await ConferenceSlot.filter(round_id=round_id).order_by("starts_at")


async def _other_family(round_id: int) -> tuple[Actor, int]:
    """Another family of 2.A: a guardian's actor and their child."""
    rnd = await ConferenceRound.get(id=round_id)
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    child_id = await Enrolment.filter(active_on(today_local()), group_id=rnd.group_id).exclude(
        child_id=oscar.id).order_by("child_id").first().values_list("child_id", flat=True)
    custody = await Custody.filter(child_id=child_id, valid_to__isnull=True).first()
    assert custody is not None
    account = await UserAccount.get_or_none(person_id=custody.guardian_id)
    person_id = account.person_id if account else custody.guardian_id
    return await current_actor(person_id, "parent", "2", now=utcnow()), int(str(child_id))


async def test_a_guardian_books_a_slot_for_oscar_and_loses_a_race_for_another(user: User) -> None:
    await login(user, "demo-foraelder")
    round_id, slots = await _round()
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    await user.open("/kalender/samtaler")
    await user.should_see("Oscar: ingen tid endnu")
    await user.open(f"/kalender/samtaler/{round_id}")
    await user.should_see("Vælg en tid til Oscar")
    user.find(marker=f"slot-{slots[1].id}").click()
    await user.should_see(marker="confirm-book")
    user.find(marker="confirm-book").click()
    await user.should_see("Oscar har tid")
    assert (await ConferenceSlot.get(id=slots[1].id)).child_id == oscar.id

    user.find(marker=f"move-{oscar.id}").click()
    await user.should_see("Vælg den nye tid til Oscar")
    user.find(marker=f"slot-{slots[2].id}").click()
    await user.should_see(marker="confirm-book")
    other, child_id = await _other_family(round_id)
    await service.do_book(other, slot_id=slots[2].id, child_id=child_id, now=utcnow())  # faster, on another phone
    await user.should_not_see(marker=f"slot-{slots[2].id}")  # the list refreshed live; the question stays open
    user.find(marker="confirm-book").click()
    await user.should_see("Tiden er lige blevet taget. Vælg en anden tid.")
    assert (await ConferenceSlot.get(id=slots[1].id)).child_id == oscar.id  # the old booking stands


async def test_the_teachers_schedule_shows_who_booked_and_updates_live(user: User) -> None:
    await login(user, "demo-laerer")
    round_id, slots = await _round()
    await user.open(f"/kalender/samtaler/{round_id}")
    await user.should_see("0 af 4 tider booket")
    other, child_id = await _other_family(round_id)
    await service.do_book(other, slot_id=slots[0].id, child_id=child_id, now=utcnow())
    child = await Person.get(id=child_id)
    await user.should_see(f"{child.first_name} {child.last_name}")
    await user.should_see("1 af 4 tider booket")


async def test_a_teacher_creates_a_round_in_the_form_and_bad_input_is_explained(user: User) -> None:
    await login(user, "demo-laerer")
    await _round()  # with a round in the list the form starts folded
    await user.open("/kalender/samtaler")
    await user.should_see("Ny samtalerunde")
    user.find("Ny samtalerunde").click()
    before = await ConferenceRound.all().count()  # the demo may hold a round of its own
    user.find(marker="round-minutes").clear()
    user.find(marker="round-minutes").type("0")
    user.find(marker="create-round").click()
    await user.should_see("En samtale skal vare mellem 5 og 120 minutter.")
    assert await ConferenceRound.all().count() == before
    user.find(marker="round-minutes").clear()
    user.find(marker="round-minutes").type("20")
    user.find(marker="round-place").type("Lokale 14")
    user.find(marker="create-round").click()
    await user.should_see("Samtalerunden er oprettet.")
    rnd = await ConferenceRound.get(place="Lokale 14")
    assert await ConferenceSlot.filter(round_id=rnd.id).count() == 9  # 14:00-17:00 in 20 minutes


async def test_the_overblik_card_asks_for_a_booking_until_oscar_has_a_slot(user: User) -> None:
    @ui.page("/test/pending-conferences")  # the lead wires the card into Overblik; here it stands alone
    async def pending_page(request: Request) -> None:
        actor = await actor_or_redirect(request)
        assert isinstance(actor, Actor)
        await pending_conferences(actor)

    await login(user, "demo-foraelder")
    round_id, slots = await _round()
    await user.open("/test/pending-conferences")
    await user.should_see("Book en tid til samtale om Oscar — frist")
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    await service.do_book(await _actor("demo-foraelder", "parent"), slot_id=slots[0].id, child_id=oscar.id,
                          now=utcnow())
    await user.open("/test/pending-conferences")
    await user.should_not_see(marker=f"pending-conference-{round_id}-{oscar.id}")


async def test_a_round_with_too_few_slots_asks_before_it_is_created(user: User) -> None:
    await login(user, "demo-laerer")
    await _round()  # with a round in the list the form starts folded
    await user.open("/kalender/samtaler")
    user.find("Ny samtalerunde").click()
    before = await ConferenceRound.all().count()
    user.find(marker="round-minutes").clear()
    user.find(marker="round-minutes").type("120")  # 14:00-17:00 holds one slot of two hours
    user.find(marker="round-place").type("Lokale 15")
    user.find(marker="create-round").click()
    await user.should_see("1 tid til ")
    await user.should_see("kan ikke få en tid. Opret alligevel?")
    assert await ConferenceRound.all().count() == before  # nothing stored while the teacher decides
    user.find("Annuller").click()
    await user.should_not_see("Opret alligevel?")
    assert await ConferenceRound.all().count() == before
    user.find(marker="create-round").click()
    await user.should_see(marker="confirm-shortfall")
    user.find(marker="confirm-shortfall").click()
    await user.should_see("Samtalerunden er oprettet.")
    assert await ConferenceSlot.filter(round_id=(await ConferenceRound.get(place="Lokale 15")).id).count() == 1
