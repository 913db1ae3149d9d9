"""Logging in through the dev IdP lands each role on its home; refusals are clear pages."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from tests.ui.conftest import login, logout

HOMES = [
    ("demo-foraelder", "/overblik", "Overblik"),
    ("demo-foraelder-klub", "/overblik", "Overblik"),
    ("demo-paedagog-bfo", "/personale", "Min institution"),
    ("demo-paedagog-vuggestue", "/personale", "Min institution"),
    ("demo-laerer", "/personale", "Min institution"),
    ("demo-leder", "/leder", "Administration af"),
    ("demo-projektgruppe", "/udrulning", "Udrulning"),
    ("demo-admin", "/kommune", "Kommunens institutioner"),
    ("demo-barn-klub", "/mig", "Emil Jørgensen"),
    ("demo-ppr", "/sager", "Børn du er inviteret til"),
]


@pytest.mark.parametrize(("subject", "home", "heading"), HOMES)
async def test_each_demo_role_lands_on_its_home(user: User, subject: str, home: str, heading: str) -> None:
    assert await login(user, subject) == "/"
    await user.open("/")
    assert user.back_history[-1] == "/"
    await user.should_see(heading)
    # the home the root redirects to is the role's own page
    response = await user.http_client.get("/")
    assert response.headers["location"] == home


async def test_parent_sees_both_children_with_institutions_and_groups(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_see("Solsikken")
    await user.should_see("Skovlyskolens BFO")
    await user.should_see("2.A")
    await user.should_see("Oscar Kristensen")
    await user.should_see("Freja Kristensen")


async def test_unknown_person_gets_a_danish_refusal_page(user: User) -> None:
    assert await login(user, "demo-ukendt") == "/afvist?reason=login.refused.unknown"
    await user.open("/afvist?reason=login.refused.unknown")
    await user.should_see("Login blev afvist")
    await user.should_see("Vi kender ikke dit login")


async def test_pages_need_a_login(user: User) -> None:
    response = await user.http_client.get("/overblik")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?reason=required")
    await user.open("/overblik")
    await user.should_see("Log ind for at fortsætte.")
    await user.should_see("Log ind med MitID / UNI-Login")


async def test_logout_ends_the_session(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    assert await logout(user) == "http://test/login?state=logged_out"
    await user.open("/login?state=logged_out")
    await user.should_see("Du er logget ud.")
    assert (await user.http_client.get("/overblik")).status_code == 303
