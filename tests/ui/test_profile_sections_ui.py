"""The profile page in sections: a navigation, h2 headings in a fixed order, one line per widget with details on tap."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.model import Role
from domain.identity.service import current_actor
from domain.widgets import service
from domain.widgets.demo import DEMO_NAME, ensure_demo_widget
from domain.widgets.tokens import do_issue_token
from persistence.people import Person
from tests.ui.conftest import login

PUBLIC_URL = "http://localhost:8080"
GUARDIAN_SECTIONS = ["kontakt", "notifikationer", "samtykker", "stamkort", "widgets", "data"]
HEADINGS = ["Kontaktoplysninger", "Notifikationer og enheder", "Samtykker", "Stamkort", "Data delt med widgets",
            "Hent mine data"]


def _all(user: User) -> list[ui.element]:
    assert user.client is not None
    return list(user.client.layout.descendants())


def _in_order(user: User, tag: str) -> list[ui.element]:
    return [e for e in _all(user) if e.tag == tag]


async def test_a_guardians_profile_has_its_sections_in_order_each_under_an_h2_and_linked_from_the_top(
        user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/profil")
    await user.should_see(marker="profile-nav")
    sections = _in_order(user, "section")
    assert [s.props["id"] for s in sections] == GUARDIAN_SECTIONS
    for section, heading in zip(sections, HEADINGS, strict=True):
        (h2,) = [e for e in section.descendants() if e.tag == "h2" and getattr(e, "text", "") == heading]
        assert section.props["aria-labelledby"] == h2.props["id"]
    (nav,) = user.find(marker="profile-nav").elements
    links = [e for e in nav.descendants() if isinstance(e, ui.link)]
    assert [link.props["href"] for link in links] == [f"#{s}" for s in GUARDIAN_SECTIONS]
    assert [link.text for link in links] == HEADINGS
    with user.scope(marker="section-kontakt"):
        await user.should_see(marker="contact-card")
    with user.scope(marker="section-notifikationer"):
        for marker in ("notify-section", "push-card"):
            await user.should_see(marker=marker)
    with user.scope(marker="section-samtykker"):
        await user.should_see(marker="to-samtykker")
        await user.should_see("Oscar")
    children = await Person.filter(first_name__in=["Oscar"], is_child=True).values_list("id", flat=True)
    with user.scope(marker="section-stamkort"):
        for child_id in children:
            (link,) = user.find(marker=f"stamkort-{child_id}").elements
            assert link.props["href"] == f"/barn/{child_id}/stamkort"
    with user.scope(marker="section-data"):
        await user.should_see(marker="export-mine")


async def test_staff_see_no_consents_or_stamkort_section(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/profil")
    await user.should_see(marker="profile-nav")
    assert [s.props["id"] for s in _in_order(user, "section")] == ["kontakt", "notifikationer", "widgets", "data"]
    await user.should_see("Dine kontaktoplysninger vedligeholdes af kommunen.")


async def test_many_tokens_for_one_widget_are_one_line_with_the_details_one_tap_away(user: User) -> None:
    await login(user, "demo-foraelder")
    widget_id = await ensure_demo_widget(PUBLIC_URL)
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    actor = await current_actor(mette.id, Role.PARENT.value, "2", now=utcnow())
    for _ in range(26):
        await do_issue_token(actor, widget_id, await service.context_for(actor, today_local()), utcnow(),
                             issuer=PUBLIC_URL)
    await user.open("/profil")
    with user.scope(marker="shared-table"):
        await user.should_see(DEMO_NAME)
        await user.should_see("Hvilke data: din rolle, institutionsnumre, pseudonyme børne-id'er (1)")
    lines = [e for e in _all(user) if any(m.startswith("widget-share-") for m in e._markers)]
    assert len(lines) == 1  # 26 tokens, one widget: one line
    (details,) = user.find(marker="widget-details-0").elements
    assert isinstance(details, ui.expansion) and not details.value
    assert details.props["label"] == f"Detaljer om {DEMO_NAME}"
    details.value = True  # the user fixture cannot tap an expansion; tests/e2e/test_profile_phone.py taps it
    with user.scope(marker="widget-details-0"):
        await user.should_see("26 gange, senest", retries=3)
