"""Two Sammen processes on PostgreSQL and Redis: a check-in on a tablet on A reaches a phone on B, live."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.cluster_support import login, two_processes
from tests.e2e.conftest import PHONE, TABLET

CHILD = "Oscar Kristensen"


def _child_id(phone: Page) -> int:
    """Oscar's id, from his Overblik card's planning link."""
    phone.locator(".q-card").filter(has_text=CHILD).first.get_by_role("button", name="Planlæg").click()
    phone.wait_for_url(re.compile(r"/kommegaa/plan/\d+$"))
    found = re.search(r"/kommegaa/plan/(\d+)$", phone.url)
    assert found, phone.url
    return int(found.group(1))


def _tap_next_step(tablet: Page, tile_selector: str) -> str:
    """Check Oscar in if he is not here yet, else check him out; returns the status the board should then show."""
    tablet.locator(tile_selector).click()
    panel = tablet.locator(".q-dialog").last
    check_in = panel.get_by_role("button", name="Tjek ind", exact=True)
    check_out = panel.get_by_role("button", name=re.compile("Farmor|Mor|Far|Tjek ud"))
    expect(check_in.or_(check_out).first).to_be_visible()
    if check_in.count():
        check_in.click()
        return "Til stede"
    check_out.first.click()
    return "Gået hjem"


def test_a_check_in_on_process_a_reaches_the_parent_on_process_b_live(browser: Browser, tmp_path: Path) -> None:
    with two_processes(tmp_path) as (a, b):
        phone = browser.new_context(**PHONE).new_page()
        tablet = browser.new_context(**TABLET).new_page()
        try:
            login(phone, b.url, "demo-foraelder", "/overblik")
            child_id = _child_id(phone)
            phone.goto(f"{b.url}/overblik")
            card = phone.locator(".q-card").filter(has_text=CHILD).first
            chip = card.locator(".q-badge.text-body2")  # the status chip (other badges name the institution)
            expect(chip).to_be_visible()
            before = chip.inner_text()

            login(tablet, a.url, "demo-paedagog-bfo", "/personale")
            tablet.goto(f"{a.url}/kommegaa")
            tablet.get_by_placeholder("Søg på navn").fill("Oscar")  # found whatever his status (the default hides some)
            tile_selector = f'[data-child="{child_id}"]'
            expect(tablet.locator(tile_selector)).to_contain_text("Oscar")
            expected = _tap_next_step(tablet, tile_selector)
            assert not before.startswith(expected), f"Oscar was already '{before}'"
            expect(tablet.locator(tile_selector)).to_contain_text(expected)

            expect(chip).to_contain_text(expected)  # arrived on B's open page through Redis, without a reload
            assert phone.url == f"{b.url}/overblik"
        finally:
            phone.context.close()
            tablet.context.close()
