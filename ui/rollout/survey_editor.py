"""The team's survey dialog: title, who, when, anchors, and sections and questions added, moved and removed in place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.rollout.model import DEFAULT_ANCHORS, MIN_GROUP, OPTION_KINDS, Audience, QuestionKind
from domain.rollout.survey_edit import EditableSurvey, do_update_survey
from domain.rollout.survey_questions import Item, QuestionDraft, SectionDraft, as_question
from domain.rollout.surveys import SurveyDraft, do_create_survey, institution_choices
from ui.components import icon_button, named_dialog, refuse, section_heading
from ui.dates import date_input, problem
from ui.i18n import fmt_date, t

DEFAULT_OPEN_DAYS = 14
SATISFIED = ("Meget utilfreds", "Utilfreds", "Hverken tilfreds eller utilfreds", "Tilfreds", "Meget tilfreds")


@dataclass
class Row:
    """One line of the content being written: a section heading or a question."""

    section: bool
    text: str = ""
    intro: str = ""
    kind: QuestionKind = QuestionKind.SCALE
    options: str = ""  # one option per line, as typed
    required: bool = True

    @staticmethod
    def of(item: Item) -> Row:
        """A stored item as a line to edit."""
        if isinstance(item, SectionDraft):
            return Row(True, item.title, item.intro)
        q = as_question(item)
        return Row(False, q.text, kind=q.kind, options="\n".join(q.options), required=q.required)

    def item(self) -> Item:
        """The line as the service wants it."""
        if self.section:
            return SectionDraft(self.text, self.intro)
        return QuestionDraft(self.kind, self.text, tuple(self.options.splitlines()), self.required)


class ContentEditor:
    """Sections and questions in order, each with move up, move down and remove."""

    def __init__(self, items: list[Item]) -> None:
        self.rows = [Row.of(i) for i in items] or [Row(False)]
        self.box = ui.column().classes("w-full gap-2")
        self.draw()

    def _name(self, n: int) -> str:
        row = self.rows[n]
        if row.section:
            if row.text.strip():
                return t("survey.item.section", title=row.text.strip())
            return t("survey.item.section_n", n=sum(1 for r in self.rows[:n + 1] if r.section))
        return t("survey.item.question", n=sum(1 for r in self.rows[:n + 1] if not r.section))

    def draw(self) -> None:
        """One bordered block per line; a question's number counts questions only."""
        self.box.clear()
        kinds = {k: t(f"survey.kind.{k.value}") for k in QuestionKind}
        number = 0
        with self.box:
            for n, row in enumerate(self.rows):
                with ui.column().classes("w-full gap-1 q-pa-sm rounded-borders").style(
                        "border: 1px solid #b0b0b0").mark(f"item-{n}"):
                    if row.section:
                        ui.input(t("survey.field.section"), value=row.text,
                                 on_change=lambda e, r=row: setattr(r, "text", e.value or "")).props(
                            "dense outlined maxlength=160").classes("w-full").mark(f"section-title-{n}")
                        ui.textarea(t("survey.field.intro"), value=row.intro,
                                    on_change=lambda e, r=row: setattr(r, "intro", e.value or "")).props(
                            "dense outlined autogrow maxlength=1000").classes("w-full").mark(f"section-intro-{n}")
                    else:
                        number += 1
                        self._question(n, number, row, kinds)
                    with ui.row().classes("w-full justify-end gap-0"):
                        name = self._name(n)
                        if n > 0:
                            icon_button("arrow_upward", t("survey.move_up", what=name),
                                        lambda n=n: self.move(n, -1)).mark(f"item-up-{n}")
                        if n < len(self.rows) - 1:
                            icon_button("arrow_downward", t("survey.move_down", what=name),
                                        lambda n=n: self.move(n, 1)).mark(f"item-down-{n}")
                        label = (t("survey.remove", what=name) if row.section
                                 else t("survey.remove_question", n=number))
                        icon_button("delete", label, lambda r=row: self.remove(r)).mark(f"item-remove-{n}")
            with ui.row().classes("gap-2"):
                ui.button(t("survey.add_question"), icon="add", on_click=self.add_question).props(
                    "flat no-caps").mark("add-question")
                ui.button(t("survey.add_section"), icon="title", on_click=self.add_section).props(
                    "flat no-caps").mark("add-section")

    def _question(self, n: int, number: int, row: Row, kinds: dict[QuestionKind, str]) -> None:
        with ui.row().classes("w-full items-center gap-1"):
            ui.select(kinds, value=row.kind, label=t("survey.field.kind", n=number),
                             on_change=lambda e, r=row: self.set_kind(r, e.value)).props(
                "dense outlined").classes("w-40").mark(f"question-kind-{n}")
            ui.checkbox(t("survey.field.required"), value=row.required,
                        on_change=lambda e, r=row: setattr(r, "required", bool(e.value))).mark(f"question-required-{n}")
        ui.input(t("survey.field.question", n=number), value=row.text,
                 on_change=lambda e, r=row: setattr(r, "text", e.value or "")).props(
            "dense outlined maxlength=300").classes("w-full").mark(f"question-text-{n}")
        if row.kind in OPTION_KINDS:
            ui.textarea(t("survey.field.options"), value=row.options,
                        on_change=lambda e, r=row: setattr(r, "options", e.value or "")).props(
                "dense outlined autogrow").classes("w-full").mark(f"question-options-{n}")

    def set_kind(self, row: Row, kind: object) -> None:
        """A new kind may bring or take away the options field; free text is optional unless ticked."""
        new = QuestionKind(str(kind))
        if (new is QuestionKind.TEXT) != (row.kind is QuestionKind.TEXT):
            row.required = new is not QuestionKind.TEXT  # a free text is optional until the team says otherwise
        row.kind = new
        self.draw()

    def move(self, n: int, step: int) -> None:
        """Swap a line with its neighbour."""
        self.rows[n], self.rows[n + step] = self.rows[n + step], self.rows[n]
        self.draw()

    def add_question(self) -> None:
        """Another required 1-5 question at the end."""
        self.rows.append(Row(False))
        self.draw()

    def add_section(self) -> None:
        """A section heading at the end; the questions added after it stand in it."""
        self.rows.append(Row(True))
        self.draw()

    def remove(self, row: Row) -> None:
        """Drop one line."""
        self.rows.remove(row)
        self.draw()

    def value(self) -> list[Item]:
        """The lines as the service wants them."""
        return [r.item() for r in self.rows]


