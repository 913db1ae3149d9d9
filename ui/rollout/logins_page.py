"""'Mangler at logge ind': who has never logged in, per institution or group, with 'Send påmindelse'."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from domain.clock import today_local
from domain.identity.model import Actor, Role
from domain.rollout import missing
from domain.rollout.missing import ListEntry, LoginList
from ui.components import empty_state, section_heading
from ui.frame import frame, load_or_refuse
from ui.guard import page
from ui.i18n import fmt_short_date, t
from ui.rollout.reminder_dialog import ReminderDialog

PATH = "/mangler-login"
# The selection checkboxes get a name each (Quasar's own have none); the row's name is text, never HTML.
ROW_CHECKBOX = ('<q-td auto-width><q-checkbox v-model="props.selected" dense '
                ':aria-label="props.row.select_label" /></q-td>')
HEAD_CHECKBOX = '<q-th auto-width><q-checkbox v-model="props.selected" dense aria-label="{label}" /></q-th>'


def link_to(institution_id: int, group_id: int | None = None) -> str:
    """The address of a list."""
    return f"{PATH}?institution={institution_id}" + (f"&group={group_id}" if group_id is not None else "")


def columns() -> list[dict[str, Any]]:
    """The list's columns."""
    def col(name: str, sortable: bool = False) -> dict[str, Any]:
        return {"name": name, "label": t(f"logins.col.{name}"), "field": name, "align": "left", "sortable": sortable}
    return [col("name"), col("kind", True), col("children"), col("groups", True), col("email", True),
            col("reminded")]


def rows(found: LoginList) -> list[dict[str, Any]]:
    """One row per person, in the list's Danish order."""
    return [{"id": p.person_id, "name": p.name, "kind": t(f"logins.kind.{p.kind.value}"),
             "children": ", ".join(p.children), "groups": ", ".join(p.groups),
             "email": t("logins.yes") if p.has_email else t("logins.no"),
             "reminded": t("logins.today") if p.reminded_on(found.day) else (
                 fmt_short_date(p.last_reminded) if p.last_reminded else ""),
             "select_label": t("logins.select_one", name=p.name)} for p in found.people]


def scope_picker(found: LoginList) -> None:
    """Choose the whole institution (when allowed) or one of the groups, by going to its list."""
    options: dict[int, str] = {0: t("logins.whole")} if found.whole_institution else {}
    options.update({g.group_id: g.name for g in found.groups})
    if len(options) < 2:
        return
    ui.select(options, label=t("logins.scope"), value=found.group_id or 0, on_change=lambda e: ui.navigate.to(
        link_to(found.institution_id, int(e.value) or None))).classes("min-w-[16rem]").mark("logins-scope")


class LoginListView:
    """The list and its reminder button; redrawn after a reminder so 'Sidst påmindet' says 'I dag'."""

    def __init__(self, actor: Actor, found: LoginList) -> None:
        self.actor, self.found = actor, found

    @ui.refreshable_method
    def render(self) -> None:
        """The summary, the table with selection, and 'Send påmindelse'."""
        found = self.found
        missing_n = len(found.people)
        ui.label(t("logins.summary", missing=missing_n, total=found.total, guardians=found.guardians,
                   staff=found.staff)).classes("text-grey-8").mark("logins-summary")
        if not found.people:
            empty_state("how_to_reg", "logins.everyone_in")
            return
        self.button = ui.button(t("logins.remind_all", n=missing_n), icon="notifications_active",
                                on_click=self.remind).props("no-caps").mark("logins-remind")
        self.table = ui.table(columns=columns(), rows=rows(found), row_key="id", selection="multiple",
                              pagination=50, on_select=self.selected).props("flat dense").classes("w-full")
        self.table.mark("logins-table")
        self.table.add_slot("body-selection", ROW_CHECKBOX)
        self.table.add_slot("header-selection", HEAD_CHECKBOX.format(label=t("logins.select_all")))

    def selected(self) -> None:
        """The button says whether it reminds everyone or the selected."""
        n = len(self.table.selected)
        self.button.set_text(t("logins.remind_chosen", n=n) if n else t("logins.remind_all", n=len(self.found.people)))

    async def remind(self) -> None:
        """Open the dialog for everyone on the list, or for the selected."""
        chosen = [int(r["id"]) for r in self.table.selected] or None
        await ReminderDialog(self.actor, self.found, chosen, self.reload).open()

    async def reload(self) -> None:
        """Read the list again after a reminder."""
        self.found = await missing.never_logged_in(self.actor, self.found.institution_id, self.found.group_id,
                                                   day=today_local())
        self.render.refresh()


def entries(actor: Actor, found: list[ListEntry]) -> None:
    """The lists a leader or staff member can open."""
    if not found:
        empty_state("group_off", "logins.team_hint" if actor.role in (Role.PROJECT_TEAM, Role.ADMIN)
                    else "logins.none_for_role")
        return
    section_heading(t("logins.choose"))
    with ui.column().classes("gap-1").mark("logins-entries"):
        for e in found:
            label = f"{e.group_name} · {e.institution_name}" if e.group_id else e.institution_name
            ui.link(label, link_to(e.institution_id, e.group_id)).classes("text-primary")


@page(PATH, Role.STAFF, Role.LEADER, Role.PROJECT_TEAM, Role.ADMIN)
async def login_lists(actor: Actor, institution: int | None = None, group: int | None = None) -> None:
    """Who has never logged in: a chosen list, or the lists the actor may open."""
    today = today_local()
    if institution is None:
        found = await missing.my_login_lists(actor, today)
        if len(found) == 1:
            institution, group = found[0].institution_id, found[0].group_id
        else:
            with frame(actor, t("logins.title")):
                entries(actor, found)
            return
    data = await load_or_refuse(actor, t("logins.title"),
                                missing.never_logged_in(actor, institution, group, day=today))
    if data is None:
        return
    with frame(actor, t("logins.title")):
        where = f"{data.group_name} · {data.institution_name}" if data.group_name else data.institution_name
        with ui.row().classes("items-end gap-4 w-full"):
            section_heading(where)
            scope_picker(data)
        LoginListView(actor, data).render()
