"""The axe table's page states: who looks on what device, where, and what is opened there (one list, STATES)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, TABLET

WALL: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}, "has_touch": True}
WALL_TOKEN = "1.demo-skovly-bfo-vaegskaerm"

Action = Callable[[Page], None]


@dataclass(frozen=True)
class Viewer:
    """Who looks, on what device: a demo subject (None: nobody logged in) and the browser context's options."""

    subject: str | None
    device: dict[str, Any]


VIEWERS: dict[str, Viewer] = {
    "foraelder": Viewer("demo-foraelder", PHONE),
    "barn": Viewer("demo-barn-klub", PHONE),
    "paedagog": Viewer("demo-paedagog-bfo", TABLET),
    "laerer": Viewer("demo-laerer", TABLET),
    "leder": Viewer("demo-leder", DESKTOP),
    "projektgruppe": Viewer("demo-projektgruppe", DESKTOP),
    "admin": Viewer("demo-admin", DESKTOP),
    "ppr": Viewer("demo-ppr", DESKTOP),
    "gaest-telefon": Viewer(None, PHONE),
    "gaest": Viewer(None, DESKTOP),
    "vaeg-ny": Viewer(None, WALL),
    "vaeg": Viewer(None, WALL),
}


# --- what to do on a page before axe looks ------------------------------------------------------------------------

def settled(page: Page) -> None:
    """Wait until the page stopped loading and no transition runs (a dialog sliding in has half its contrast)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def open_first(selector: str, address: str) -> Action:
    """Click the first element matching selector in the page's content and wait for the address it leads to."""

    def act(page: Page) -> None:
        page.locator(".q-page").locator(selector).first.click()
        page.wait_for_url(re.compile(address))

    return act


def to_stamkort(page: Page) -> None:
    """From Overblik to Oscar's page, then on to his stamkort."""
    open_first(".q-card:has-text('Oscar Kristensen')", r"/barn/\d+$")(page)
    open_first("a[href$='/stamkort']", r"/barn/\d+/stamkort$")(page)


def dialog_from(selector: str) -> Action:
    """Click the first element matching selector and wait for the dialog it opens."""

    def act(page: Page) -> None:
        page.locator(selector).first.click()
        expect(page.locator(".q-dialog").last).to_be_visible()

    return act


def button_dialog(name: str) -> Action:
    """Click the button with this name and wait for the dialog it opens."""

    def act(page: Page) -> None:
        page.get_by_role("button", name=name).first.click()
        expect(page.locator(".q-dialog").last).to_be_visible()

    return act


def click_button(name: str) -> Action:
    """Click the button with this name (a view switch) and wait until the page is still."""

    def act(page: Page) -> None:
        page.get_by_role("button", name=name, exact=True).first.click()

    return act


def event_dialog(page: Page) -> None:
    """Open the first event's dialog, in the agenda when the remembered view (a month) lists none.

    A family's reported absence ("Oscar: syg") opens the plan page instead, so it is passed over.
    """
    events = '[data-cal-item]:not([data-cal-item^="absence-"])'
    if not page.locator(events).count():
        page.get_by_role("button", name="Agenda", exact=True).first.click()
        expect(page.locator(events).first).to_be_visible()
        settled(page)
    dialog_from(events)(page)


def user_menu(page: Page) -> None:
    """Open the header's user menu."""
    page.locator("header button").filter(has=page.locator("i", has_text=re.compile("^account_circle$"))).click()
    expect(page.locator(".q-menu").last).to_be_visible()


def dev_idp(page: Page) -> None:
    """From the login page on to the development identity provider's page."""
    page.get_by_role("button", name=re.compile("Log ind")).first.click()
    page.wait_for_url(re.compile(r"/dev-idp/authorize"))


@dataclass(frozen=True)
class State:
    """One page state: who, where, in which language, and what is opened on the page first."""

    who: str
    path: str
    lang: str = "da"
    action: Action | None = None
    label: str = ""

    @property
    def name(self) -> str:
        """A readable test id: who-path[-label][-en]."""
        path = self.path.split("?")[0].strip("/").replace("/", "_") or "root"
        return "-".join(p for p in (self.who, path, self.label, "" if self.lang == "da" else self.lang) if p)


