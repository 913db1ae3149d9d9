"""Samtykker through the UI: a guardian withdraws photo consent and the photo is gone everywhere; the admin's types."""

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
from tests.conftest import point_data_dir
from tests.demo_support import children_of, person_of
from tests.ui.conftest import login


def _image_sources(user: User) -> set[str]:
    assert user.client is not None
    return {str(e.source) for e in user.client.elements.values() if isinstance(e, ui.image)}


async def test_a_guardian_withdraws_photo_consent_and_overblik_falls_back_to_initials(
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

    await user.open("/overblik")
    assert url in _image_sources(user)
    served = await user.http_client.get(url)
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff" and "private" in served.headers["cache-control"]

    await user.open("/samtykker")
    await user.should_see("Billeder af barnet i Sammen")
    await user.should_see("Fotoet vises i Sammen.")
    user.find(marker=f"consent-{freja.id}-{PHOTO_KEY}").click()
    await user.should_see("Samtykket er trukket tilbage.")
    await user.should_see("Fotoet er gemt, men vises ikke uden samtykke til billeder i Sammen.")

    await user.open("/overblik")
    assert url not in _image_sources(user)
    await user.should_see(marker=f"child-{freja.id}")
    await user.should_see("FK")
    assert (await user.http_client.get(url)).status_code == 404


async def test_the_admin_creates_a_consent_type(user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune/samtykker")
    await user.should_see("Billeder af barnet i Sammen")
    user.find(marker="type-key").type("Ikke gyldig")
    user.find(marker="type-name").type("Ture med bus")
    user.find(marker="create-type").click()
    await user.should_see("Nøglen skal være 2-40 tegn")
    user.find(marker="type-key").clear()
    user.find(marker="type-key").type("tur_bus")
    user.find(marker="create-type").click()
    await user.should_see("Samtykket er oprettet.")
    await user.should_see("tur_bus")
    assert await ConsentType.exists(key="tur_bus", name="Ture med bus", active=True)


async def test_a_teacher_sees_who_may_not_be_photographed_in_a_class(user: User) -> None:
    from persistence.organisation import Group

    await login(user, "demo-laerer")
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    await user.open("/samtykker")
    user.find(marker=f"group-{two_a.id}").click()
    await user.should_see("Samtykker i 2.A")
    table = user.find(marker="consent-table").elements.pop()
    assert isinstance(table, ui.table) and table.rows
    assert {row[PHOTO_KEY] for row in table.rows} <= {"✓", "✗"}
