"""Every page is declared once with the roles that may open it; the guard sends everyone else away."""

from __future__ import annotations

from nicegui import Client
from nicegui.testing import User

from tests.ui.conftest import login
from ui.guard import PAGES

# The whole map of pages and who may open them: a page added without roles, or a role added to a page, shows here.
# "/kommune/..." pages open to every signed-in role still refuse inside (the access policy lives in the services).
EXPECTED = {
    "/afvist": "public",
    "/enhed/laas-op": "public",
    "/barn/{child_id}": "admin, child, leader, parent, ppr, project_team, staff",
    "/barn/{child_id}/stamkort": "admin, child, leader, parent, ppr, project_team, staff",
    "/beskeder": "admin, child, leader, parent, ppr, staff",
    "/beskeder/autosvar": "leader, staff",
    "/beskeder/ny": "admin, child, leader, parent, ppr, staff",
    "/beskeder/{thread_id}": "admin, child, leader, parent, ppr, staff",
    "/evaluering": "admin, child, leader, parent, ppr, project_team, staff",
    "/galleri": "leader, parent, staff",
    "/galleri/{album_id}": "leader, parent, staff",
    "/gruppe/{group_id}": "admin, child, leader, parent, ppr, project_team, staff",
    "/kalender": "admin, child, leader, parent, staff",
    "/kalender/blanketter": "leader, parent, staff",
    "/kalender/blanketter/ny": "leader, staff",
    "/kalender/blanketter/{form_id}": "leader, parent, staff",
    "/kalender/ferie": "leader, parent, staff",
    "/kalender/ferie/{request_id}": "leader, parent, staff",
    "/kalender/samtaler": "leader, parent, staff",
    "/kalender/samtaler/{round_id}": "leader, parent, staff",
    "/kommegaa": "leader, staff",
    "/kommegaa/dagsliste": "leader, staff",
    "/kommegaa/fravaer": "leader, staff",
    "/kommegaa/plan/{child_id}": "parent",
    "/kommegaa/statistik": "leader, staff",
    "/kommune": "admin, child, leader, parent, ppr, project_team, staff",
    "/kommune/grupper": "admin, child, leader, parent, ppr, project_team, staff",
    "/kommune/import": "admin, child, leader, parent, ppr, project_team, staff",
    "/kommune/indsigt": "admin, child, leader, parent, ppr, project_team, staff",
    "/kommune/krisebesked": "admin",
    "/kommune/krisebesked/{broadcast_id}": "admin",
    "/kommune/links": "admin",
    "/kommune/persondata": "admin, child, leader, parent, ppr, project_team, staff",
    "/kommune/revision": "admin, child, leader, parent, ppr, project_team, staff",
    "/kommune/samtykker": "admin",
    "/kommune/sletning": "admin, child, leader, parent, ppr, project_team, staff",
    "/kommune/widgets": "admin, child, leader, parent, ppr, project_team, staff",
    "/kommune/widgets/leverandoerer": "admin, child, leader, parent, ppr, project_team, staff",
    "/kontaktliste/{group_id}": "admin, child, leader, parent, ppr, project_team, staff",
    "/leder": "leader",
    "/leder/kommegaa": "admin, leader",
    "/login": "public",
    "/mangler-login": "admin, leader, project_team, staff",
    "/mig": "child",
    "/notifikationer": "admin, child, leader, parent, ppr, project_team, staff",
    "/notifikationer/{notification_id}": "admin, child, leader, parent, ppr, project_team, staff",
    "/opslag": "leader, staff",
    "/opslag/{post_id}": "child, leader, parent, staff",
    "/overblik": "parent",
    "/parathed": "leader, staff",
    "/personale": "leader, staff",
    "/planer": "leader, staff",
    "/profil": "admin, child, leader, parent, ppr, project_team, staff",
    "/sager": "ppr",
    "/soeg": "admin, child, leader, parent, ppr, project_team, staff",
    "/tilgaengelighed": "public",
    "/samtykker": "leader, parent, staff",
    "/samtykker/gruppe/{group_id}": "admin, leader, staff",
    "/udrulning": "admin, project_team",
    "/udrulning/evaluering": "admin, project_team",
    "/udrulning/evaluering/{survey_id}": "admin, project_team",
    "/udrulning/rapport": "admin, project_team",
    "/vaegskaerm": "public",
}


async def test_every_page_route_is_declared_with_its_roles(user: User) -> None:
    await user.open("/login")  # the app is built
    routes = set(Client.page_routes.values())
    assert routes - set(PAGES) == set(), "declare the page with @page(path, *roles) or @public_page(path)"
    assert {path: spec.label() for path, spec in PAGES.items()} == EXPECTED


async def test_a_stranger_is_sent_to_the_login_and_a_wrong_role_to_its_home(user: User) -> None:
    answer = await user.http_client.get("/kommegaa/plan/1", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?reason=required&next=/kommegaa/plan/1")
    await login(user, "demo-laerer")
    answer = await user.http_client.get("/kommegaa/plan/1", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/personale")


async def test_a_public_page_needs_no_login(user: User) -> None:
    await user.open("/login")
    await user.should_see(marker="login-button")
