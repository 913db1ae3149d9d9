"""Fields that share a visible label say what sets them apart in their accessible name (WCAG 1.3.1, 2.4.6, 4.1.2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nicegui import ui
from nicegui.testing import User

from demo.consents import avatar_png
from domain.clock import today_local, utcnow
from domain.gdpr import consents, photos
from domain.gdpr.consents import PHOTO_KEY
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from persistence.gdpr import ConsentType
from persistence.people import Person
from persistence.presence import PresenceSettings
from tests.conftest import point_data_dir
from tests.demo_support import children_of, person_of
from tests.ui.conftest import login

WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")


async def test_each_kommer_kl_field_of_the_standard_week_is_named_with_its_weekday(user: User) -> None:
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    await PresenceSettings.filter(institution__name="Skovlyskolens BFO").update(open_weekdays=list(range(7)))
    await login(user, "demo-foraelder")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    for weekday, name in enumerate(WEEKDAYS):
        arrival = user.find(marker=f"week-{weekday}-arrival").elements.pop()
        pickup = user.find(marker=f"week-{weekday}-pickup").elements.pop()
        who = user.find(marker=f"week-{weekday}-pickup-by").elements.pop()
        assert arrival.props["aria-label"] == f"{name}: kommer kl."
        assert pickup.props["aria-label"] == f"{name}: hentes kl."
        assert who.props["aria-label"] == f"{name}: hentes af"


def _image_alts(user: User) -> dict[str, str]:
    assert user.client is not None
    return {str(e.source): str(e.props.get("alt", "")) for e in user.client.elements.values()
            if isinstance(e, ui.image)}


async def test_a_childs_photo_says_whose_it_is_on_overblik_the_child_page_and_consents(
        user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_data_dir(monkeypatch, tmp_path)
    await login(user, "demo-foraelder")
    mette = await person_of("demo-foraelder")
    freja = next(c for c in await children_of(mette) if c.first_name == "Freja")
    facts = await load_person_facts(mette.id, today_local())
    assert facts is not None
    guardian = facts.actor(Role.PARENT, "2")
    await consents.ensure_default_types(freja.municipality_id, utcnow())
    photo_type = await ConsentType.get(municipality_id=freja.municipality_id, key=PHOTO_KEY)
    await photos.do_set_photo(guardian, child_id=freja.id, data=avatar_png(1), now=utcnow())
    await consents.do_decide(guardian, child_id=freja.id, consent_type_id=photo_type.id, given=True, now=utcnow())
    url = (await Person.get(id=freja.id)).photo_url
    for path in ("/overblik", f"/barn/{freja.id}", "/samtykker", f"/kommegaa/plan/{freja.id}"):
        await user.open(path)
        await user.should_see("Freja")
        assert _image_alts(user).get(url) == "Foto af Freja Kristensen", path


async def test_each_photo_upload_is_named_after_its_child(user: User) -> None:
    mette = await person_of("demo-foraelder")
    await login(user, "demo-foraelder")
    await user.open("/samtykker")
    for child in await children_of(mette):
        upload = user.find(marker=f"photo-upload-{child.id}").elements.pop()
        assert upload.props["data-a11y-label"].startswith(f"{child.first_name} {child.last_name}: Vælg foto (JPEG")


async def test_a_form_answer_field_is_named_by_its_question(user: User) -> None:
    from tests.ui.test_forms_ui import _form

    await login(user, "demo-foraelder")
    form_id, oscar = await _form()
    await user.open(f"/kalender/blanketter/{form_id}")
    await user.should_see("Svar for Oscar")
    free_text = user.find(marker=f"answer-{oscar.id}-q3").elements.pop()
    assert free_text.props["aria-label"].startswith("Andet vi skal vide")
    yes_no = user.find(marker=f"answer-{oscar.id}-q1").elements.pop()
    assert yes_no.props["aria-label"] == "Må deltage i tur til Naturcentret"


async def test_each_retention_period_is_named_by_its_rule(user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune/sletning")
    months = user.find(marker="months-messages").elements.pop()
    assert months.props["aria-label"] == "Beskeder slettes efter"


async def test_the_private_calendar_address_field_has_a_name(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/kalender")
    user.find(marker="cal-feed").click()
    await user.should_see(marker="cal-feed-dialog")
    user.find(marker="cal-feed-create").click()
    await user.should_see(marker="cal-feed-url")
    assert user.find(marker="cal-feed-url").elements.pop().props["aria-label"] == "Din private kalenderadresse"
