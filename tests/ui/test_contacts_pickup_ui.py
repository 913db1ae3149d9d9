"""The board's tile dialog: when a guardian picks up, the plan line shows their picture and phone from their profile."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from nicegui import ui
from nicegui.testing import User
from PIL import Image

from domain.clock import today_local, utcnow
from domain.contacts import service
from domain.contacts.model import Sharing
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from persistence.presence import PlanEntry
from tests.conftest import point_data_dir
from tests.demo_support import person_of
from tests.ui.conftest import login
from tests.ui.test_presence_board import SOFIE, fresh_oscar
from tests.ui.test_presence_tablet_ui import open_dialog


async def test_the_pickup_line_shows_the_picking_up_guardians_picture_and_phone(
        user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_data_dir(monkeypatch, tmp_path)
    oscar, _ = await fresh_oscar()
    mette = await person_of("demo-foraelder")
    facts = await load_person_facts(mette.id, today_local())
    assert facts is not None
    guardian = facts.actor(Role.PARENT, "2")
    out = io.BytesIO()
    Image.new("RGB", (400, 400), (90, 30, 160)).save(out, "PNG")
    url = await service.do_set_picture(guardian, data=out.getvalue(), now=utcnow())
    # Not shared with the class: staff see the picture and phone anyway, where the child goes.
    await service.do_save_contact(guardian, phone="12345678", email="", sharing=Sharing(), now=utcnow())
    await PlanEntry.filter(child_id=oscar.id, day=today_local()).delete()
    await PlanEntry.create(child_id=oscar.id, day=today_local(), pickup_min=15 * 60 + 30, pickup_key=f"g:{mette.id}",
                           pickup_label="Mette", updated_at=utcnow())
    await login(user, SOFIE)
    await open_dialog(user, oscar.id)
    await user.should_see("Telefon: +45 12 34 56 78")
    (call,) = user.find(marker="pickup-guardian-phone").elements
    assert isinstance(call, ui.link) and call.props["href"] == "tel:+4512345678"
    (row,) = user.find(marker="pickup-guardian").elements
    pictures = {str(e.source) for e in row.descendants() if isinstance(e, ui.image)}
    assert pictures == {url}
    assert (await user.http_client.get(url)).status_code == 200  # Sofie works where Oscar goes
