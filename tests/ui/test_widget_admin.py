"""Suppliers' widgets through the UI: the admin registers one, plain http is refused, a parent sees what was shared."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.model import Role
from domain.identity.service import current_actor
from domain.widgets import service
from domain.widgets.demo import DEMO_NAME, DEMO_SUPPLIER, ensure_demo_widget
from domain.widgets.keys import forget_loaded
from domain.widgets.tokens import do_issue_token
from persistence.organisation import Institution
from persistence.people import Person
from persistence.widgets import ExternalWidget, ExternalWidgetInstitution, WidgetTokenRecord
from tests.conftest import point_data_dir
from tests.ui.conftest import login

PUBLIC_URL = "http://localhost:8080"
HTTPS_REFUSAL = "Adressen skal bruge https://. Kun lokale testadresser må bruge http://, og kun i udviklingstilstand."


@pytest.fixture(autouse=True)
def key_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the widget signing key of each test out of the repository's data folder."""
    point_data_dir(monkeypatch, tmp_path)
    forget_loaded()
    yield
    forget_loaded()


async def fill_dialog(user: User, name: str, url: str) -> None:
    """Open 'Registrér widget' and fill it in for parents at Solsikken."""
    await user.open("/kommune/widgets/leverandoerer")
    await user.should_see("Widgets fra leverandører")
    user.find(marker="new-widget").click()
    await user.should_see(marker="register-dialog")
    user.find(marker="widget-name").type(name)
    user.find(marker="widget-supplier").type("Læselyst ApS")
    user.find(marker="widget-url").type(url)
    user.find(marker="widget-role-parent").click()
    user.find(marker="widget-institutions").click()
    user.find("Solsikken").click()


async def test_the_admin_registers_a_supplier_widget_through_the_dialog(user: User) -> None:
    await login(user, "demo-admin")
    await fill_dialog(user, "Læsebånd", "https://laeselyst.example.dk/widget")
    user.find(marker="register-widget").click()
    await user.should_see("Widgetten er registreret.")
    await user.should_see("Læsebånd")
    await user.should_see("Læselyst ApS")
    widget = await ExternalWidget.get(name="Læsebånd")
    assert (widget.supplier, widget.url, widget.placement, widget.roles, widget.active) == (
        "Læselyst ApS", "https://laeselyst.example.dk/widget", "side", ["parent"], True)
    solsikken = await Institution.get(name="Solsikken")
    assert await ExternalWidgetInstitution.filter(widget_id=widget.id).values_list("institution_id", flat=True) == [
        solsikken.id]
    toggle = user.find(marker=f"active-{widget.id}").elements.pop()
    assert isinstance(toggle, ui.switch)
    with user.client:  # type: ignore[union-attr]
        toggle.value = False
    for _ in range(40):  # the switch's handler runs as a task of its own
        if not (await ExternalWidget.get(id=widget.id)).active:
            break
        await asyncio.sleep(0.05)
    assert not (await ExternalWidget.get(id=widget.id)).active


async def test_an_http_address_for_another_host_is_refused_in_danish(user: User) -> None:
    await login(user, "demo-admin")
    await fill_dialog(user, "Usikker", "http://widgets.example.dk/usikker")
    user.find(marker="register-widget").click()
    await user.should_see(HTTPS_REFUSAL)
    assert not await ExternalWidget.filter(name="Usikker").exists()


async def test_others_than_the_admin_see_a_refusal(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/kommune/widgets/leverandoerer")
    await user.should_see(marker="refusal")


async def test_the_parents_profile_lists_a_token_after_one_was_issued(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/profil")
    await user.should_see("Data delt med widgets")
    await user.should_see("Ingen widgets har fået data om dig.")
    widget_id = await ensure_demo_widget(PUBLIC_URL)
    assert await ensure_demo_widget(PUBLIC_URL) == widget_id
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    actor = await current_actor(mette.id, Role.PARENT.value, "2", now=utcnow())
    await do_issue_token(actor, widget_id, await service.context_for(actor, today_local()), utcnow(),
                         issuer=PUBLIC_URL)
    await user.open("/profil")
    await user.should_see(marker="shared-table")
    await user.should_not_see("Ingen widgets har fået data om dig.")
    with user.scope(marker="shared-table"):
        await user.should_see(DEMO_NAME)
        await user.should_see(DEMO_SUPPLIER)
        # Only Oscar (2.A and BFO at Skovlyskolen): the Solsikken child is at no institution the widget serves.
        await user.should_see("Hvilke data: din rolle, institutionsnumre, pseudonyme børne-id'er (1)")
    labels = [e.text for e in user.find(kind=ui.label).elements]
    assert any(re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4} kl\. \d\d\.\d\d", text) for text in labels)
    assert await WidgetTokenRecord.filter(person_id=mette.id).count() == 1


async def test_overblik_shows_the_demo_widget_in_a_sandboxed_frame_with_a_fresh_token(user: User) -> None:
    await login(user, "demo-foraelder")
    widget_id = await ensure_demo_widget(PUBLIC_URL)
    await user.open("/overblik")
    await user.should_see(marker="external-frame")
    frame = user.find(marker="external-frame").elements.pop()
    props = frame.props
    assert props["sandbox"] == "allow-scripts allow-forms" and props["referrerpolicy"] == "no-referrer"
    assert str(props["src"]).startswith(f"{PUBLIC_URL}/demo-widget?token=")
    assert str(props["src"]).endswith(f"&widget={widget_id}")
    token = str(props["src"]).split("token=")[1].split("&")[0]
    answer = await user.http_client.get("/demo-widget", params={"token": token, "widget": widget_id})
    assert answer.status_code == 200 and "Hej forælder" in answer.text