STATES: list[State] = [
    # Parents and the child: phone, 390x844.
    State("foraelder", "/overblik"),
    State("foraelder", "/overblik", "en"),
    State("foraelder", "/overblik", action=open_first(".q-card:has-text('Oscar Kristensen')", r"/barn/\d+$"),
          label="barn"),
    State("foraelder", "/overblik", action=to_stamkort, label="stamkort"),
    State("foraelder", "/overblik", action=open_first("button:has-text('Planlæg')", r"/kommegaa/plan/\d+$"),
          label="kommegaa-plan"),
    State("foraelder", "/overblik", action=user_menu, label="brugermenu"),
    State("foraelder", "/overblik", action=button_dialog("Syg i dag"), label="syg-i-dag"),
    State("foraelder", "/overblik", action=open_first("a[href^='/kontaktliste/']", r"/kontaktliste/\d+$"),
          label="kontaktliste"),
    State("foraelder", "/beskeder"),
    State("foraelder", "/beskeder", action=open_first("[data-thread]", r"/beskeder/\d+$"), label="traad"),
    State("foraelder", "/beskeder/ny"),
    State("foraelder", "/soeg?q=2.A"),
    State("foraelder", "/soeg?q=mødetid", action=open_first("a[href^='/opslag/']", r"/opslag/\d+$"), label="opslag"),
    State("foraelder", "/beskeder/ny", "en"),
    State("foraelder", "/kalender"),
    State("foraelder", "/kalender", action=event_dialog, label="begivenhed"),
    State("foraelder", "/kalender", action=click_button("Måned"), label="maaned"),
    State("foraelder", "/kalender", "en", action=event_dialog, label="begivenhed"),
    State("foraelder", "/kalender/samtaler"),
    State("foraelder", "/kalender/blanketter"),
    State("foraelder", "/kalender/ferie"),
    State("foraelder", "/samtykker"),
    State("foraelder", "/evaluering"),
    State("foraelder", "/profil"),
    State("foraelder", "/galleri"),
    State("foraelder", "/notifikationer"),
    State("barn", "/mig"),
    State("barn", "/beskeder"),
    State("barn", "/beskeder/ny"),
    State("barn", "/kalender"),
    State("barn", "/profil"),
    # Staff: tablet, 1024x768.
    State("paedagog", "/personale"),
    State("paedagog", "/personale", "en"),
    State("paedagog", "/kommegaa"),
    State("paedagog", "/kommegaa", action=dialog_from("[data-child]:visible"), label="barnedialog"),
    State("paedagog", "/kommegaa", "en", action=dialog_from("[data-child]:visible"), label="barnedialog"),
    State("paedagog", "/kommegaa/dagsliste"),
    State("paedagog", "/kommegaa/statistik"),
    State("paedagog", "/kommegaa/fravaer"),
    State("paedagog", "/personale", action=open_first(".cursor-pointer", r"/gruppe/\d+$"), label="gruppe"),
    State("laerer", "/personale"),
    State("laerer", "/beskeder"),
    State("laerer", "/beskeder", action=open_first("[data-thread]", r"/beskeder/\d+$"), label="traad"),
    State("laerer", "/beskeder/ny"),
    State("laerer", "/beskeder/autosvar"),
    State("laerer", "/kalender"),
    State("laerer", "/kalender", action=button_dialog("Ny begivenhed"), label="ny-begivenhed"),
    State("laerer", "/kalender", action=event_dialog, label="begivenhed"),
    State("laerer", "/opslag"),
    State("laerer", "/galleri", action=button_dialog("Nyt album"), label="nyt-album"),
    State("laerer", "/kalender/samtaler"),
    State("laerer", "/kalender/samtaler", action=open_first("[data-round]", r"/kalender/samtaler/\d+$"),
          label="runde"),
    State("laerer", "/kalender/blanketter"),
    State("laerer", "/kalender/blanketter/ny"),
    State("laerer", "/kalender/blanketter", action=open_first(".cursor-pointer", r"/kalender/blanketter/\d+$"),
          label="blanket"),
    State("laerer", "/kalender/ferie"),
    State("laerer", "/samtykker"),
    State("laerer", "/samtykker", action=open_first("a[href^='/samtykker/gruppe/']", r"/samtykker/gruppe/\d+$"),
          label="gruppe"),
    State("laerer", "/planer"),
    State("laerer", "/evaluering"),
    State("laerer", "/profil"),
    State("laerer", "/notifikationer"),
    # Leaders, the project team, the admin and PPR: 1440x900.
    State("leder", "/leder"),
    State("leder", "/leder", "en"),
    State("leder", "/leder/kommegaa"),
    State("leder", "/kommegaa"),
    State("leder", "/opslag"),
    State("projektgruppe", "/udrulning"),
    State("projektgruppe", "/udrulning/rapport"),
    State("projektgruppe", "/udrulning/evaluering"),
    State("projektgruppe", "/udrulning/evaluering",
          action=open_first("button:has-text('bar_chart')", r"/udrulning/evaluering/\d+$"), label="resultater"),
    State("admin", "/kommune"),
    State("admin", "/kommune", "en"),
    State("admin", "/kommune/krisebesked"),
    State("admin", "/kommune/krisebesked", action=open_first("[data-broadcast] a", r"/kommune/krisebesked/\d+$"),
          label="besked"),
    State("admin", "/kommune/persondata"),
    State("admin", "/kommune/import"),
    State("admin", "/kommune/grupper", action=button_dialog("Opret gruppe"), label="dialog"),
    State("admin", "/kommune/revision"),
    State("admin", "/kommune/indsigt"),
    State("admin", "/kommune/sletning"),
    State("admin", "/kommune/samtykker"),
    State("admin", "/kommune/widgets"),
    State("admin", "/kommune/links"),
    State("admin", "/kommune/widgets/leverandoerer"),
    State("ppr", "/sager"),
    State("ppr", "/beskeder"),
    # Nobody logged in: login, the development identity provider, errors, statements; the wall screen.
    State("gaest-telefon", "/login"),
    State("gaest", "/login"),
    State("gaest", "/login", action=dev_idp, label="dev-idp"),
    State("gaest", "/findes-ikke"),
    State("gaest", "/tilgaengelighed"),
    State("gaest-telefon", "/tilgaengelighed"),
    State("gaest", "/krise"),
    State("vaeg-ny", "/vaegskaerm"),
    State("vaeg", f"/vaegskaerm?token={WALL_TOKEN}"),
    State("vaeg", f"/vaegskaerm?token={WALL_TOKEN}", action=dialog_from("[data-child]"), label="barnedialog"),
]
