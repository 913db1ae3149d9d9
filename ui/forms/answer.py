"""A guardian's side of a form: one card per child in the group with the questions, phone first."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.forms import reading, service
from domain.forms.model import ChildAnswer, FormView, Question, QuestionKind
from domain.identity.model import Actor
from ui.components import refuse, section_heading
from ui.forms.parts import fmt_deadline, status_badge
from ui.i18n import fmt_datetime, t


def form_header(title: str, description: str, author: str, group: str, deadline: Any, closed: bool) -> None:
    """Title, who sent it, the deadline and the description (user text always as plain text)."""
    with ui.row().classes("items-center gap-2 no-wrap"):
        section_heading(title).classes("text-weight-medium").mark("form-title-label")
        status_badge(closed)
    ui.label(t("forms.by", name=author, group=group)).classes("text-caption text-grey-8")
    ui.label(t("forms.deadline", when=fmt_deadline(deadline))).classes("text-body2 text-weight-medium")
    if description:
        ui.label(description).classes("text-body2").style("white-space: pre-wrap")


def _field(q: Question, child_id: int, value: object, enabled: bool) -> ui.element:
    label = q.text + ("" if q.required else f" {t('forms.optional')}")
    ui.label(label).classes("text-body1 text-weight-medium q-mt-sm").style("white-space: pre-wrap")
    marker = f"answer-{child_id}-{q.id}"
    field: ui.element
    if q.kind is QuestionKind.YES_NO:
        field = ui.radio({True: t("forms.yes"), False: t("forms.no")},
                         value=value if isinstance(value, bool) else None).props("inline").mark(marker)
    elif q.kind is QuestionKind.CHOICE:
        field = ui.radio(list(q.options), value=value if value in q.options else None).mark(marker)
    else:
        field = ui.textarea(value=str(value or "")).props("outlined dense autogrow maxlength=2000").classes(
            "w-full").mark(marker)
    # The question above is only seen; the field (or the radio group) carries it as its name too.
    field.props["aria-label"] = label
    if not enabled:
        field.props("disable")
    return field


class AnswerCards:
    """A guardian's cards for one form (per client); each card sends its child's answer."""

    def __init__(self, actor: Actor, view: FormView) -> None:
        self.actor, self.view = actor, view

    def build(self) -> None:
        """The header and a card per child."""
        v = self.view
        with ui.card().classes("w-full"):
            form_header(v.title, v.description, v.author_name, v.group_name, v.deadline, not v.open)
            if not v.open:
                ui.label(t("forms.is_closed")).classes("text-negative").mark("form-closed")
        self.cards()

    @ui.refreshable_method
    def cards(self) -> None:
        """One card per child with the questions and the send button."""
        for child in self.view.children:
            self._card(child)

    def _card(self, child: ChildAnswer) -> None:
        v = self.view
        with ui.card().classes("w-full").mark(f"child-card-{child.child_id}"):
            ui.label(t("forms.for_child", name=child.first_name)).classes("text-subtitle1 text-weight-bold")
            if child.answered_at is not None:
                ui.label(t("forms.answered_by", name=child.answered_by, when=fmt_datetime(child.answered_at))) \
                    .classes("text-caption text-positive").mark(f"answered-{child.child_id}")
            else:
                ui.label(t("forms.not_answered")).classes("text-caption text-grey-8")
            fields = {q.id: _field(q, child.child_id, child.answers.get(q.id), v.open) for q in v.questions}
            if v.open:
                key = "forms.update" if child.answered_at is not None else "forms.send"
                ui.button(t(key), icon="send", on_click=lambda c=child, f=fields: self.send(c, f)).props(
                    "no-caps").classes("w-full q-mt-sm").mark(f"send-{child.child_id}")

    async def send(self, child: ChildAnswer, fields: dict[str, ui.element]) -> None:
        """Send one child's answer; on a refusal say why and keep what was chosen."""
        answers = {qid: getattr(field, "value", None) for qid, field in fields.items()}
        try:
            await service.do_answer(self.actor, form_id=self.view.id, child_id=child.child_id, answers=answers,
                                    now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("forms.sent"), type="positive")
        self.view = await reading.form_for_guardian(self.actor, self.view.id, utcnow())
        self.cards.refresh()
