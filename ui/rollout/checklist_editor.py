"""The project team's checklist editor: a plan's items by phase, created, changed, moved and removed."""

from __future__ import annotations

from datetime import date

from nicegui import ui
from nicegui.events import ValueChangeEventArguments

from domain import access
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.rollout import checklist, plan
from domain.rollout.checklist import ItemDraft, ItemView, PhaseOption
from domain.rollout.model import ObservedKey
from ui.components import confirm, icon_button, named_dialog, refuse, section_heading
from ui.dates import date_input, problem
from ui.i18n import fmt_date, t
from ui.rollout.cell_dialog import item_line

ALL = "*"
NONE = ""


class ChecklistEditor:
    """One plan's items at a time, filtered by phase; each change reloads the list (the matrix hears of it)."""

    def __init__(self, actor: Actor, today: date) -> None:
        self.actor, self.today = actor, today
        self.programmes: list[tuple[int, str]] = []
        self.phases: list[PhaseOption] = []
        self.programme_id: int | None = None
        self.phase = ALL
        self.items: list[ItemView] = []
        self.loaded = False

    async def build(self) -> None:
        """An expansion under the matrix, for those who may edit."""
        if not access.can_edit_rollout(self.actor).allowed:
            return
        views = await plan.plan(self.actor, self.today)
        self.programmes = [(p.id, p.name) for p in views]
        self.phases = await checklist.phase_options(self.actor)
        self.programme_id = next((p.id for p in views if p.start <= self.today <= p.end), None) or (
            views[0].id if views else None)
        self.home = ui.element("div")
        # A plan may hold hundreds of items: they are listed when the editor is first opened, not with the page.
        with ui.expansion(t("checklist.edit"), icon="checklist", on_value_change=self._opened).classes("w-full") \
                .mark("checklist-editor"):
            if not self.programmes:
                ui.label(t("checklist.no_programmes")).classes("text-grey-8")
                return
            with ui.row().classes("items-end gap-3"):
                ui.select(dict(self.programmes), value=self.programme_id, label=t("checklist.field.programme"),
                          on_change=lambda e: self._choose(e.value, ALL)).props("dense outlined").classes("w-64") \
                    .mark("editor-programme")
                self.phase_select = ui.select(self._phase_choices(), value=ALL, label=t("checklist.field.phase"),
                                              on_change=lambda e: self._choose(self.programme_id, e.value)) \
                    .props("dense outlined").classes("w-56").mark("editor-phase")
                ui.button(t("checklist.new"), icon="add", on_click=lambda: self.item_dialog(None)) \
                    .props("no-caps outline").mark("new-item")
            self.list = ui.column().classes("w-full gap-0")

    async def _opened(self, event: ValueChangeEventArguments) -> None:
        if event.value and not self.loaded:
            await self.reload()

    def _phase_choices(self) -> dict[str, str]:
        mine = [p for p in self.phases if p.programme_id == self.programme_id]
        return {ALL: t("checklist.all_phases"), **{str(p.id): p.label for p in mine}, NONE: t("checklist.no_phase")}

    async def _choose(self, programme_id: int | None, phase: str) -> None:
        if programme_id != self.programme_id:
            self.programme_id = programme_id
            self.phase_select.set_options(self._phase_choices(), value=ALL)
            phase = ALL
        self.phase = phase
        await self.reload()

    async def reload(self) -> None:
        """Read the plan's items again and list them."""
        if self.programme_id is None:
            return
        self.items = await checklist.checklist(self.actor, self.programme_id)
        self.loaded = True
        self.list.clear()
        shown = [i for i in self.items if self.phase == ALL or str(i.phase_id or NONE) == self.phase]
        with self.list:
            if not shown:
                ui.label(t("checklist.empty")).classes("text-grey-8 q-pa-sm")
            for item in shown:
                with ui.row().classes("items-center w-full no-wrap gap-2 q-py-xs").mark(f"item-{item.id}"):
                    with ui.column().classes("gap-0 col"):
                        ui.label(item.title).classes("text-body2 break-words")
                        line = " · ".join(x for x in (item.phase_label, item_line(item)) if x)
                        if line:
                            ui.label(line).classes("text-caption text-grey-8")
                    icon_button("arrow_upward", t("checklist.up", title=item.title),
                                lambda i=item: self.move(i, -1)).mark(f"item-up-{item.id}")
                    icon_button("arrow_downward", t("checklist.down", title=item.title),
                                lambda i=item: self.move(i, 1)).mark(f"item-down-{item.id}")
                    icon_button("edit", t("checklist.edit_item", title=item.title),
                                lambda i=item: self.item_dialog(i)).mark(f"item-edit-{item.id}")
                    icon_button("delete", t("checklist.delete_item", title=item.title),
                                lambda i=item: self.delete(i)).mark(f"item-delete-{item.id}")

    async def move(self, item: ItemView, step: int) -> None:
        """One place up or down in the plan."""
        try:
            await checklist.do_move_item(self.actor, item.id, step)
        except DomainError as error:
            refuse(error)
            return
        await self.reload()

    async def delete(self, item: ItemView) -> None:
        """Remove after a question that says what goes with it."""
        if not await confirm(t("checklist.confirm_delete", title=item.title), t("common.delete"), "item-delete-yes",
                             home=self.home):
            return
        try:
            await checklist.do_delete_item(self.actor, item.id)
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("checklist.deleted"), type="positive")
        await self.reload()

    def item_dialog(self, item: ItemView | None) -> None:
        """Create or change an item: title, phase, owner, deadline, and whether Sammen ticks it itself."""
        if self.programme_id is None:
            return
        programme_id = self.programme_id
        heading = t("checklist.edit_item", title=item.title) if item else t("checklist.new")
        phases = {NONE: t("checklist.no_phase"), **{str(p.id): f"{p.label} ({fmt_date(p.start)} – {fmt_date(p.end)})"
                                                    for p in self.phases if p.programme_id == programme_id}}
        start_phase = str(item.phase_id) if item and item.phase_id else (
            self.phase if self.phase not in (ALL,) else NONE)
        observed = {NONE: t("checklist.observed.none"),
                    **{k.value: t(f"checklist.observed.{k.value}") for k in ObservedKey}}
        with self.home, named_dialog(heading) as dialog, ui.card().classes("gap-2 w-full max-w-md"):
            section_heading(heading)
            title = ui.input(t("checklist.field.title"), value=item.title if item else "").props(
                "dense outlined maxlength=160").classes("w-full").mark("item-title")
            phase = ui.select(phases, value=start_phase if start_phase in phases else NONE,
                              label=t("checklist.field.phase")).props("dense outlined").classes("w-full") \
                .mark("item-phase")
            owner = ui.input(t("checklist.field.owner"), value=item.owner if item else "").props(
                "dense outlined maxlength=120").classes("w-full").mark("item-owner")
            deadline = date_input(t("checklist.field.deadline"), item.deadline if item else None, "item-deadline",
                                  optional=True)
            seen = ui.select(observed, value=item.observed.value if item and item.observed else NONE,
                             label=t("checklist.field.observed")).props("dense outlined").classes("w-full") \
                .mark("item-observed")

            async def save() -> None:
                day = deadline.checked()
                if deadline.error:
                    ui.notify(problem(deadline) or "", type="negative")
                    return
                draft = ItemDraft(programme_id, int(phase.value) if phase.value else None, title.value or "",
                                  owner.value or "", day, ObservedKey(seen.value) if seen.value else None)
                try:
                    await checklist.do_save_item(self.actor, draft, item.id if item else None)
                except DomainError as error:
                    refuse(error)
                    return
                dialog.close()
                ui.notify(t("checklist.saved"), type="positive")
                await self.reload()

            with ui.row().classes("justify-end w-full"):
                ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(t("common.save"), on_click=save).props("no-caps").mark("item-save")
        dialog.open()
