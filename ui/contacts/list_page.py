"""GET /kontaktliste/{group_id}: "Kontaktliste 2.A", for parents of the class and staff, printable as it stands."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local
from domain.contacts.lists import contact_list
from domain.contacts.model import ContactList, ListedGuardian
from domain.identity.model import Actor, Role
from ui.components import avatar, empty_state
from ui.frame import frame, load_or_refuse
from ui.guard import SIGNED_IN, page
from ui.i18n import t
from ui.presence.panel_extras import tel_href

PATH = "/kontaktliste/{group_id}"
# On paper: no top bar, menu, buttons or shadows; one child's block never splits across two pages.
PRINT_CSS = """
@media print {
  .q-header, .q-drawer, .q-footer, .no-print, [role="banner"] { display: none !important; }
  .q-page-container { padding: 0 !important; }
  .contact-child { break-inside: avoid; box-shadow: none !important; border: 1px solid #999; }
  a[href^="tel:"], a[href^="mailto:"] { color: #000 !important; text-decoration: none !important; }
}
"""


def list_path(group_id: int) -> str:
    """The contact list's address for a group."""
    return PATH.format(group_id=int(group_id))


def _guardian(g: ListedGuardian) -> None:
    with ui.row().classes("items-center no-wrap gap-3 w-full").mark(f"contact-guardian-{g.person_id}"):
        initials = "".join(part[:1] for part in g.name.split()[:2]).upper()
        avatar(initials, g.picture_url, size="40px", name=g.name)
        with ui.column().classes("gap-0 min-w-0"):
            ui.label(g.name).classes("text-weight-medium")
            href = tel_href(g.phone)
            if g.phone and href:
                ui.link(g.phone, href).classes("text-primary").props(
                    f'aria-label="{t("contacts.list.call", name=g.name)}: {g.phone}"').mark(
                    f"contact-phone-{g.person_id}")
            if g.email:
                ui.link(g.email, f"mailto:{g.email}").classes("text-primary").style("overflow-wrap: anywhere").props(
                    f'aria-label="{t("contacts.list.mail", name=g.name)}: {g.email}"').mark(
                    f"contact-email-{g.person_id}")


def render(actor: Actor, found: ContactList) -> None:
    """The list: per child its guardians, then a print button."""
    ui.add_css(PRINT_CSS)
    intro = "contacts.list.intro_staff" if found.for_staff else "contacts.list.intro_parent"
    ui.label(t(intro)).classes("text-grey-8")
    with ui.row().classes("gap-2 no-print"):
        ui.button(t("contacts.list.print"), icon="print").props("outline no-caps").on(
            "click", js_handler="() => window.print()").mark("contact-print")
        if actor.role is Role.PARENT:
            ui.link(t("contacts.list.my_share"), "/profil").classes("text-primary self-center").mark(
                "contact-my-share")
    if not found.children:
        empty_state("contacts", "contacts.list.empty")
        return
    with ui.element("div").classes("grid grid-cols-1 md:grid-cols-2 gap-3 w-full").mark("contact-list"):
        for child in found.children:
            with ui.card().classes("w-full gap-2 contact-child").mark(f"contact-child-{child.child_id}"):
                ui.label(child.name).classes("text-subtitle1 text-weight-medium").props('role="heading" aria-level="2"')
                if not child.guardians:
                    ui.label(t("contacts.list.no_guardian")).classes("text-grey-8")
                for guardian in child.guardians:
                    _guardian(guardian)


@page(PATH, *SIGNED_IN)
async def contact_list_page(actor: Actor, group_id: int) -> None:
    """The class contact list, after the access check in the domain."""
    found = await load_or_refuse(actor, t("contacts.list.link"), contact_list(actor, group_id, today_local()))
    if found is None:
        return
    name = f"{found.group_name} · {found.institution_name}" if found.institution_name else found.group_name
    with frame(actor, t("contacts.list.title", group=name)):
        render(actor, found)
