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
from ui.components import icon_button, named_dialog, refuse, section_heading
from ui.dates import date_input, problem
from ui.i18n import fmt_date, t
from ui.rollout.plan_dialogs import Undo, programme_dialog, remove_span, span_dialog
from ui.rollout.timeline import STATUS_COLOURS, gantt_options

EDITABLE_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.DONE)


class PlanSection:
    """Renders the plan and reloads it after an edit (or when another page changes it)."""

    def __init__(self, actor: Actor, today: date, programmes: list[ProgrammeView]) -> None:
        self.actor, self.today, self.programmes = actor, today, programmes
        self.can_edit = access.can_edit_rollout(actor).allowed
        self.undo: Undo | None = None

    async def reload(self) -> None:
        """Fetch the plan again and redraw."""
        self.programmes = await plan.plan(self.actor, self.today)
        self.render.refresh()

    async def offer_undo(self, undo: Undo) -> None:
        """Show what was removed with Fortryd, and redraw."""
        self.undo = undo
        ui.notify(undo.text, type="positive")
        await self.reload()

    async def run_undo(self) -> None:
        """Put back what was removed last."""
        undo, self.undo = self.undo, None
        if undo is not None:
            try:
                await undo.action()
            except DomainError as error:
                refuse(error)
        await self.reload()

    @ui.refreshable_method
    def render(self) -> None:
        """The chart and the milestone lists."""
        if self.can_edit:
            with ui.row().classes("gap-2"):
                ui.button(t("rollout.programme.new"), icon="add",
                          on_click=lambda: programme_dialog(self.actor, self.today, None, self.reload)) \
                    .props("no-caps outline").mark("new-programme")
                if self.programmes:
                    ui.button(t("rollout.new_milestone"), icon="add", on_click=lambda: self.milestone_dialog(None)) \
                        .props("no-caps outline").mark("new-milestone")
        if self.undo is not None:
            with ui.row().classes("items-center gap-2 w-full"):
                ui.label(self.undo.text).classes("text-body2").mark("plan-undo-text")
                ui.button(t("rollout.undo"), icon="undo", on_click=self.run_undo).props(
                    "outline dense no-caps").mark("plan-undo")
        if not self.programmes:
            ui.label(t("rollout.no_plan")).classes("text-grey-7")
            return
        # The plan that runs today comes first; finished plans follow, newest first.
        for p in sorted(self.programmes, key=lambda p: (not p.start <= self.today <= p.end, -p.start.toordinal())):
            with ui.card().classes("w-full").mark(f"programme-{p.id}"):
                with ui.row().classes("items-center gap-2 w-full"):
                    ui.label(f"{p.name} ({fmt_date(p.start)} – {fmt_date(p.end)})").classes("text-subtitle1")
                    if self.can_edit:
                        icon_button("edit", t("rollout.programme.edit_named", name=p.name),
                                    lambda p=p: programme_dialog(self.actor, self.today, p, self.reload)) \
                            .mark(f"programme-edit-{p.id}")
                rows = max(1, len({(s.kind, s.label) for s in p.spans}))
                ui.echart(gantt_options(p, self.today)).classes("w-full").style(f"height: {70 + 28 * rows}px") \
                    .mark("gantt")
                table_expansion([t("a11y.chart.span"), t("a11y.chart.start"), t("a11y.chart.end")],
                                [[f"{t('rollout.kind.' + s.kind.value)}: {s.label}", fmt_date(s.start), fmt_date(s.end)]
                                 for s in p.spans])
                ui.label(t("rollout.milestones")).classes("text-subtitle2")
                for m in p.milestones:
                    self._milestone_row(p, m)
                if self.can_edit:
                    self._spans(p)

    def _spans(self, p: ProgrammeView) -> None:
        """The programme's phases and tracks, each renamed, redated or removed; new ones added."""
        with ui.expansion(t("rollout.span.heading"), icon="date_range").classes("w-full text-grey-9") \
                .mark(f"spans-{p.id}"):
            for s in p.spans:
                kind = t(f"rollout.kind.{s.kind.value}")
                with ui.row().classes("items-center gap-2 w-full no-wrap"):
                    ui.label(f"{kind}: {s.label} ({fmt_date(s.start)} – {fmt_date(s.end)})").classes("col")
                    icon_button("edit", t("rollout.span.edit_named", name=s.label),
                                lambda s=s: span_dialog(self.actor, p, s.kind, s, self.reload)) \
                        .mark(f"span-edit-{s.id}")
                    icon_button("delete", t("rollout.span.remove_named", kind=kind.lower(), name=s.label),
                                lambda s=s: remove_span(self.actor, s, self.offer_undo)).mark(f"span-remove-{s.id}")
            with ui.row().classes("gap-2"):
                for kind in (SpanKind.PHASE, SpanKind.TRACK):
                    ui.button(t(f"rollout.span.new_{kind.value}"), icon="add",
                              on_click=lambda kind=kind: span_dialog(self.actor, p, kind, None, self.reload)) \
                        .props("flat dense no-caps").mark(f"new-{kind.value}-{p.id}")

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
                day = due.checked()
                if day is None:
                    ui.notify(problem(due) or t("rollout.error.bad_date"), type="negative")
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
            ui.label(t("rollout.milestone.confirm_delete", title=m.title))

            async def delete() -> None:
                try:
                    draft = await plan.do_delete_milestone(self.actor, m.id)
                except DomainError as error:
                    refuse(error)
                    return
                confirm.close()
                parent.close()
                await self.offer_undo(Undo(t("rollout.milestone.deleted", title=m.title),
                                           lambda: plan.do_save_milestone(self.actor, draft)))

            with ui.row().classes("justify-end w-full"):
                ui.button(t("common.cancel"), on_click=confirm.close).props("flat no-caps")
                ui.button(t("common.delete"), on_click=delete).props("color=negative no-caps")
        confirm.open()
