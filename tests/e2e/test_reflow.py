"""Reflow (WCAG 1.4.10): at 320 CSS px, and at 200 % zoom of a 1280 px window (640 CSS px), nothing scrolls sideways.

A table or matrix may scroll inside itself (the readiness matrix does); the page as a whole may not. Each role's pages
are opened in one logged-in context per width, so a page costs one load, not one login.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import DEFAULT_TIMEOUT_MS, LOGIN_BUTTON, SammenServer

# 320 px is WCAG's reflow width; 640 px is what a 1280 px window shows at 200 % zoom (device_scale_factor aside).
WIDTHS = {"320": {"width": 320, "height": 720}, "zoom200": {"width": 640, "height": 400}}
HOMES = {"public": None, "demo-foraelder": "/overblik", "demo-paedagog-bfo": "/personale", "demo-leder": "/leder",
         "demo-projektgruppe": "/udrulning", "demo-admin": "/kommune", "demo-barn-klub": "/mig"}
PAGES: dict[str, tuple[str, ...]] = {
    "public": ("/login", "/tilgaengelighed"),
    "demo-foraelder": ("/overblik", "/beskeder", "/beskeder/ny", "/kalender", "/kalender/ferie", "/kalender/samtaler",
                       "/kalender/blanketter", "/samtykker", "/profil", "/evaluering"),
    "demo-paedagog-bfo": ("/personale", "/kommegaa", "/kommegaa/statistik", "/kommegaa/dagsliste", "/beskeder",
                          "/kalender", "/opslag", "/kalender/ferie", "/beskeder/autosvar"),
    "demo-leder": ("/leder", "/planer", "/leder/kommegaa"),
    "demo-projektgruppe": ("/udrulning", "/udrulning/evaluering"),
    "demo-admin": ("/kommune", "/kommune/krisebesked", "/kommune/persondata", "/kommune/import", "/kommune/revision",
                   "/kommune/widgets", "/kommune/samtykker", "/kommune/sletning"),
    "demo-barn-klub": ("/mig", "/beskeder"),
}
# Elements sticking out past the viewport that no scrolling box of their own contains: what makes the page scroll.
WIDE = """(w) => [...document.querySelectorAll('body *')].filter(e => {
  if (e.closest('.q-notifications, .nicegui-error-popup')) return false;
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.right <= w + 1) return false;
  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return false;
  }
  return true;
}).slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].slice(0, 3).join('.') + ' '
  + JSON.stringify((e.innerText || '').slice(0, 50)) + ' right=' + Math.round(e.getBoundingClientRect().right))"""


@pytest.fixture(scope="module")
def role_page(browser: Browser, sammen_server: SammenServer) -> Iterator[Callable[[str, str], Page]]:
    """A page per (role, width), logged in once."""
    opened: dict[tuple[str, str], tuple[BrowserContext, Page]] = {}

    def get(who: str, width: str) -> Page:
        if (who, width) not in opened:
            context = browser.new_context(viewport=WIDTHS[width])  # type: ignore[arg-type]
            context.set_default_timeout(DEFAULT_TIMEOUT_MS)
            page = context.new_page()
            opened[(who, width)] = (context, page)
            home = HOMES[who]
            if home is not None:
                page.goto(f"{sammen_server.url}/login")
                page.get_by_role("button", name=LOGIN_BUTTON).click()
                page.wait_for_url(re.compile(r"/dev-idp/authorize"))
                page.locator(f'button[name="subject"][value="{who}"]').click()
                page.wait_for_url(f"{sammen_server.url}{home}")
                expect(page.locator("header")).to_be_visible()
        return opened[(who, width)][1]

    try:
        yield get
    finally:
        for context, _ in opened.values():
            context.close()


def sideways(page: Page, width: int) -> tuple[int, list[str]]:
    """How wide the document is, and what sticks out."""
    page.wait_for_load_state("networkidle")
    return page.evaluate("document.documentElement.scrollWidth"), page.evaluate(WIDE, width)


CASES = [(who, path, width) for who, paths in PAGES.items() for path in paths for width in WIDTHS]


@pytest.mark.parametrize(("who", "path", "width"), CASES, ids=[f"{w}{p}-{z}" for w, p, z in CASES])
def test_nothing_needs_sideways_scrolling(role_page: Callable[[str, str], Page], sammen_server: SammenServer,
                                          who: str, path: str, width: str) -> None:
    sammen_server.check_alive()
    page = role_page(who, width)
    page.goto(f"{sammen_server.url}{path}")
    expect(page.locator("body")).to_be_visible()
    scroll_width, wide = sideways(page, WIDTHS[width]["width"])
    assert scroll_width <= WIDTHS[width]["width"] and not wide, (path, width, scroll_width, wide)
