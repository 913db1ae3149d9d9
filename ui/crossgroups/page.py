"""/kommune/grupper: the cross groups the admin (all) or a leader (their own) manages, with create, edit, archive."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.crossgroups import service
from domain.crossgroups.model import CrossGroupInfo
from domain.dates import show_day
from domain.identity.model import Actor, Role
from domain.organisation.service import active_institution_rows
from ui.components import attempt, confirm, empty_state, icon_button
from ui.crossgroups.dialog import GroupDialog
from ui.frame import frame, load_or_refuse
from ui.guard import SIGNED_IN, page
from ui.i18n import t

PATH = "/kommune/grupper"


class GroupList:
    """The list, redrawn after a save or an archive."""

    def __init__(self, actor: Actor, groups: list[CrossGroupInfo]) -> None:
        self.actor, self.groups = actor, groups

    async def reload(self) -> None:
        """Read the list again and redraw."""
        self.groups = await service.list_groups(self.actor, today_local())
        self.render.refresh()

    async def open_dialog(self, info: CrossGroupInfo | None) -> None:
        """The create or edit dialog, with the institutions and owners the actor may choose."""
        today = today_local()
        rows = await active_institution_rows()
        mine = self.actor.leader_institutions
        institutions = [(i, n) for i, n, _ in rows if self.actor.role is Role.ADMIN or i in mine]
        GroupDialog(self.actor, today, info, institutions, await service.owner_choices(self.actor, today),
                    self.reload).open()

    async def archive(self, info: CrossGroupInfo) -> None:
        """Archive after a confirmation."""
        if not await confirm(t("crossgroups.archive.confirm", name=info.name), t("crossgroups.archive"),
                             "crossgroup-archive-yes"):
            return
        if await attempt(service.do_archive(self.actor, info.group_id, utcnow()), t("crossgroups.archived")):
            await self.reload()

    @ui.refreshable_method
    def render(self) -> None:
        """One card per group: purpose, owner, expiry, member count and the actions."""
        if not self.groups:
            empty_state("groups", "crossgroups.empty")
        today = today_local()
        for g in self.groups:
            closed = g.archived or (g.expires_on is not None and g.expires_on < today)
            with ui.card().classes("w-full" + (" bg-grey-3" if closed else "")).mark(f"crossgroup-{g.group_id}"):
                with ui.row().classes("items-center w-full gap-2"):
                    with ui.element("h2").classes("text-h6 q-my-none col"):
                        ui.link(g.name, f"/gruppe/{g.group_id}").classes("text-primary")
                    if closed:
                        ui.badge(t("crossgroups.archived.label"), color="grey-8")
                    else:
                        icon_button("edit", t("crossgroups.edit_named", name=g.name),
                                    lambda g=g: self.open_dialog(g)).mark(f"crossgroup-edit-{g.group_id}")
                        icon_button("archive", t("crossgroups.archive_named", name=g.name),
                                    lambda g=g: self.archive(g)).mark(f"crossgroup-archive-{g.group_id}")
                if g.purpose:
                    ui.label(g.purpose).classes("text-body2")
                parts = [t("crossgroups.group.owner", name=g.owner_name or "—"),
                         f"{t('crossgroups.expires')}: {show_day(g.expires_on) if g.expires_on else '—'}",
                         t("crossgroups.member_count", n=g.member_count)]
                ui.label(" · ".join(parts)).classes("text-grey-8").mark(f"crossgroup-facts-{g.group_id}")


@page(PATH, *SIGNED_IN)
async def crossgroups_page(actor: Actor) -> None:
    """The admin's and leaders' list of cross-institution groups (others are refused, and it is audited)."""
    found = await load_or_refuse(actor, t("crossgroups.title"), service.list_groups(actor, today_local()))
    if found is None:
        return
    listing = GroupList(actor, found)
    with frame(actor, t("crossgroups.title")):
        ui.label(t("crossgroups.intro")).classes("text-grey-8")
        ui.button(t("crossgroups.new"), icon="add", on_click=lambda: listing.open_dialog(None)).props(
            "no-caps color=primary").mark("crossgroup-new")
        listing.render()
