"""Plans for staff (/planer: ugeplaner and madplan) and the admin's links for the Links widget (/kommune/links)."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.settings import load_settings
from domain.widgets.builtin import links, madplan, ugeplan
from domain.widgets.builtin.common import iso_week, next_week
from domain.widgets.builtin.madplan import InstitutionMenu
from domain.widgets.model import WIDGET_ROLES
from ui.components import empty_state, refuse, section_heading
from ui.frame import frame
from ui.guard import page
from ui.i18n import t


async def _save_plan(actor: Actor, group_id: int, year: int, week: int, text: str, status: ui.label) -> None:
    try:
        await ugeplan.do_save_week_plan(actor, group_id, year, week, text, utcnow())
    except DomainError as error:
        status.set_text("")
        refuse(error)
        return
    status.set_text(t("plans.saved"))
    ui.notify(t("plans.saved"), type="positive")


def _plan_editor(actor: Actor, group_id: int, year: int, week: int, text: str, label: str) -> None:
    key = f"{group_id}-{year}-{week}"
    area = ui.textarea(label, value=text, placeholder=t("plans.placeholder")).props(
        f"outlined autogrow maxlength={ugeplan.MAX_PLAN_LENGTH}").classes("w-full").mark(f"plan-{key}")
    with ui.row().classes("items-center gap-2"):
        status = ui.label("").classes("text-positive").mark(f"plan-status-{key}")
        ui.button(t("common.save"), icon="save", on_click=lambda: _save_plan(
            actor, group_id, year, week, str(area.value or ""), status)).props("no-caps").mark(f"save-plan-{key}")


async def _save_menu(actor: Actor, menu: InstitutionMenu, year: int, week: int, fields: list[ui.input],
                     status: ui.label) -> None:
    try:
        await madplan.do_save_menu(actor, menu.institution_id, year, week, [str(f.value or "") for f in fields],
                                   utcnow())
    except DomainError as error:
        status.set_text("")
        refuse(error)
        return
    status.set_text(t("plans.saved"))
    ui.notify(t("plans.saved"), type="positive")


def _menu_editor(actor: Actor, menu: InstitutionMenu, year: int, week: int) -> None:
    with ui.card().classes("w-full").mark(f"menu-{menu.institution_id}"):
        section_heading(t("plans.menu", name=menu.institution_name))
        ui.label(t("widget.ugeplan.week", week=week)).classes("text-caption text-grey-8")
        props = f"outlined dense maxlength={madplan.MAX_DAY_LENGTH}"
        fields = [ui.input(t(f"widget.weekday.{i}"), value=text).props(props).classes("w-full")
                  .mark(f"menu-{menu.institution_id}-{i}") for i, text in enumerate(menu.days)]
        with ui.row().classes("items-center gap-2"):
            status = ui.label("").classes("text-positive")
            ui.button(t("common.save"), icon="save", on_click=lambda: _save_menu(
                actor, menu, year, week, fields, status)).props("no-caps").mark(f"save-menu-{menu.institution_id}")


async def _plans_page(actor: Actor) -> None:
    today = today_local()
    (year, week), (next_year, next_w) = iso_week(today), next_week(today)
    this = await ugeplan.week_plans_for_staff(actor, year, week, today)
    after = await ugeplan.week_plans_for_staff(actor, next_year, next_w, today)
    upcoming = {p.group_id: p.text for p in after.plans}
    menus = await madplan.menus_for_staff(actor, year, week)
    with frame(actor, t("plans.title")):
        section_heading(t("plans.week_plans"))
        if not this.plans:
            empty_state("event_note", "plans.no_groups")
        for plan in this.plans:
            with ui.card().classes("w-full").mark(f"group-plan-{plan.group_id}"):
                ui.label(plan.group_name).classes("text-subtitle1 text-weight-medium")
                _plan_editor(actor, plan.group_id, year, week, plan.text, t("plans.this_week", week=week))
                _plan_editor(actor, plan.group_id, next_year, next_w, upcoming.get(plan.group_id, ""),
                             t("plans.next_week", week=next_w))
        for menu in menus:
            _menu_editor(actor, menu, year, week)


async def _delete(actor: Actor, link: links.AdminLink, redraw: ui.refreshable) -> None:
    with ui.dialog() as dialog, ui.card():
        ui.label(t("links.confirm", title=link.title))
        with ui.row():
            ui.button(t("common.cancel"), on_click=lambda: dialog.submit(False)).props("flat no-caps")
            ui.button(t("common.delete"), color="negative", on_click=lambda: dialog.submit(True)).props(
                "no-caps").mark("confirm-delete")
    if not await dialog:
        return
    try:
        await links.do_delete_link(actor, link.id)
    except DomainError as error:
        refuse(error)
    else:
        ui.notify(t("links.deleted"), type="positive")
    redraw.refresh()


async def _links_page(actor: Actor) -> None:
    places = dict(await links.link_institutions(actor))

    @ui.refreshable
    async def rows() -> None:
        current = await links.list_links(actor)
        if not current:
            empty_state("link", "links.empty")
        for link in current:
            with ui.card().classes("w-full q-pa-sm").mark(f"link-{link.id}"):
                with ui.row().classes("items-center justify-between w-full no-wrap"):
                    with ui.column().classes("gap-0"):
                        ui.label(f"{link.position}. {link.title}").classes("text-weight-medium")
                        ui.label(link.url).classes("text-caption text-grey-8")
                        where = link.institution_name or t("links.everywhere")
                        roles = ", ".join(t(f"role.{r.value}") for r in link.roles)
                        ui.label(f"{roles} · {where}").classes("text-caption")
                    delete = ui.button(icon="delete", on_click=lambda lk=link: _delete(actor, lk, rows)).props(
                        "flat round color=negative").mark(f"delete-link-{link.id}")
                    delete.props["aria-label"] = t("links.delete", title=link.title)  # an icon alone says nothing

    async def add() -> None:
        try:
            await links.do_save_link(actor, str(title.value or ""), str(url.value or ""),
                                     [Role(r) for r in roles.value or []], place.value or None,
                                     int(position.value or 0), dev=load_settings().dev_idp_enabled)
        except DomainError as error:
            refuse(error)
            return
        title.set_value("")
        url.set_value("")
        ui.notify(t("links.added"), type="positive")
        rows.refresh()

    with frame(actor, t("links.title")):
        await rows()
        with ui.card().classes("w-full").mark("add-link"):
            section_heading(t("links.add"))
            title = ui.input(t("links.field.title")).props("outlined dense").classes("w-full").mark("link-title")
            url = ui.input(t("links.field.url")).props("outlined dense").classes("w-full").mark("link-url")
            roles = ui.select({r.value: t(f"role.{r.value}") for r in sorted(WIDGET_ROLES)}, multiple=True,
                              value=[r.value for r in sorted(WIDGET_ROLES)], label=t("links.field.roles")) \
                .props("outlined dense use-chips").classes("w-full").mark("link-roles")
            place = ui.select({0: t("links.everywhere"), **places}, value=0, label=t("links.field.institution")) \
                .props("outlined dense").classes("w-full")
            position = ui.number(t("links.field.position"), value=0, precision=0).props("outlined dense")
            ui.button(t("links.add"), icon="add", on_click=add).props("no-caps").mark("save-link")


@page("/planer", Role.STAFF, Role.LEADER)
async def plans_page(actor: Actor) -> None:
    """Staff write the week's ugeplan and the institution's madplan."""
    await _plans_page(actor)


@page("/kommune/links", Role.ADMIN)
async def links_page(actor: Actor) -> None:
    """The admin's links for the Links widget."""
    await _links_page(actor)