class AnchorFields:
    """Five names for the points of the 1-5 scale, with two ready-made sets."""

    def __init__(self, anchors: tuple[str, ...]) -> None:
        ui.label(t("survey.field.anchors")).classes("text-subtitle2")
        with ui.row().classes("gap-2"):
            ui.button(t("survey.anchors.agree"), on_click=lambda: self.set(DEFAULT_ANCHORS)).props(
                "flat dense no-caps").mark("anchors-agree")
            ui.button(t("survey.anchors.satisfied"), on_click=lambda: self.set(SATISFIED)).props(
                "flat dense no-caps").mark("anchors-satisfied")
        with ui.element("div").classes("w-full").style(
                "display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 4px"):
            self.inputs = [ui.input(t("survey.field.anchor", n=n), value=a).props("dense outlined maxlength=40")
                           .mark(f"anchor-{n}") for n, a in enumerate(anchors, start=1)]

    def set(self, anchors: tuple[str, ...]) -> None:
        """Fill in a ready-made set."""
        for box, a in zip(self.inputs, anchors, strict=True):
            box.value = a

    def value(self) -> tuple[str, ...]:
        """The five names as typed."""
        return tuple(str(box.value or "") for box in self.inputs)


def read_only(existing: EditableSurvey) -> None:
    """The survey's content as text, with why it can no longer change."""
    d = existing.draft
    ui.label(t("survey.error.locked")).classes("text-body2").mark("locked-reason")
    ui.label(f"{t('survey.field.closes_on')}: {fmt_date(d.closes_on)}").classes("text-grey-8")
    ui.label(f"{t('survey.field.anchors')} " + " · ".join(f"{n} = {a}" for n, a in enumerate(d.anchors, start=1)
                                                           if a)).classes("text-body2 text-grey-8")
    number = 0
    for item in d.questions:
        if isinstance(item, SectionDraft):
            ui.label(item.title).classes("text-subtitle1 text-weight-medium q-mt-sm")
            continue
        q = as_question(item)
        number += 1
        mark = "survey.respond.required" if q.required else "survey.respond.optional_mark"
        ui.label(f"{number}. {q.text} ({t(f'survey.kind.{q.kind.value}')}, {t(mark)})").classes("text-body2")
        for option in q.options:
            ui.label(f"• {option}").classes("q-pl-md text-body2 text-grey-8")


