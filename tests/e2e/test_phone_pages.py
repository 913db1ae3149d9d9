"""Every page a parent opens on a 390 px phone fits the screen: nothing sticks out sideways."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

Login = Callable[..., None]
PARENT_PAGES = ("/overblik", "/beskeder", "/beskeder/ny", "/kalender", "/kalender/samtaler", "/kalender/blanketter",
                "/kalender/ferie", "/samtykker", "/profil", "/evaluering")
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
