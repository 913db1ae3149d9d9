"""Staff's view of consents: a group's children against the consent types (✓/✗), and the list of groups."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.events import Event
from domain.gdpr import consents
from domain.gdpr.consents import ChildConsents, ConsentChanged, consent_institution_topic
from domain.identity.model import Actor
from domain.organisation.service import staff_overview
from ui.components import empty_state
from ui.i18n import t
from ui.live import follow


class GroupConsents:
    """One open group overview (per client): redrawn when a guardian in one of its institutions decides."""

    def __init__(self, actor: Actor, group_id: int, children: list[ChildConsents]) -> None:
        self.actor, self.group_id, self.children = actor, group_id, children

    async def on_change(self, event: Event) -> None:
        """A consent changed somewhere in the institution: redraw if it concerns one of our children."""
        if isinstance(event, ConsentChanged) and any(c.child_id == event.child_id for c in self.children):
            _, self.children = await consents.group_consents(self.actor, self.group_id, utcnow())
            self.table.refresh()

    @ui.refreshable_method
    def table(self) -> None:
        """Children by consent type, with the number missing per type in the header."""
        if not self.children:
            empty_state("groups", "consents.group.empty")
            return
        types = self.children[0].types
        columns = [{"name": "child", "label": t("consents.group.child"), "field": "child", "align": "left",
                    "sortable": True}]
        for ctype in types:
            missing = sum(1 for c in self.children if ctype.id not in c.given)
            columns.append({"name": ctype.key, "label": f"{ctype.name} ({t('consents.group.missing', n=missing)})",
                            "field": ctype.key, "align": "center", "sortable": True})
        rows = [{"id": c.child_id, "child": f"{c.first_name} {c.last_name}",
                 **{ct.key: "✓" if ct.id in c.given else "✗" for ct in types}} for c in self.children]
        ui.table(columns=columns, rows=rows, row_key="id").props("dense flat wrap-cells").classes(
            "w-full").mark("consent-table")


def group_page(actor: Actor, group_id: int, children: list[ChildConsents], institution_ids: frozenset[int]) -> None:
    """The overview's content, following consent changes at the actor's institutions."""
    ui.label(t("consents.group.intro")).classes("text-body2 text-grey-8")
    page = GroupConsents(actor, group_id, children)
    page.table()
    for institution_id in sorted(institution_ids):
        follow(consent_institution_topic(institution_id), page.on_change)


async def staff_groups(actor: Actor) -> None:
    """The staff member's groups, each a link to its consent overview."""
    ui.label(t("consents.staff.groups")).classes("text-body2 text-grey-8")
    for summary in await staff_overview(actor, today_local()):
        with ui.card().classes("w-full q-pa-sm"):
            ui.label(summary.institution.name).classes("text-subtitle1")
            with ui.row().classes("gap-2"):
                for group in summary.groups:
                    ui.link(group.name, f"/samtykker/gruppe/{group.id}").classes("text-body2").mark(
                        f"group-{group.id}")
