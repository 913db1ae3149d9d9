"""Links to the class contact lists: on Overblik for all of a guardian's children, on a child's page for that child."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local
from domain.contacts.lists import family_groups
from domain.identity.model import Actor
from ui.contacts.list_page import list_path
from ui.i18n import t


async def contact_list_links(actor: Actor, child_id: int | None = None) -> None:
    """"Kontaktliste 2.A" per group of the guardian's children (or of one child); nothing for other roles."""
    groups = [g for g in await family_groups(actor, today_local()) if child_id is None or child_id in g.child_ids]
    if not groups:
        return
    with ui.row().classes("items-center gap-3").mark("contact-list-links"):
        ui.icon("contacts", color="primary").props('aria-hidden="true"')
        for group in groups:
            ui.link(t("contacts.list.link_group", group=group.name), list_path(group.group_id)).classes(
                "text-primary").mark(f"contact-list-{group.group_id}")
