"""Every page fits its device: a parent's on a 390 px phone, staff and admin pages on a 1024 px tablet."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

Login = Callable[..., None]
PARENT_PAGES = ("/overblik", "/beskeder", "/beskeder/ny", "/kalender", "/kalender/samtaler", "/kalender/blanketter",
                "/kalender/ferie", "/samtykker", "/profil", "/evaluering", "/galleri")
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.q-notifications, .nicegui-error-popup') && e.getBoundingClientRect().right > 391)
  .slice(0, 3).map(e => e.tagName + ' ' + (e.innerText || '').slice(0, 60))"""


def _overflow(page: Page) -> tuple[int, list[str]]:
    page.wait_for_load_state("networkidle")
    return page.evaluate("document.documentElement.scrollWidth"), page.evaluate(WIDE)


@pytest.mark.parametrize("path", PARENT_PAGES)
def test_a_parents_page_fits_a_phone(phone: Page, login: Login, base_url: str, path: str) -> None:
    login(phone, "demo-foraelder", "/overblik")
    phone.goto(f"{base_url}{path}")
    width, wide = _overflow(phone)
    assert width <= 390, (path, wide)
    if path == "/kalender":
        for view in ("Måned", "Uge", "Dag"):
            phone.get_by_role("button", name=view, exact=True).click()
            width, wide = _overflow(phone)
            assert width <= 390, (view, wide)


STAFF_PAGES = ("/personale", "/kommegaa", "/beskeder", "/kalender", "/opslag", "/kalender/samtaler",
               "/kalender/blanketter", "/kalender/ferie", "/beskeder/autosvar")
ADMIN_PAGES = ("/kommune", "/kommune/krisebesked", "/kommune/persondata", "/kommune/import", "/kommune/revision",
               "/kommune/indsigt", "/kommune/sletning", "/kommune/samtykker")


@pytest.mark.parametrize(("subject", "home", "path"), [("demo-laerer", "/personale", p) for p in STAFF_PAGES]
                         + [("demo-admin", "/kommune", p) for p in ADMIN_PAGES])
def test_a_staff_or_admin_page_fits_a_tablet(tablet: Page, login: Login, base_url: str, subject: str, home: str,
                                              path: str) -> None:
    login(tablet, subject, home)
    tablet.goto(f"{base_url}{path}")
    tablet.wait_for_load_state("networkidle")
    width = tablet.evaluate("document.documentElement.scrollWidth")
    assert width <= 1024, (path, tablet.evaluate(WIDE.replace("391", "1025")))
