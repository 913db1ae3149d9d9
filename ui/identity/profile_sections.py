"""The profile page's parts: a headed section with an anchor, the section navigation, consents and stamkort lines."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from nicegui import Client, context, ui

from domain.clock import today_local, utcnow
from domain.gdpr import consents
from domain.identity.model import Actor
from domain.organisation import children
from ui.components import section_heading
from ui.i18n import t

# (anchor, title key) in the order the page shows them; the anchors are also the links from Overblik.
SECTIONS = (("kontakt", "profile.section.contact"), ("notifikationer", "profile.section.notify"),
            ("samtykker", "profile.section.consents"), ("stamkort", "profile.section.stamkort"),
            ("widgets", "profile.section.widgets"), ("data", "profile.section.export"))

# The fixed header would cover a heading scrolled to the very top; focus goes to the section so Tab goes on from it.
JUMP_JS = ("(e) => { const id = e.currentTarget.getAttribute('href').slice(1); const s = document.getElementById(id);"
           " if (!s) return; e.preventDefault(); history.replaceState(null, '', '#' + id);"
           " s.scrollIntoView({block: 'start'}); s.focus({preventScroll: true}); }")

# A link from Overblik (/profil#stamkort) arrives before the sections exist; once they do, go to the one it names.
ARRIVE_JS = ("const s = location.hash.length > 1 && document.getElementById(location.hash.slice(1));"
             " if (s && s.tagName === 'SECTION') {"
             " s.scrollIntoView({block: 'start'}); s.focus({preventScroll: true}); }")


@contextmanager
def section(anchor: str, title_key: str) -> Iterator[None]:
    """A <section> landmark named by its h2, reachable as /profil#anchor."""
    box = ui.element("section").classes("w-full column gap-3 no-wrap").style("scroll-margin-top: 72px").mark(
        f"section-{anchor}")
    box.props["id"] = anchor
    box.props["tabindex"] = "-1"
    box.props["aria-labelledby"] = f"{anchor}-heading"
    with box:
        heading = section_heading(t(title_key))
        heading.props["id"] = f"{anchor}-heading"
        yield


def arrive_once(client: Client) -> None:
    """Go to the section the address names when the page first connects (not at a reconnect, not before)."""
    # Not ui.timer: awaiting the connection would send the page before the rest of it is built.
    pending = [True]

    def arrive() -> None:
        if pending:
            pending.clear()
            client.run_javascript(ARRIVE_JS)

    client.on_connect(arrive)


def section_nav(anchors: list[str]) -> None:
    """Links to each section at the top, wrapping as chips on a phone so nobody scrolls through everything."""
    arrive_once(context.client)
    titles = dict(SECTIONS)
    nav = ui.element("nav").classes("w-full").mark("profile-nav")
    nav.props["aria-label"] = t("profile.nav")
    with nav, ui.element("ul").classes("row gap-2 q-pl-none q-my-none").style("list-style: none"):
        for anchor in anchors:
            with ui.element("li"):
                ui.link(t(titles[anchor]), f"#{anchor}").classes(
                    "q-px-sm q-py-xs rounded-borders text-primary text-body2").style(
                    "border: 1px solid currentColor; display: inline-block; min-height: 32px").on(
                    "click", js_handler=JUMP_JS).mark(f"nav-{anchor}")


async def consents_summary(actor: Actor) -> None:
    """Per child how many consents are given, and the way to /samtykker."""
    family = await consents.family_consents(actor, utcnow())
    if not family:
        ui.label(t("profile.consents.none")).classes("text-grey-8")
    with ui.element("ul").classes("q-pl-md q-my-none").mark("consents-summary"):
        for child in family:
            with ui.element("li"):
                ui.label(t("profile.consents.summary", child=child.first_name, given=len(child.given),
                           total=len(child.types)))
    ui.link(t("profile.consents.open"), "/samtykker").classes("text-primary").mark("to-samtykker")


async def stamkort_lines(actor: Actor) -> None:
    """One line per child with a link to the child's stamkort."""
    cards = await children.children_of_guardian(actor, today_local())
    if not cards:
        ui.label(t("profile.stamkort.none")).classes("text-grey-8")
        return
    with ui.element("ul").classes("q-pl-md q-my-none").mark("stamkort-lines"):
        for card in cards:
            with ui.element("li"):
                ui.link(t("profile.stamkort.line", child=f"{card.first_name} {card.last_name}"),
                        f"/barn/{card.id}/stamkort").classes("text-primary").mark(f"stamkort-{card.id}")
