"""The accessibility statement is open to anyone, in Danish and English, and every page links to it."""

from __future__ import annotations

from datetime import date

import pytest
from nicegui.testing import User

from domain.accessibility import model
from tests.ui.conftest import login

SAMPLE = model.KnownProblem("color-contrast", "1.4.3", "/personale", "Mærket »går selv« har for lav kontrast.",
                            "The \"walks home alone\" badge has too little contrast.", date(2027, 2, 1))


async def test_anyone_can_read_the_statement_without_logging_in(user: User) -> None:
    await user.open("/tilgaengelighed")
    await user.should_see("Tilgængelighedserklæring")
    await user.should_see("Overholdelsesstatus")
    await user.should_see("Ikke-tilgængeligt indhold")
    await user.should_see("Udarbejdelse af denne tilgængelighedserklæring")
    await user.should_see("Feedback og kontaktoplysninger")
    await user.should_see("Håndhævelsesprocedure")
    await user.should_see("tilgaengelighed@sammenby.dk")
    await user.should_see("Klag til Digitaliseringsstyrelsen")
    await user.should_see(f"{model.AXE_PAGE_STATES} sidetilstande")


async def test_the_statement_lists_every_known_problem_with_its_fix_date(user: User) -> None:
    await user.open("/tilgaengelighed")
    if not model.KNOWN_PROBLEMS:
        await user.should_see("Fuldt overholdt")
        await user.should_see("Vi kender ikke til indhold, der ikke er tilgængeligt")
    for problem in model.KNOWN_PROBLEMS:
        await user.should_see(problem.what_da)
        await user.should_see(f"WCAG {problem.criterion} ({problem.rule})" if problem.rule
                              else f"WCAG {problem.criterion}")


async def test_a_known_problem_makes_the_statement_say_partially_compliant_and_when_it_is_fixed(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "KNOWN_PROBLEMS", (SAMPLE,))
    await user.open("/tilgaengelighed")
    await user.should_see("Delvist overholdt")
    await user.should_see("Mærket »går selv« har for lav kontrast.")
    await user.should_see("WCAG 1.4.3 (color-contrast)")
    await user.should_see("1. februar 2027")
    await user.should_not_see("Vi kender ikke til indhold")


async def test_the_statement_reads_in_english_after_the_language_toggle(user: User) -> None:
    await user.open("/tilgaengelighed")
    user.find(marker="language").click()
    await user.should_see("Accessibility statement")
    await user.should_see("Compliance status")
    await user.should_see("Enforcement procedure")


@pytest.fixture
def aarhus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings of another municipality, set before main.py reads them (the user fixture runs it)."""
    monkeypatch.setenv("ACCESSIBILITY_CONTACT", "web@aarhus.dk")
    monkeypatch.setenv("ACCESSIBILITY_AUTHORITY", "Aarhus Kommune")


async def test_the_contact_address_and_authority_come_from_the_settings(aarhus: None, user: User) -> None:
    await user.open("/tilgaengelighed")
    await user.should_see("web@aarhus.dk")
    await user.should_see("Aarhus Kommune forpligter sig")


async def test_the_login_page_links_to_the_statement(user: User) -> None:
    await user.open("/login")
    link = user.find(marker="a11y-link").elements.pop()
    assert link.props["href"] == "/tilgaengelighed"


@pytest.mark.parametrize(("subject", "home"), [("demo-foraelder", "/overblik"), ("demo-laerer", "/personale"),
                                               ("demo-admin", "/kommune")])
async def test_every_signed_in_page_has_the_statement_in_its_footer(user: User, subject: str, home: str) -> None:
    await login(user, subject)
    await user.open(home)
    link = user.find(marker="a11y-link").elements.pop()
    assert link.props["href"] == "/tilgaengelighed"


async def test_the_wall_screens_pairing_page_links_to_the_statement(user: User) -> None:
    await user.open("/vaegskaerm")
    await user.should_see(marker="pairing-code")
    assert user.find(marker="a11y-link").elements.pop().props["href"] == "/tilgaengelighed"
