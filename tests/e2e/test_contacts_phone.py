"""Contact details on a 390 px phone in Chromium: Mette types her number by keyboard and shares it; another parent of
2.A sees it on the class contact list with a link that calls her."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import DEFAULT_TIMEOUT_MS, PHONE, SammenServer

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]
FOCUSED = "() => (document.activeElement && document.activeElement.textContent) || ''"
# The dev identity provider offers only the named demo users, so another 2.A parent borrows Ali's subject for a while.
BORROWED = "demo-foraelder-klub"


def _other_parent_of_2a(db: Path) -> tuple[int, str]:
    """A guardian of another child in Oscar's 2.A, and their own login subject."""
    with closing(sqlite3.connect(db)) as con:
        (group_id,) = con.execute(
            'SELECT e.group_id FROM enrolment e JOIN "group" g ON g.id = e.group_id JOIN custody c ON c.child_id = '
            "e.child_id JOIN user_account a ON a.person_id = c.guardian_id JOIN person p ON p.id = e.child_id "
            "WHERE a.oidc_subject = 'demo-foraelder' AND p.first_name = 'Oscar' AND g.name = '2.A' AND e.end IS NULL"
        ).fetchone()
        row = con.execute(
            "SELECT a.person_id, a.oidc_subject FROM enrolment e JOIN custody c ON c.child_id = e.child_id "
            "JOIN user_account a ON a.person_id = c.guardian_id WHERE e.group_id = ? AND e.end IS NULL "
            "AND c.valid_to IS NULL AND a.oidc_subject NOT LIKE 'demo-%' AND c.child_id NOT IN (SELECT child_id "
            "FROM custody WHERE guardian_id = (SELECT person_id FROM user_account WHERE oidc_subject = "
            "'demo-foraelder')) ORDER BY a.person_id LIMIT 1", (group_id,)).fetchone()
    return int(row[0]), str(row[1])


@contextmanager
def borrowed_subject(db: Path, person_id: int, own: str) -> Iterator[None]:
    """The person logs in as BORROWED until the block ends; both accounts get their own subject back after."""
    with closing(sqlite3.connect(db, timeout=10)) as con:
        con.execute("UPDATE user_account SET oidc_subject = 'e2e-parked' WHERE oidc_subject = ?", (BORROWED,))
        con.execute("UPDATE user_account SET oidc_subject = ? WHERE person_id = ?", (BORROWED, person_id))
        con.commit()
    try:
        yield
    finally:
        with closing(sqlite3.connect(db, timeout=10)) as con:
            con.execute("UPDATE user_account SET oidc_subject = ? WHERE person_id = ?", (own, person_id))
            con.execute("UPDATE user_account SET oidc_subject = ? WHERE oidc_subject = 'e2e-parked'", (BORROWED,))
            con.commit()


def _tab_to(page: Page, text: str) -> None:
    """Press Tab until the focused element says `text` (at most 12 presses)."""
    for _ in range(12):
        page.keyboard.press("Tab")
        if text in page.evaluate(FOCUSED):
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_a_parent_shares_her_number_by_keyboard_and_another_parent_of_the_class_sees_it(
        phone: Page, browser: Browser, login: Login, screenshot: Screenshot, sammen_server: SammenServer,
        base_url: str) -> None:
    login(phone, "demo-foraelder", "/overblik")
    phone.goto(f"{base_url}/profil")
    number = phone.get_by_label("Telefonnummer")
    expect(number).to_be_visible()
    number.focus()
    phone.keyboard.press("Control+A")
    phone.keyboard.type("12 34 56 78")
    _tab_to(phone, "Mit telefonnummer")
    phone.keyboard.press(" ")
    expect(phone.get_by_role("checkbox", name="Mit telefonnummer")).to_have_attribute("aria-checked", "true")
    _tab_to(phone, "Gem kontaktoplysninger")
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Dine kontaktoplysninger er gemt.")).to_be_visible()
    expect(number).to_have_value("+45 12 34 56 78")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "profile-contact")

    db = sammen_server.log.parent / "sammen.sqlite3"
    other_id, own_subject = _other_parent_of_2a(db)
    context = browser.new_context(**PHONE)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        other = context.new_page()
        with borrowed_subject(db, other_id, own_subject):
            login(other, BORROWED, "/overblik")
        other.locator(".q-page").get_by_role("link", name="Kontaktliste 2.A").first.click()
        other.wait_for_url(f"{base_url}/kontaktliste/**")
        card = other.locator(".q-card").filter(has_text="Oscar Kristensen")
        expect(card).to_contain_text("Mette Kristensen")
        call = card.get_by_role("link", name="Ring til Mette Kristensen: +45 12 34 56 78")
        expect(call).to_have_attribute("href", "tel:+4512345678")
        assert other.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(other, "class-list")
    finally:
        context.close()
