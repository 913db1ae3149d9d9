"""Survey results by group at 1440 px in Chromium: filters, split, free-text search and the CSV download."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]

SURVEY = "Evaluering af Sammen i dagtilbud"


def _choose(page: Page, select: Locator, option: str) -> None:
    """Open a Quasar select and click one of its options."""
    select.click()
    page.locator(".q-menu").get_by_text(option, exact=True).click()
    page.keyboard.press("Escape")


def test_project_team_filters_the_results_and_downloads_them_as_csv(desktop: Page, login: Login, base_url: str,
                                                                    screenshot: Screenshot) -> None:
    login(desktop, "demo-projektgruppe", "/udrulning")
    desktop.goto(f"{base_url}/udrulning/evaluering")
    main = desktop.locator(".q-page")
    main.locator(".q-card", has_text=SURVEY).get_by_role("button", name="Resultater").click()
    desktop.wait_for_url(re.compile(rf"^{re.escape(base_url)}/udrulning/evaluering/\d+$"))
    section = main.locator(".q-card", has_text="Resultater pr. gruppe")
    expect(section).to_be_visible()
    first_table = section.locator(".q-table").first
    expect(first_table).to_contain_text("I alt")
    expect(first_table).to_contain_text("Solsikken")
    screenshot(desktop, "by-institution")

    _choose(desktop, section.get_by_label("Del op efter"), "Pr. område")
    expect(first_table).to_contain_text("Dagtilbud")
    expect(first_table).not_to_contain_text("Solsikken")
    _choose(desktop, section.get_by_label("Institution", exact=True), "Solsikken")
    expect(first_table.locator("tbody tr")).to_have_count(2)  # the total and Dagtilbud, both Solsikken's
    search = section.get_by_label("Søg i fritekstsvar")
    search.fill("zzz-intet-svar-indeholder-dette")
    expect(section).to_contain_text("Ingen fritekstsvar passer til søgningen.")
    search.fill("")
    screenshot(desktop, "filtered")

    with desktop.expect_download() as info:
        section.get_by_role("button", name="Hent som CSV (Excel)").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert header[:5] == ["Nr.", "Spørgsmål", "Type", "Gruppe", "Antal svar"]
    assert {row[3] for row in rows if row[0] == "1"} == {"I alt", "Dagtilbud"}
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4}", row[-1]) for row in rows)
    assert any("," in row[5] for row in rows if row[5])  # decimal comma
    width = desktop.evaluate("document.documentElement.scrollWidth")
    assert width <= 1440
