"""Notification choices in the UI: the profile's Notifikationer section and Overblik's first-login question."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from persistence.notifications import NotificationChoice, NotificationSettings
from persistence.people import Person
from tests.ui.conftest import login


async def _mette() -> Person:
    return await Person.get(first_name="Mette", last_name="Kristensen")


async def _stored(person: Person) -> dict[tuple[str, str], bool]:
    rows = await NotificationChoice.filter(person_id=person.id).values_list("category", "channel", "on")
    return {(str(c), str(ch)): bool(on) for c, ch, on in rows}


async def _to_the_notification_step(user: User) -> None:
    """The first-login walkthrough asks about notifications last: skip the four steps before it."""
    for step in ("privatliv", "kontakt", "samtykker", "stamkort"):
        await user.should_see(marker=f"onboarding-step-{step}")
        user.find(marker="onboarding-skip").click()


def _value(user: User, marker: str) -> bool:
    (element,) = user.find(marker=marker).elements
    assert isinstance(element, ui.switch | ui.checkbox)
    return bool(element.value)


async def test_the_profile_has_a_switch_per_category_and_channel_saved_at_once(user: User) -> None:
    await login(user, "demo-foraelder")
    mette = await _mette()
    await Person.filter(id=mette.id).update(email="mette@example.dk")
    await user.open("/profil")
    await user.should_see("Notifikationer")
    await user.should_see("Beskeder og svar")
    await user.should_see("En krisebesked kommer altid som push og også i de stille timer. Den kan ikke slås fra.")
    await user.should_see("E-mail kræver, at Sammen har din e-mailadresse (se kortet E-mail ovenfor).")
    assert _value(user, "notify-message-push") and not _value(user, "notify-message-email")
    assert _value(user, "notify-crisis-push")
    (crisis,) = user.find(marker="notify-crisis-push").elements
    assert "disable" in crisis.props and crisis.props["aria-label"] == "Krisebeskeder: Push på telefonen"
    await user.should_not_see(marker="notify-crisis-digest")  # a krisebesked has no summary line

    user.find(marker="notify-message-digest").click()
    await user.should_see("Gemt – Beskeder og svar: I den daglige opsummering slået til")
    user.find(marker="notify-message-email").click()
    await user.should_see("Gemt – Beskeder og svar: E-mail med det samme slået til "
                          "(og I den daglige opsummering slået fra)")
    assert not _value(user, "notify-message-digest")
    user.find(marker="notify-presence-push").click()
    await user.should_see("Gemt – KommeGå: tjekket ind og ud: Push på telefonen slået til")
    assert await _stored(mette) == {("message", "digest"): False, ("message", "email"): True,
                                    ("presence", "push"): True}

    await user.open("/profil")  # read back from the table
    await user.should_see(marker="notify-message-email")
    assert _value(user, "notify-message-email") and _value(user, "notify-presence-push")


async def test_quiet_hours_are_saved_and_a_bad_time_changes_nothing(user: User) -> None:
    await login(user, "demo-foraelder")
    mette = await _mette()
    await user.open("/profil")
    await user.should_see(marker="notify-quiet-from")
    user.find(marker="notify-quiet-from").clear().type("kl 9")
    user.find(marker="notify-save-times").click()
    await user.should_see("»kl 9« er ikke et klokkeslæt. Skriv fx 21:00. Intet er ændret.")
    assert not await NotificationSettings.filter(person_id=mette.id).exists()

    user.find(marker="notify-quiet-from").clear().type("22:00")
    user.find(marker="notify-quiet-to").clear().type("06:30")
    user.find(marker="notify-digest-at").clear().type("18:00")
    user.find(marker="notify-save-times").click()
    await user.should_see("Gemt – stille fra 22:00 til 06:30, opsummering kl. 18:00")
    settings = await NotificationSettings.get(person_id=mette.id)
    assert (settings.quiet_from, settings.quiet_to, settings.digest_at) == (22 * 60, 6 * 60 + 30, 18 * 60)


async def test_a_guardian_is_asked_once_on_overblik_and_the_answer_is_stored(user: User) -> None:
    await login(user, "demo-foraelder")
    mette = await _mette()
    await user.open("/overblik")
    await _to_the_notification_step(user)
    await user.should_see("Hvordan vil du have besked?")
    assert _value(user, "notify-first-push") and not _value(user, "notify-first-email")
    assert not _value(user, "notify-first-digest")
    user.find(marker="notify-first-push").click()
    user.find(marker="notify-first-digest").click()
    user.find(marker="notify-first-save").click()
    await user.should_see("Gemt – du kan ændre det på din profil")
    await user.should_not_see("Hvordan vil du have besked?")
    stored = await _stored(mette)
    assert stored[("message", "push")] is False and stored[("message", "digest")] is True
    assert stored[("crisis", "push")] is True and stored[("presence", "digest")] is False
    assert (await NotificationSettings.get(person_id=mette.id)).chosen_at is not None

    await user.open("/overblik")
    await user.should_see("Overblik")
    await user.should_not_see("Hvordan vil du have besked?")


async def test_skipping_the_question_is_remembered_and_the_profile_still_offers_it(user: User) -> None:
    await login(user, "demo-foraelder")
    mette = await _mette()
    await user.open("/overblik")
    await _to_the_notification_step(user)
    await user.should_see("Hvordan vil du have besked?")
    user.find(marker="notify-first-skip").click()
    await user.should_see("Du kan vælge senere under Notifikationer på din profil")
    await user.should_not_see("Hvordan vil du have besked?")
    assert await _stored(mette) == {}  # the role's defaults stay
    await user.open("/overblik")
    await user.should_see("Overblik")
    await user.should_not_see("Hvordan vil du have besked?")
    await user.open("/profil")
    await user.should_see(marker="notify-section")


async def test_staff_are_not_asked_on_their_home(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/profil")
    await user.should_see(marker="notify-section")
    assert not _value(user, "notify-message-push") and _value(user, "notify-message-digest")  # staff defaults
    await user.should_not_see(marker="notify-summary-off")
    user.find(marker="email-digest").click()  # the summary off as a whole, in the E-mail card
    await user.should_see("Gemt – slået fra: Daglig opsummering af notifikationer")
    await user.open("/profil")
    await user.should_see("Den daglige opsummering er slået fra i kortet E-mail ovenfor, så den sendes ikke, før du "
                          "slår den til der.")
