"""Staff home: their institutions and groups; a group's list of children."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from domain import access
from domain.clock import today_local
from domain.crossgroups import service as crossgroups
from domain.identity.model import Actor, Role
from domain.organisation import service
from domain.organisation.model import GroupView
from domain.settings import Settings
from ui.components import avatar, empty_state, kind_badge, section_heading
from ui.contacts.list_page import list_path
from ui.crossgroups.facts import cross_facts
from ui.frame import frame, load_or_refuse
from ui.guard import SIGNED_IN, page
from ui.i18n import fmt_date, t, tn
from ui.posts.feed import post_feed
from ui.widgets.area import WidgetArea


def group_chip(group: GroupView, mine: bool) -> None:
    """A clickable group with its head count."""
    with ui.card().classes("cursor-pointer q-pa-sm" + (" bg-blue-1" if mine else "")).mark(
            f"group-{group.id}").on("click", lambda: ui.navigate.to(f"/gruppe/{group.id}")):
        # The name is the link, so a keyboard reaches the group too (the card's click is for the mouse).
        ui.link(group.name, f"/gruppe/{group.id}").classes("text-primary text-weight-medium")
        ui.label(tn("staff.children", group.member_count)).classes("text-caption text-grey-8")


def cross_group_chip(group: GroupView, today: date) -> None:
    """A cross-institution group, greyed out once it has closed by itself."""
    is_open = service.group_is_open(group.expires_on, today)
    with ui.card().classes("q-pa-sm" + (" cursor-pointer" if is_open else " bg-grey-3")).mark(f"cross-{group.id}") \
            .on("click", lambda: ui.navigate.to(f"/gruppe/{group.id}") if is_open else None):
        if is_open:
            ui.link(group.name, f"/gruppe/{group.id}").classes("text-primary text-weight-medium")
        else:
            ui.label(group.name).classes("text-weight-medium")
        if group.expires_on:
            key = "group.expires" if is_open else "group.closed"
            ui.label(t(key, date=fmt_date(group.expires_on))).classes("text-caption")


@page("/personale", Role.STAFF, Role.LEADER)
async def staff_home(actor: Actor, settings: Settings) -> None:
    """Staff's institutions and groups, posts and widgets."""
    summaries = await service.staff_overview(actor, today_local())
    cross = await service.cross_groups_reaching(actor, today_local())
    mine = await service.my_group_ids(actor)
    with frame(actor, t("staff.title")):
        if not summaries:
            empty_state("domain_disabled", "staff.empty")
        for s in summaries:
            with ui.card().classes("w-full").mark(f"institution-{s.institution.id}"):
                with ui.row().classes("items-center gap-2"):
                    section_heading(s.institution.name)
                    kind_badge(s.institution.kind)
                ui.label(f"{tn('staff.children', s.children)} · {tn('staff.staff', s.staff)}").classes(
                    "text-grey-8")
                ui.label(t("staff.groups")).classes("text-subtitle2 q-mt-sm")
                with ui.row().classes("gap-2"):
                    for g in sorted(s.groups, key=lambda g: (g.id not in mine, g.name)):
                        group_chip(g, g.id in mine)
        if cross:
            ui.label(t("municipality.cross")).classes("text-subtitle1 text-weight-medium")
            with ui.row().classes("gap-2"):
                for g in cross:
                    cross_group_chip(g, today_local())
        await post_feed(actor, first=3)
        await WidgetArea(actor, today_local(), settings.public_url).build()


@page("/gruppe/{group_id}", *SIGNED_IN)
async def group_page(actor: Actor, group_id: int) -> None:
    """One group's children and staff; a cross group's purpose, owner and expiry for its members and managers."""
    info = None
    if await crossgroups.has_record(group_id):
        info = await load_or_refuse(actor, t("group.title"), crossgroups.details(actor, group_id, today_local()))
        if info is None:
            return
        # Families see what the group is, not its roster; so does a manager the roster's reach rule leaves out.
        if actor.role not in (Role.STAFF, Role.LEADER, Role.ADMIN) or not await crossgroups.roster_allowed(
                actor, group_id, today_local()):
            with frame(actor, info.name):
                cross_facts(info)
            return
    found = await load_or_refuse(actor, t("group.title"), service.group_roster(actor, group_id, today_local()))
    if found is None:
        return
    group, roster = found
    title = f"{group.name} · {group.institution_name}" if group.institution_name else group.name
    with frame(actor, title):
        if info is not None:
            cross_facts(info)
        if group.expires_on:
            key = "group.expires" if service.group_is_open(group.expires_on, today_local()) else "group.closed"
            ui.label(t(key, date=fmt_date(group.expires_on))).classes("text-grey-8")
        if roster:
            ui.button(t("group.consents"), icon="verified_user",
                      on_click=lambda: ui.navigate.to(f"/samtykker/gruppe/{group_id}")).props(
                "flat no-caps").mark("group-consents")
            ui.button(t("contacts.list.link"), icon="contacts", on_click=lambda: ui.navigate.to(list_path(group_id))) \
                .props("flat no-caps").mark("group-contacts")
        if group.institution_id is not None and access.can_see_login_list(actor, access.LoginListScope(
                group.institution_id, group_id, group_id in await service.my_group_ids(actor))):
            ui.link(t("nav.logins"), f"/mangler-login?institution={group.institution_id}&group={group_id}").classes(
                "text-primary").mark("group-logins")
        else:
            empty_state("groups", "group.empty")
        with ui.element("div").classes("grid grid-cols-2 sm:grid-cols-4 lg:grid-cols-6 gap-2 w-full"):
            for child in roster:
                with ui.card().classes("items-center q-pa-sm cursor-pointer").on(
                        "click", lambda c=child: ui.navigate.to(f"/barn/{c.id}")):
                    avatar((child.first_name[:1] + child.last_name[:1]).upper())
                    ui.link(child.first_name, f"/barn/{child.id}").classes("text-primary text-center")
