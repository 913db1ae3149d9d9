"""Staff's side of a form: counts per question, text answers, who answered, who is missing; live, with reminders."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.forms import results, service
from domain.forms.model import QuestionKind, form_topic
from domain.forms.results import FormResults, QuestionResult
from domain.identity.model import Actor
from ui.components import confirm, refuse, section_heading
from ui.forms.answer import form_header
from ui.i18n import fmt_datetime, t
from ui.live import follow

LABELS = {results.YES: "forms.results.yes", results.NO: "forms.results.no"}


def _tally(r: QuestionResult, answered: int) -> None:
    q = r.question
    with ui.card().classes("w-full q-pa-sm").mark(f"result-{q.id}"):
        ui.label(q.text).classes("text-subtitle2").style("white-space: pre-wrap")
        if q.kind is QuestionKind.TEXT:
            if not r.texts:
                ui.label(t("forms.results.texts_none")).classes("text-caption text-grey-8")
            for child, text in r.texts:
                with ui.column().classes("gap-0 w-full"):
                    ui.label(child).classes("text-caption text-grey-8")
                    ui.label(text).classes("text-body2").style("white-space: pre-wrap")
            return
        for label, n in r.counts:
            shown = t(LABELS[label]) if q.kind is QuestionKind.YES_NO else label
            with ui.row().classes("items-center no-wrap w-full gap-2"):
                ui.label(shown).classes("text-body2").style("min-width: 8rem")
                bar = ui.linear_progress(value=n / answered if answered else 0, show_value=False).props(
                    "rounded size=10px").classes("col")
                bar.props["aria-label"] = t("forms.results.bar", answer=shown, n=n, m=answered)
                ui.label(str(n)).classes("text-body2 text-weight-bold").mark(f"count-{q.id}-{label}")


class ResultsView:
    """The live results of one form for one staff member's page (per client)."""

    def __init__(self, actor: Actor, found: FormResults) -> None:
        self.actor, self.found = actor, found

    def build(self) -> None:
        """Header, actions, and the live body."""
        self.body()
        follow(form_topic(self.found.form_id), self.reload)

    async def reload(self, _: Event | None = None) -> None:
        """Read the results again after a guardian answered (reads were audited when the page opened)."""
        try:
            self.found = await results.form_results(self.actor, self.found.form_id, utcnow(), audit_reads=False)
        except DomainError:
            return
        self.body.refresh()

    @ui.refreshable_method
    def body(self) -> None:
        """Everything that changes when an answer arrives."""
        f = self.found
        with ui.card().classes("w-full"):
            form_header(f.title, f.description, f.author_name, f.group_name, f.deadline, not f.open)
            ui.label(t("forms.answered_of", n=len(f.answered), m=f.expected)).classes(
                "text-subtitle1 text-weight-bold").mark("answered-count")
            ui.label(t("forms.results.live")).classes("text-caption text-grey-7")
            with ui.row().classes("gap-2"):
                if f.open and f.missing:
                    ui.button(t("forms.results.remind"), icon="notifications", on_click=self.remind).props(
                        "no-caps").mark("remind")
                ui.button(t("forms.results.csv"), icon="download", on_click=lambda: ui.download.from_url(
                    f"/kalender/blanketter/{f.form_id}/csv")).props("outline no-caps").mark("csv")
                if f.open:
                    ui.button(t("forms.results.close"), icon="lock", on_click=self.close).props(
                        "flat no-caps color=negative").mark("close-form")
        with ui.element("div").classes("grid grid-cols-1 md:grid-cols-2 gap-3 w-full"):
            with ui.column().classes("w-full gap-2"):
                section_heading(t("forms.results.summary"))
                for r in f.questions:
                    _tally(r, len(f.answered))
            with ui.column().classes("w-full gap-2"):
                self._missing()
                self._answers()

    def _missing(self) -> None:
        f = self.found
        section_heading(t("forms.results.missing", n=len(f.missing)))
        with ui.card().classes("w-full q-pa-sm").mark("missing"):
            if not f.missing:
                ui.label(t("forms.results.none_missing")).classes("text-positive")
            for m in f.missing:
                with ui.column().classes("gap-0").mark(f"missing-{m.child_id}"):
                    ui.label(m.child_name).classes("text-body1")
                    ui.label(", ".join(m.guardians) or t("forms.results.no_guardian")).classes(
                        "text-caption text-grey-8")

    def _answers(self) -> None:
        f = self.found
        section_heading(t("forms.results.answers"))
        with ui.card().classes("w-full q-pa-sm").mark("answers"):
            for row in f.answered:
                with ui.column().classes("gap-0").mark(f"answer-row-{row.child_id}"):
                    ui.label(row.child_name).classes("text-body1")
                    chosen = [self._shown(r.question.kind, row.answers.get(r.question.id)) for r in f.questions
                              if r.question.kind is not QuestionKind.TEXT]
                    if any(chosen):
                        ui.label(" · ".join(c or "—" for c in chosen)).classes("text-body2")
                    ui.label(t("forms.answered_by", name=row.answered_by, when=fmt_datetime(row.answered_at))) \
                        .classes("text-caption text-grey-8")

    @staticmethod
    def _shown(kind: QuestionKind, value: object) -> str:
        if kind is QuestionKind.YES_NO and isinstance(value, bool):
            return t("forms.results.yes" if value else "forms.results.no")
        return str(value) if isinstance(value, str) else ""

    async def remind(self) -> None:
        """Send the reminder to the families without an answer and say how many got it."""
        try:
            n = await service.do_remind(self.actor, form_id=self.found.form_id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("forms.results.reminded", n=n), type="positive")

    async def close(self) -> None:
        """Close the form after asking."""
        if not await confirm(t("forms.results.close_confirm"), t("forms.results.close"), "confirm-close"):
            return
        try:
            await service.do_close_form(self.actor, form_id=self.found.form_id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("forms.results.closed_now"), type="positive")
        await self.reload()
