"""One survey's answer form: sections as headings, each kind of question with its own named control."""

from __future__ import annotations

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from domain.rollout.model import NO, SCALE_MIN, YES, ZERO_TEN_MAX, ZERO_TEN_MIN, QuestionKind
from domain.rollout.survey_questions import Given, Spec, missing
from domain.rollout.surveys import OpenQuestion, OpenSurvey
from ui.i18n import t, tn

# A scale is a row of equal boxes, each a radio with its number and name; 0-10 wraps into two rows on a phone.
FORM_CSS = """
.sammen-scale.q-option-group { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 4px;
  margin: 0; width: 100%; }
.sammen-scale.sammen-eleven { grid-template-columns: repeat(auto-fit, minmax(48px, 1fr)); }
.sammen-scale.q-option-group > div { margin: 0; padding: 0; min-width: 0; }
.sammen-scale .q-radio { display: flex; flex-direction: column; align-items: center; width: 100%; height: 100%;
  border: 1px solid #8a8a8a; border-radius: 6px; padding: 4px 2px; }
.sammen-scale .q-radio[aria-checked="true"] { border: 2px solid var(--q-primary); background: #e8f0fb; }
.sammen-scale .q-radio__label { padding: 0; text-align: center; white-space: pre-line; font-size: 0.8rem;
  line-height: 1.15; overflow-wrap: anywhere; }
"""


class Field:
    """One question's control, its error line and how its value reads."""

    def __init__(self, q: OpenQuestion, anchors: tuple[str, ...]) -> None:
        self.q = q
        self.checks: list[ui.checkbox] = []
        self.radio: ui.radio | None = None
        self.text: ui.textarea | None = None
        name = f"{q.number}. {q.text}"
        with ui.column().classes("w-full gap-1 q-mt-sm").mark(f"question-{q.id}"):
            with ui.row().classes("items-baseline gap-2 no-wrap"):
                ui.label(name).classes("text-subtitle2 sammen-wrap")
                mark = "survey.respond.required" if q.required else "survey.respond.optional_mark"
                ui.label(f"({t(mark)})").classes("text-caption text-grey-8")
            self._control(name, anchors)
            self.error = ui.label("").classes("text-negative text-body2").mark(f"missing-{q.id}")
            self.error.props('role=alert')
            self.error.set_visibility(False)
            for control in (self.radio, *self.checks):
                if control is not None:
                    control.on_value_change(lambda: self.show_missing(False))

    def _radio(self, options: dict[int, str], name: str, marker: str, classes: str = "") -> None:
        self.radio = ui.radio(options).props("inline").classes(classes).mark(marker)
        self.radio.props(f'role=radiogroup aria-label="{name}"')
        if self.q.required:
            self.radio.props('aria-required=true')

    def _control(self, name: str, anchors: tuple[str, ...]) -> None:
        q = self.q
        if q.kind is QuestionKind.SCALE:
            labels = {v: f"{v}\n{a}" if a else str(v) for v, a in enumerate(anchors, start=SCALE_MIN)}
            self._radio(labels, name, f"scale-{q.id}", "sammen-scale")
        elif q.kind is QuestionKind.ZERO_TEN:
            ui.label(t("survey.respond.zero_ten_hint")).classes("text-caption text-grey-8")
            self._radio({v: str(v) for v in range(ZERO_TEN_MIN, ZERO_TEN_MAX + 1)}, name, f"zero-ten-{q.id}",
                        "sammen-scale sammen-eleven")
        elif q.kind is QuestionKind.YES_NO:
            self._radio({YES: t("survey.respond.yes"), NO: t("survey.respond.no")}, name, f"yes-no-{q.id}")
        elif q.kind is QuestionKind.CHOICE:
            self.radio = ui.radio(dict(enumerate(q.options))).mark(f"choice-{q.id}")
            self.radio.props(f'role=radiogroup aria-label="{name}"')
        elif q.kind is QuestionKind.CHOICES:
            ui.label(t("survey.respond.choose_many")).classes("text-caption text-grey-8")
            with ui.element("div").classes("column").mark(f"choices-{q.id}") as group:
                group.props(f'role=group aria-label="{name}"')
                self.checks = [ui.checkbox(option).mark(f"choices-{q.id}-{n}") for n, option in enumerate(q.options)]
        else:
            self.text = ui.textarea().props("outlined autogrow maxlength=2000 counter").classes("w-full").mark(
                f"text-{q.id}")
            self.text.props["aria-label"] = name

    def value(self) -> Given:
        """What the person gave: a number, chosen option indexes, a text, or None."""
        if self.checks:
            return [n for n, box in enumerate(self.checks) if box.value]
        if self.radio is not None:
            return None if self.radio.value is None else int(self.radio.value)
        return (self.text.value or "") if self.text is not None else None

    def show_missing(self, is_missing: bool) -> None:
        """Say under the question that it must be answered, or take that away."""
        self.error.text = t("survey.respond.missing") if is_missing else ""
        self.error.set_visibility(is_missing)


class AnswerForm:
    """The fields of one survey; `answers` reads them, `check` marks the required ones left empty."""

    def __init__(self, survey: OpenSurvey) -> None:
        ui.add_css(FORM_CSS)
        self.survey = survey
        self.fields: dict[int, Field] = {}
        section: int | None = None
        for q in survey.questions:
            if q.section is not None and q.section != section:
                title, intro = survey.sections[q.section]
                TextElement(tag="h3", text=title).classes("text-subtitle1 text-weight-medium q-mt-md q-mb-none "
                                                          "sammen-wrap").mark(f"section-{q.section}")
                if intro:
                    ui.label(intro).classes("text-body2 text-grey-8 whitespace-pre-wrap")
            section = q.section
            self.fields[q.id] = Field(q, survey.anchors)

    def answers(self) -> dict[int, Given]:
        """Question id -> what was given, leaving out what was left empty."""
        out: dict[int, Given] = {}
        for qid, f in self.fields.items():
            given = f.value()
            if given not in (None, "", []):
                out[qid] = given
        return out

    def check(self) -> bool:
        """Mark every required question left empty; True when none is, else say how many."""
        specs = {q.id: Spec(q.kind, q.number, q.required, len(q.options)) for q in self.survey.questions}
        gaps = set(missing(specs, self.answers()))
        for f in self.fields.values():
            f.show_missing(f.q.number in gaps)
        if gaps:
            ui.notify(tn("survey.respond.missing_count", len(gaps)), type="negative", multi_line=True)
        return not gaps
