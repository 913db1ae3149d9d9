"""A guardian's first login on Overblik: five skippable steps, what was skipped stays open across logins until done."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from nicegui.testing import User

from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.onboarding.model import Answer, Step
from domain.onboarding.service import do_answer, walkthrough
from persistence.audit import AuditEntry
from persistence.notifications import NotificationSettings
from persistence.onboarding import FirstLogin
from persistence.people import Person
from tests.ui.conftest import login, logout


async def _any_time() -> datetime:
    return datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


async def _mette() -> Person:
    return await Person.get(first_name="Mette", last_name="Kristensen")


async def test_skipped_steps_stay_open_on_overblik_after_a_new_login_until_dismissed(user: User) -> None:
    await login(user, "demo-foraelder")
    mette = await _mette()
    await user.open("/overblik")
    await user.should_see("Trin 1 af 5: Privatlivspolitik")
    await user.should_see("Kommunen er dataansvarlig for Sammen", retries=1)
    user.find(marker="onboarding-next").click()  # "Jeg har læst den"
    await user.should_see("Trin 2 af 5: Kontaktoplysninger")
    row = await FirstLogin.get(person_id=mette.id)
    assert row.privacy_read_at is not None and row.steps == {"privatliv": "done"}
    assert await AuditEntry.exists(actor_person_id=mette.id, action="privacy_notice.read")
    await user.should_see(marker="contact-phone")
    user.find(marker="onboarding-next").click()
    await user.should_see("Trin 3 af 5: Samtykker")
    user.find(marker="onboarding-skip").click()
    await user.should_see("Trin 4 af 5: Stamkort")
    user.find(marker="onboarding-skip").click()
    await user.should_see("Trin 5 af 5: Notifikationer")
    await user.should_see("Hvordan vil du have besked?")
    user.find(marker="notify-first-skip").click()
    await user.should_see(marker="onboarding-open")
    (card,) = user.find(marker="onboarding-open").elements
    assert card.props["aria-label"] == "2 ting mangler: Stamkort, Notifikationer"
    await user.should_see("2 ting mangler: Stamkort, Notifikationer")
    await user.should_not_see(marker="onboarding")
    # Samtykker was skipped too, but the demo family has decided on consents for each child: that is done in fact.
    assert (await FirstLogin.get(person_id=mette.id)).steps["samtykker"] == "skipped"
    assert (await NotificationSettings.get(person_id=mette.id)).chosen_at is not None

    await logout(user)
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_see("2 ting mangler: Stamkort, Notifikationer")  # remembered in the database, not on the device
    await user.should_not_see(marker="onboarding")
    (link,) = user.find(marker=f"open-{Step.NOTIFY.value}").elements
    assert link.props["href"] == "/profil#notifikationer"
    (link,) = user.find(marker=f"open-{Step.STAMKORT.value}").elements
    assert link.props["href"] == "/profil#stamkort"
    user.find(marker="dismiss-stamkort").click()
    await user.should_see("Stamkort er skjult.")
    await user.should_see("1 ting mangler: Notifikationer")
    await user.open("/overblik")
    await user.should_see("1 ting mangler: Notifikationer")
    assert (await FirstLogin.get(person_id=mette.id)).steps["stamkort"] == "dismissed"


async def test_a_guardian_who_chose_notifications_before_the_walkthrough_is_not_walked_through(user: User) -> None:
    await login(user, "demo-foraelder")
    mette = await _mette()
    await NotificationSettings.update_or_create(defaults={"chosen_at": await _any_time()}, person_id=mette.id)
    await user.open("/overblik")
    await user.should_see("Overblik")
    await user.should_not_see(marker="onboarding")
    await user.should_not_see(marker="onboarding-open")


async def test_staff_have_no_walkthrough_and_a_write_by_staff_is_refused() -> None:
    staff = Actor(person_id=1, name="Anne", role=Role.STAFF, roles=frozenset({Role.STAFF}))
    assert (await walkthrough(staff)).current is None
    with pytest.raises(DomainError):
        await do_answer(staff, Step.PRIVACY, Answer.DONE, now=await _any_time())
