"""The form builder for staff: group, title, deadline and 1-20 questions (ja/nej, vælg én, tekst)."""

from __future__ import annotations

from datetime import timedelta

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.forms import service
from domain.forms.model import MAX_QUESTIONS, QuestionInput, QuestionKind
from domain.identity.model import Actor
from ui.components import refuse
from ui.dates import date_input
from ui.forms.parts import deadline_from
from ui.i18n import t
from ui.presence.parent_parts import time_input

KINDS = (QuestionKind.YES_NO, QuestionKind.CHOICE, QuestionKind.TEXT)


class QuestionEditor:
    """One question's fields; it reads itself back as a QuestionInput."""

    def __init__(self, builder: FormBuilder, n: int) -> None:
        self.builder = builder
        with ui.card().classes("w-full q-pa-sm").mark(f"question-{n}") as self.card:
            with ui.row().classes("items-center justify-between w-full no-wrap"):
                self.kind = ui.toggle({k.value: t(f"forms.builder.kind.{k.value}") for k in KINDS},
                                      value=QuestionKind.YES_NO.value).props("no-caps dense").mark(f"q-kind-{n}")
                remove = ui.button(icon="delete", on_click=self.remove).props("flat round dense color=negative")
                remove.props["aria-label"] = t("forms.builder.remove")  # a tooltip is no name: the icon needs one
                remove.tooltip(t("forms.builder.remove")).mark(f"q-remove-{n}")
            self.text = ui.input(t("forms.builder.text")).props("outlined dense maxlength=500").classes(
                "w-full").mark(f"q-text-{n}")
            self.options = ui.textarea(t("forms.builder.options")).props("outlined dense autogrow").classes(
                "w-full").mark(f"q-options-{n}")
            self.options.bind_visibility_from(self.kind, "value", value=QuestionKind.CHOICE.value)
            self.required = ui.checkbox(t("forms.builder.required"), value=True).mark(f"q-required-{n}")

    def remove(self) -> None:
        """Drop this question from the form."""
        self.builder.editors.remove(self)
        self.card.delete()
        self.builder.add_button.enable()

    def read(self) -> QuestionInput:
        """What staff filled in."""
        kind = QuestionKind(str(self.kind.value))
        options = tuple(line for line in str(self.options.value or "").splitlines() if line.strip()) \
            if kind is QuestionKind.CHOICE else ()
        return QuestionInput(kind, str(self.text.value or ""), options, bool(self.required.value))


class FormBuilder:
    """The whole builder for one staff member's page (per client)."""

    def __init__(self, actor: Actor, groups: list[tuple[int, str]]) -> None:
        self.actor, self.groups = actor, groups
        self.editors: list[QuestionEditor] = []
        self.count = 0

    def build(self) -> None:
        """Draw the fields, one first question and the buttons."""
        with ui.card().classes("w-full max-w-screen-md"):
            self.group = ui.select(dict(self.groups), value=self.groups[0][0], label=t("forms.builder.group")).props(
                "outlined dense").classes("w-full").mark("form-group")
            self.title = ui.input(t("forms.builder.title")).props("outlined dense maxlength=200").classes(
                "w-full").mark("form-title")
            self.description = ui.textarea(t("forms.builder.description")).props(
                "outlined dense autogrow maxlength=4000").classes("w-full").mark("form-description")
            with ui.element("div").classes("grid grid-cols-2 gap-2 w-full"):
                self.day = date_input(t("forms.builder.deadline_day"), today_local() + timedelta(days=7),
                                      "form-deadline-day", past=False).classes("w-full")
                self.time = time_input(t("forms.builder.deadline_time"), "12:00", "form-deadline-time")
            ui.label(t("forms.builder.questions")).classes("text-subtitle1 text-weight-medium")
            self.list = ui.column().classes("w-full gap-2")
            self.add_button = ui.button(t("forms.builder.add"), icon="add", on_click=self.add).props(
                "outline no-caps").mark("add-question")
            ui.button(t("forms.builder.create"), icon="check", on_click=self.create).props("no-caps").mark(
                "create-form")
        self.add()

    def add(self) -> None:
        """Another question at the end (at most 20)."""
        self.count += 1
        with self.list:
            self.editors.append(QuestionEditor(self, self.count))
        if len(self.editors) >= MAX_QUESTIONS:
            self.add_button.disable()

    async def create(self) -> None:
        """Create the form; on a refusal say why and keep what was typed."""
        deadline = deadline_from(self.day.checked(), self.time.value)
        if deadline is None:
            ui.notify(t("forms.builder.bad_deadline"), type="negative")
            return
        try:
            form_id = await service.do_create_form(
                self.actor, group_id=int(self.group.value), title=str(self.title.value or ""),
                description=str(self.description.value or ""), questions=[e.read() for e in self.editors],
                deadline=deadline, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("forms.created"), type="positive")
        ui.navigate.to(f"/kalender/blanketter/{form_id}")
