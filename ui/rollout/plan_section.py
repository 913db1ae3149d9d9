"""The timeline tab: the Gantt chart, the milestones, and the project team's edit dialogs."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from domain import access
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.rollout import plan
from domain.rollout.model import MilestoneStatus, SpanKind
from domain.rollout.plan import MilestoneDraft, MilestoneView, ProgrammeView
from ui.accessibility.parts import table_expansion
from ui.components import named_dialog, refuse, section_heading
from ui.dates import date_input, parse_day
from ui.i18n import fmt_date, t
from ui.rollout.timeline import STATUS_COLOURS, gantt_options

EDITABLE_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.DONE)


class PlanSection:
    """Renders the plan and reloads it after an edit (or when another page changes it)."""

    def __init__(self, actor: Actor, today: date, programmes: list[ProgrammeView]) -> None:
        self.actor, self.today, self.programmes = actor, today, programmes
        self.can_edit = access.can_edit_rollout(actor).allowed

    async def reload(self) -> None:
        """Fetch the plan again and redraw."""
        self.programmes = await plan.plan(self.actor, self.today)
        self.render.refresh()

    @ui.refreshable_method
    def render(self) -> None:
        """The chart and the milestone lists."""
        if not self.programmes:
            ui.label(t("rollout.no_plan")).classes("text-grey-7")
            return
        if self.can_edit:
            ui.button(t("rollout.new_milestone"), icon="add", on_click=lambda: self.milestone_dialog(None)) \
                .props("no-caps outline").mark("new-milestone")
        # The plan that runs today comes first; finished plans follow, newest first.
        for p in sorted(self.programmes, key=lambda p: (not p.start <= self.today <= p.end, -p.start.toordinal())):
            with ui.card().classes("w-full"):
                ui.label(f"{p.name} ({fmt_date(p.start)} – {fmt_date(p.end)})").classes("text-subtitle1")
                rows = len({(s.kind, s.label) for s in p.spans})
                ui.echart(gantt_options(p, self.today)).classes("w-full").style(f"height: {70 + 28 * rows}px") \
                    .mark("gantt")
                table_expansion([t("a11y.chart.span"), t("a11y.chart.start"), t("a11y.chart.end")],
                                [[f"{t('rollout.kind.' + s.kind.value)}: {s.label}", fmt_date(s.start), fmt_date(s.end)]
                                 for s in p.spans])
                ui.label(t("rollout.milestones")).classes("text-subtitle2")
                for m in p.milestones:
                    self._milestone_row(p, m)
                if self.can_edit:
                    with ui.expansion(t("rollout.edit_span"), icon="date_range").classes("w-full text-grey-8"):
                        for s in p.spans:
                            ui.button(f"{t('rollout.kind.' + s.kind.value)}: {s.label} "
                                      f"({fmt_date(s.start)} – {fmt_date(s.end)})",
                                      on_click=lambda s=s: self.span_dialog(s.id, s.start, s.end, s.label)) \
                                .props("flat dense no-caps align=left").classes("w-full")

    def _milestone_row(self, p: ProgrammeView, m: MilestoneView) -> None:
        late = m.status is MilestoneStatus.LATE
        with ui.row().classes("items-center gap-2 w-full no-wrap" + (" bg-red-1" if late else "")).mark(
                f"milestone-{m.id}"):
            ui.badge(t(f"rollout.status.{m.status.value}")).style(f"background:{STATUS_COLOURS[m.status]}")
            ui.label(fmt_date(m.due)).classes("text-grey-8 text-no-wrap")
            ui.label(m.title).classes("text-weight-medium" if late else "")
            ui.label(m.owner).classes("text-grey-7 gt-xs")
            ui.space()
            if self.can_edit:
                edit = ui.button(icon="edit", on_click=lambda: self.milestone_dialog(m)).props("flat round dense")
                edit.props["aria-label"] = t("rollout.milestone.edit_named", title=m.title)

    def milestone_dialog(self, existing: MilestoneView | None) -> None:
        """Create or edit a milestone; refusals are shown in the dialog and change nothing."""
        programmes = {p.id: p.name for p in self.programmes}
        first = existing.programme_id if existing else self.programmes[0].id
        heading = t("rollout.edit_milestone" if existing else "rollout.new_milestone")
        with named_dialog(heading) as dialog, ui.card().classes("w-full max-w-lg gap-2"):
            section_heading(heading)
            programme = ui.select(programmes, value=first, label=t("rollout.field.programme")).props("dense outlined")
            phase = ui.select({}, label=t("rollout.field.phase")).props("dense outlined clearable")
            title = ui.input(t("rollout.field.title"), value=existing.title if existing else "").props(
                "dense outlined").mark("milestone-title")
            owner = ui.input(t("rollout.field.owner"), value=existing.owner if existing else "").props("dense outlined")
            due = date_input(t("rollout.field.due"), existing.due if existing else self.today)
            due.mark("milestone-due")
            status = ui.select({s: t(f"rollout.status.{s.value}") for s in EDITABLE_STATUSES},
                               value=existing.stored_status if existing else MilestoneStatus.PLANNED,
                               label=t("rollout.field.status")).props("dense outlined")
            notes = ui.textarea(t("rollout.field.notes"), value=existing.notes if existing else "").props(
                "dense outlined autogrow")

            def phases_for(pid: int) -> None:
                prog = next(p for p in self.programmes if p.id == pid)
                options = {s.id: s.label for s in prog.spans if s.kind is SpanKind.PHASE}
                keep = existing.phase_id if existing and existing.programme_id == pid else None
                phase.set_options(options, value=keep if keep in options else next(iter(options), None))

            phases_for(first)
            programme.on_value_change(lambda e: phases_for(e.value))

            async def save() -> None:
                day = parse_day(due.value or "")
                if day is None:
                    ui.notify(t("rollout.error.bad_date"), type="negative")
                    return
                draft = MilestoneDraft(programme.value, phase.value, title.value or "", owner.value or "", day,
                                       MilestoneStatus(status.value), notes.value or "")
                try:
                    await plan.do_save_milestone(self.actor, draft, existing.id if existing else None)
                except DomainError as error:
                    refuse(error)
                    return
                dialog.close()
                ui.notify(t("rollout.saved"), type="positive")
                await self.reload()

            with ui.row().classes("w-full justify-end gap-2"):
                if existing:
                    ui.button(t("common.delete"), on_click=lambda: self.confirm_delete(dialog, existing)) \
                        .props("flat color=negative no-caps")
                ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(t("common.save"), on_click=save).props("no-caps").mark("milestone-save")
        dialog.open()

    def confirm_delete(self, parent: ui.dialog, m: MilestoneView) -> None:
        """Ask before deleting, since a deleted milestone cannot be brought back."""
        with ui.dialog() as confirm, ui.card():
            ui.label(t("rollout.confirm_delete", title=m.title))

            async def delete() -> None:
                try:
                    await plan.do_delete_milestone(self.actor, m.id)
                except DomainError as error:
                    refuse(error)
                    return
                confirm.close()
                parent.close()
                await self.reload()

            with ui.row().classes("justify-end w-full"):
                ui.button(t("common.cancel"), on_click=confirm.close).props("flat no-caps")
                ui.button(t("common.delete"), on_click=delete).props("color=negative no-caps")
        confirm.open()

    def span_dialog(self, span_id: int, start: date, end: date, label: str) -> None:
        """Change the dates of a track or phase."""
        with named_dialog(f"{t('rollout.edit_span')}: {label}") as dialog, ui.card().classes("gap-2"):
            section_heading(f"{t('rollout.edit_span')}: {label}")
            first = date_input(t("rollout.field.start"), start)
            last = date_input(t("rollout.field.end"), end)

            async def save() -> None:
                a, b = parse_day(first.value or ""), parse_day(last.value or "")
                if a is None or b is None:
                    ui.notify(t("rollout.error.bad_date"), type="negative")
                    return
                try:
                    await plan.do_move_span(self.actor, span_id, a, b)
                except DomainError as error:
                    refuse(error)
                    return
                dialog.close()
                await self.reload()

            with ui.row().classes("justify-end w-full"):
                ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(t("common.save"), on_click=save).props("no-caps")
        dialog.open()
