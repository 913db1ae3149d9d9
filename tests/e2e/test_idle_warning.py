"""The idle logout warns first (WCAG 2.2.1): two minutes before, with "Bliv logget ind", which keeps the session.

The page's timers run on Playwright's fake clock (page.clock), so 28 idle minutes pass in an instant; the server's
limit is the default 30 minutes and its clock is real, so "Bliv logget ind" is checked by the ping it sends.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

Login = Callable[..., None]
WARNING = "Du bliver logget ud om 2 minutter"
LOGIN_PAGE = re.compile(r"/login(\?|$)")


def test_the_warning_comes_two_minutes_before_and_bliv_logget_ind_keeps_the_session(
        tablet: Page, login: Login, base_url: str) -> None:
    tablet.clock.install()
    login(tablet, "demo-laerer", "/personale")
    dialog = tablet.get_by_role("alertdialog", name=WARNING)
    expect(dialog).to_be_hidden()
    tablet.get_by_role("button", name="Din profil og log ud").focus()  # focus is somewhere on the page

    tablet.clock.fast_forward("27:50")
    expect(dialog).to_be_hidden()  # not before the two minutes
    tablet.clock.fast_forward("00:15")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Tryk på «Bliv logget ind» for at fortsætte.")
    stay = dialog.get_by_role("button", name="Bliv logget ind")
    expect(stay).to_be_focused()  # focus moves to the button; the alertdialog's name and text are read

    with tablet.expect_response(lambda r: r.url.endswith("/auth/ping")) as pinged:
        tablet.keyboard.press("Enter")
    assert pinged.value.status == 200  # the server's idle time starts again
    expect(dialog).to_be_hidden()
    expect(tablet.get_by_role("button", name="Din profil og log ud")).to_be_focused()  # focus is given back

    tablet.clock.fast_forward("05:00")  # past the first limit: still here, no warning yet
    expect(dialog).to_be_hidden()
    assert not LOGIN_PAGE.search(tablet.url)
    tablet.clock.fast_forward("23:10")  # 28 minutes after "Bliv logget ind" the warning comes again
    expect(dialog).to_be_visible()


def test_without_an_answer_the_warning_ends_in_the_logout(tablet: Page, login: Login) -> None:
    tablet.clock.install()
    login(tablet, "demo-laerer", "/personale")
    dialog = tablet.get_by_role("alertdialog", name=WARNING)
    tablet.clock.fast_forward("28:05")
    expect(dialog).to_be_visible()
    tablet.keyboard.press("Tab")  # moving about inside the warning is not an answer to it
    tablet.clock.fast_forward("02:00")
    tablet.wait_for_url(LOGIN_PAGE)


def test_escape_also_keeps_the_session(tablet: Page, login: Login) -> None:
    tablet.clock.install()
    login(tablet, "demo-laerer", "/personale")
    dialog = tablet.get_by_role("alertdialog", name=WARNING)
    tablet.clock.fast_forward("28:05")
    expect(dialog).to_be_visible()
    with tablet.expect_response(lambda r: r.url.endswith("/auth/ping")) as pinged:
        tablet.keyboard.press("Escape")
    assert pinged.value.status == 200
    expect(dialog).to_be_hidden()
    tablet.clock.fast_forward("05:00")
    assert not LOGIN_PAGE.search(tablet.url)