async def survey_dialog(actor: Actor, on_saved: Callable[[], Awaitable[None]],
                        existing: EditableSurvey | None = None) -> None:
    """'Ny evaluering', or an existing survey to edit (read-only once answered); a refusal keeps what was typed."""
    choices = dict(await institution_choices(actor))
    d = existing.draft if existing else None
    heading = (t("survey.admin.new") if existing is None else
               t("survey.edit.read_only") if existing.locked else t("survey.edit.title"))
    with named_dialog(heading) as dialog, ui.card().classes("w-full max-w-xl gap-2").mark("new-survey-dialog"):
        section_heading(heading)
        if existing is not None and existing.locked:
            ui.label(existing.draft.title).classes("text-subtitle1")
            read_only(existing)
            with ui.row().classes("w-full justify-end"):
                ui.button(t("survey.edit.done"), on_click=dialog.delete).props("flat no-caps").mark("close-dialog")
            dialog.open()
            return
        title = ui.input(t("survey.field.title"), value=d.title if d else "").props(
            "dense outlined maxlength=160").classes("w-full").mark("new-title")
        audience = ui.select({a: t(f"survey.audience.{a.value}") for a in Audience},
                             value=d.audience if d else Audience.GUARDIANS,
                             label=t("survey.field.audience")).props("dense outlined").mark("new-audience")
        ui.label(t("survey.field.privacy")).classes("text-subtitle2")
        privacy = ui.radio({"anonymous": t("survey.field.privacy.anonymous", min=MIN_GROUP),
                            "named": t("survey.field.privacy.named")},
                           value="named" if d and not d.anonymous else "anonymous").mark("new-privacy")
        privacy.props(f'role=radiogroup aria-label="{t("survey.field.privacy")}"')
        closes = date_input(t("survey.field.closes_on"),
                            d.closes_on if d else today_local() + timedelta(days=DEFAULT_OPEN_DAYS), past=False)
        closes.mark("new-closes")
        places = ui.select(choices, multiple=True, label=t("survey.field.institutions"),
                           value=list(d.institution_ids) if d else []).props(
            "dense outlined use-chips").classes("w-full").mark("new-institutions")
        anchors = AnchorFields(d.anchors if d else DEFAULT_ANCHORS)
        ui.label(t("survey.field.questions")).classes("text-subtitle2")
        content = ContentEditor(list(d.questions) if d else [])

        async def save() -> None:
            day = closes.checked()
            if day is None:
                ui.notify(problem(closes) or t("survey.error.bad_date"), type="negative")
                return
            draft = SurveyDraft(title.value or "", Audience(audience.value), day, list(places.value or []),
                                content.value(), anonymous=privacy.value != "named", anchors=anchors.value())
            try:
                if existing is None:
                    await do_create_survey(actor, draft, utcnow())
                else:
                    await do_update_survey(actor, existing.id, draft, utcnow())
            except DomainError as error:
                refuse(error)
                return
            dialog.delete()  # a closed dialog left behind would be found again by the next one's fields
            ui.notify(t("survey.created" if existing is None else "survey.edit.saved"), type="positive")
            await on_saved()

        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("common.cancel"), on_click=dialog.delete).props("flat no-caps")
            ui.button(t("survey.create" if existing is None else "survey.edit.save"), on_click=save).props(
                "no-caps").mark("create-survey")
    dialog.open()

