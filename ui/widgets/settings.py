"""The admin's widget switches: each widget on or off per institution and role."""

from __future__ import annotations

from nicegui import ui

from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.widgets import service
from domain.widgets.service import EnablementView
from ui.components import refuse
from ui.frame import frame, load_or_refuse
from ui.guard import SIGNED_IN, page
from ui.i18n import t


def _title(key: str, name: str) -> str:
    return name if key.startswith("ext:") else t(f"widget.{name}.title")


class SwitchBoard:
    """One widget at a time: a grid of institutions x roles with a switch in each cell."""

    def __init__(self, actor: Actor, view: EnablementView) -> None:
        self.actor, self.view = actor, view
        self.key = view.keys[0][0] if view.keys else ""

    def build(self) -> None:
        """The widget chooser and the grid."""
        ui.label(t("widget.admin.hint")).classes("text-grey-8")
        ui.select({k: _title(k, n) for k, n in self.view.keys}, value=self.key, label=t("widget.admin.widget"),
                  on_change=lambda e: self.choose(e.value)).props("outlined dense").classes("w-full max-w-xs").mark(
            "widget-choice")
        self.grid()

    def choose(self, key: str) -> None:
        """Show another widget's switches."""
        self.key = key
        self.grid.refresh()

    @ui.refreshable_method
    def grid(self) -> None:
        """Institutions down, roles across."""
        roles = self.view.roles
        widget = _title(self.key, dict(self.view.keys).get(self.key, ""))
        # Like the readiness matrix, the grid may scroll inside itself; the page never scrolls sideways (1.4.10).
        with ui.element("div").classes("w-full overflow-x-auto"), ui.grid(
                columns=f"minmax(160px, 2fr) repeat({len(roles)}, minmax(80px, 1fr))").classes(
                "w-full gap-1 items-center"):
            ui.label(t("table.institution")).classes("text-caption text-weight-bold")
            for role in roles:
                ui.label(t(f"role.{role.value}")).classes("text-caption text-weight-bold")
            for inst_id, name, _kind in self.view.institutions:
                ui.label(name)
                for role in roles:
                    if not self.view.switchable(self.key, inst_id, role):
                        ui.label("—").classes("text-grey-5").tooltip(t("widget.admin.not_for"))
                        continue
                    on = (self.key, inst_id, role.value) not in self.view.disabled
                    switch = ui.switch(value=on, on_change=lambda e, i=inst_id, r=role: self.set(i, r, e.value))
                    switch.mark(f"switch-{inst_id}-{role.value}")
                    # The grid's headings are only seen: each switch says which institution and role it is for.
                    switch.props["aria-label"] = t("widget.admin.switch", widget=widget, institution=name,
                                                   role=t(f"role.{role.value}"))

    async def set(self, inst_id: int, role: Role, enabled: bool) -> None:
        """Store one switch; a refusal is shown and the switch goes back."""
        try:
            await service.do_set_enabled(self.actor, self.key, inst_id, role, enabled)
        except DomainError as error:
            refuse(error)
            self.grid.refresh()
            return
        cell = (self.key, inst_id, role.value)
        (self.view.disabled.discard if enabled else self.view.disabled.add)(cell)


@page("/kommune/widgets", *SIGNED_IN)
async def widget_settings(actor: Actor) -> None:
    """Which widget is on for which institution and role."""
    view = await load_or_refuse(actor, t("widget.admin.title"), service.enablement(actor))
    if view is None:
        return
    with frame(actor, t("widget.admin.title")):
        SwitchBoard(actor, view).build()
