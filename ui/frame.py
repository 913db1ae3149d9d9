"""The shared chrome: header, navigation by role, role switch, language, logout; responsive."""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from nicegui import __version__, app, ui

from auth.session import idle_minutes, session_data, switch_role
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from ui.announce import live_region
from ui.components import icon_button, page_heading, skip_link
from ui.i18n import current_language, t
from ui.idle_warning import idle_logout
from ui.logout_form import SUBMIT_JS, login_notice, logout_form
from ui.navigation import HOME, MESSAGES, NAV
from ui.notification_bell import notification_bell
from ui.search_box import search_box
from ui.session_guard import follow_own_access
from ui.statement_link import footer as a11y_footer
from ui.theme import apply as theme_colours_and_css
from ui.unread import unread_badge

T = TypeVar("T")

ENGLISH_QUASAR = """<script>window.addEventListener('load',()=>{const s=document.createElement('script');
s.src='/_nicegui/%s/static/lang/en-US.umd.prod.js';s.onload=()=>Quasar.Lang.set(Quasar.Lang.enUS);
document.head.appendChild(s);});</script>"""


def theme() -> None:
    """Colours, base styles and the language of Quasar's own texts, shared by every page."""
    theme_colours_and_css()
    ui.query("body").classes("bg-grey-1")
    if current_language() == "en":
        # ui.run sets Quasar's Danish pack for everyone; an English session swaps in the English pack.
        ui.add_body_html(ENGLISH_QUASAR % __version__)


def toggle_language() -> None:
    """Switch between Danish and English and redraw the page."""
    app.storage.user["lang"] = "en" if current_language() == "da" else "da"
    ui.navigate.reload()


def _choose_role(role: Role) -> None:
    if switch_role(role):
        ui.navigate.to(HOME[role])


# From 1024 to 1439 px the header's links show their icons only (named, with the name as tooltip), so the app bar
# stays one row on a tablet; from 1440 px they carry their words too. In the first layer, so that !important outranks
# Quasar's own (.block is display: block !important). Icon-only links sit closer (44 px wide), so a leader's eleven,
# the notification bell, language and account still share one row at 1024 px.
NAV_CSS = """@layer theme {
@media (max-width: 1439.98px) { .sammen-nav .q-btn__content > .block { display: none !important; }
  .sammen-nav .q-btn { padding-left: 10px !important; padding-right: 10px !important; } }
@media (min-width: 1440px) { .sammen-nav-tip { display: none !important; } }
}"""


def _nav_links(actor: Actor, dense: bool) -> None:
    for key, path, icon in NAV[actor.role]:
        button = ui.button(t(key), icon=icon, on_click=lambda p=path: ui.navigate.to(p))
        button.props("flat no-caps" + (" align=left" if dense else " color=white"))
        if dense:
            button.classes("w-full")
        else:
            button.props(f'aria-label="{t(key)}"')
            with button:
                ui.tooltip(t(key)).classes("sammen-nav-tip")
        if path == MESSAGES[1]:
            unread_badge(actor, button)


def _user_menu(actor: Actor) -> None:
    with icon_button("account_circle", t("nav.account"), props="flat round color=white").mark("user-menu"):
        with ui.menu():
            ui.item(actor.name).props("dense role=none").classes("text-weight-bold")
            ui.item(t(f"role.{actor.role.value}")).props("dense role=none").classes("text-grey-7")
            ui.separator()
            if len(actor.roles) > 1:
                ui.item(t("nav.switch_role")).props("dense role=none").classes("text-caption text-grey-7")
                for role in sorted(actor.roles - {actor.role}, key=list(Role).index):
                    ui.menu_item(t(f"role.{role.value}"), on_click=lambda r=role: _choose_role(r)).props(
                        "role=menuitem").mark(f"role-{role.value}")
                ui.separator()
            ui.menu_item(t("nav.language"), on_click=toggle_language).props("role=menuitem")
            ui.menu_item(t("nav.logout"), auto_close=False).props("role=menuitem").on(
                "click", js_handler=f"() => {SUBMIT_JS}").mark("logout")


@contextmanager
def frame(actor: Actor, title: str) -> Iterator[None]:
    """Render the chrome for a signed-in actor and yield the content column."""
    theme()
    ui.page_title(f"{title} · Sammen")
    idle_logout(idle_minutes(session_data()))  # warns two minutes before, with "Bliv logget ind"
    live_region()  # announce() speaks through it: news a screen reader should hear where focus is
    logout_form()  # the idle timer and "Log ud" post it: logging out is never a link another site could use
    follow_own_access(actor)  # a deactivated person's open pages end at once, not at their next click
    drawer = ui.left_drawer(value=False).props("overlay bordered").classes("bg-white")
    with drawer, ui.element("nav").props(f'aria-label="{t("nav.menu")}"').classes("nicegui-column w-full"):
        _nav_links(actor, dense=True)
    with ui.header().classes("items-center justify-between px-2 py-1 bg-primary"):
        skip_link()  # the first stop for Tab, on every page
        with ui.row().classes("items-center no-wrap gap-1"):
            menu = ui.button(icon="menu", on_click=drawer.toggle).props(
                f'flat round color=white aria-label="{t("nav.menu")}"').classes("lt-md")
            if MESSAGES in NAV[actor.role]:
                # on a phone the drawer is closed: the menu button carries the count, also in its name
                unread_badge(actor, menu, (t("nav.menu"), t("nav.menu_unread")))
            ui.link(t("app.name"), HOME[actor.role]).classes("text-white text-h6 no-underline q-mr-md")
            with ui.element("nav").props(f'aria-label="{t("nav.main")}"').classes(
                    "gt-sm sammen-nav nicegui-row items-center no-wrap gap-0"):  # below 1024 px (200 % zoom): menu
                _nav_links(actor, dense=False)
            ui.add_css(NAV_CSS)
        with ui.row().classes("items-center no-wrap gap-1"):
            if len(actor.roles) > 1:
                ui.label(t(f"role.{actor.role.value}")).classes("text-white text-caption gt-xs").mark("active-role")
            search_box()  # people, messages, posts and events, on every signed-in page (/soeg)
            notification_bell(actor)  # every signed-in page, phone and tablet: the live count of unread notifications
            ui.button(current_language().upper() == "DA" and "EN" or "DA", on_click=toggle_language).props(
                "flat dense color=white").mark("language")
            _user_menu(actor)
    with ui.column().classes("w-full max-w-screen-xl mx-auto q-pa-sm sm:q-pa-md gap-4"):
        page_heading(title)
        login_notice()
        yield
    a11y_footer()  # every signed-in page links to the accessibility statement


async def load_or_refuse(actor: Actor, title: str, query: Awaitable[T]) -> T | None:
    """What a page reads, or None once the refusal is shown in the frame (the one way a page says it may not show)."""
    try:
        return await query
    except DomainError as error:
        with frame(actor, title):
            refusal(error.key)
        return None


def refusal(message_key: str) -> None:
    """The card shown in place of content the actor may not see."""
    with ui.card().classes("w-full bg-red-1").mark("refusal"):
        with ui.row().classes("items-center no-wrap"):
            ui.icon("block", color="negative", size="md")
            with ui.column().classes("gap-0"):
                ui.label(t("error.title")).classes("text-subtitle1 text-weight-bold")
                ui.label(t(message_key))
        ui.button(t("error.back"), on_click=lambda: ui.navigate.to("/")).props("flat no-caps")
