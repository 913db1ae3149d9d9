"""A survey's content as the team writes it (sections, questions of six kinds, anchors) and the rules of an answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.errors import DomainError
from domain.rollout.model import (
    DEFAULT_ANCHORS,
    NO,
    OPTION_KINDS,
    SCALE_MAX,
    SCALE_MIN,
    YES,
    ZERO_TEN_MAX,
    ZERO_TEN_MIN,
    QuestionKind,
)

QUESTION_MAX, TEXT_ANSWER_MAX, QUESTIONS_MAX = 300, 2000, 40
SECTION_MAX, INTRO_MAX, SECTIONS_MAX = 160, 1000, 20
OPTION_MAX, OPTIONS_MIN, OPTIONS_MAX, ANCHOR_MAX = 120, 2, 20, 40

# What one question may be answered with: a number, a text, or the chosen options' indexes.
Given = int | str | list[int] | None


@dataclass(frozen=True)
class QuestionDraft:
    """One question as the team writes it; options only for the choice kinds."""

    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class SectionDraft:
    """A heading with an optional introduction; the questions after it, up to the next heading, stand in it."""

    title: str
    intro: str = ""


# The survey's content in order; a bare (kind, text) is a question, required unless it is free text.
Item = QuestionDraft | SectionDraft | tuple[QuestionKind, str]


@dataclass(frozen=True)
class Spec:
    """What checking an answer needs to know of a question."""

    kind: QuestionKind
    number: int
    required: bool
    options: int = 0


@dataclass(frozen=True)
class Content:
    """A survey's content made plain: its sections and its questions, each with the section index it stands in."""

    sections: tuple[SectionDraft, ...]
    questions: tuple[tuple[QuestionDraft, int | None], ...]
    anchors: tuple[str, ...] = field(default=DEFAULT_ANCHORS)


def as_question(item: QuestionDraft | tuple[QuestionKind, str]) -> QuestionDraft:
    """A bare (kind, text) as a question: free text is optional, as it always was."""
    if isinstance(item, QuestionDraft):
        return item
    kind, text = item
    return QuestionDraft(kind, text, required=kind is not QuestionKind.TEXT)


def _check_question(q: QuestionDraft) -> QuestionDraft:
    if not isinstance(q.kind, QuestionKind):
        raise DomainError("survey.error.unknown_kind")
    text = q.text.strip()
    if not text:
        raise DomainError("survey.error.question_required")
    if len(text) > QUESTION_MAX:
        raise DomainError("survey.error.question_too_long", max=QUESTION_MAX)
    options = tuple(o.strip() for o in q.options if o.strip())
    if q.kind in OPTION_KINDS:
        if len(options) < OPTIONS_MIN:
            raise DomainError("survey.error.too_few_options", question=text, min=OPTIONS_MIN)
        if len(options) > OPTIONS_MAX:
            raise DomainError("survey.error.too_many_options", question=text, max=OPTIONS_MAX)
        if any(len(o) > OPTION_MAX for o in options):
            raise DomainError("survey.error.option_too_long", max=OPTION_MAX)
        if len({o.casefold() for o in options}) != len(options):
            raise DomainError("survey.error.option_twice", question=text)
    else:
        options = ()  # options typed for another kind before the kind was changed are dropped, not stored
    return QuestionDraft(q.kind, text, options, bool(q.required))


def _check_section(s: SectionDraft) -> SectionDraft:
    title, intro = s.title.strip(), s.intro.strip()
    if not title:
        raise DomainError("survey.error.section_required")
    if len(title) > SECTION_MAX:
        raise DomainError("survey.error.section_too_long", max=SECTION_MAX)
    if len(intro) > INTRO_MAX:
        raise DomainError("survey.error.intro_too_long", max=INTRO_MAX)
    return SectionDraft(title, intro)


def check_anchors(anchors: Sequence[str] | None) -> tuple[str, ...]:
    """Five names for the points of a 1-5 scale; the two ends must be named, the middle ones may be blank."""
    if not anchors:
        return DEFAULT_ANCHORS
    names = tuple(a.strip() for a in anchors)
    if len(names) != SCALE_MAX - SCALE_MIN + 1:
        raise DomainError("survey.error.anchors_count", n=SCALE_MAX - SCALE_MIN + 1)
    if not names[0] or not names[-1]:
        raise DomainError("survey.error.anchor_ends")
    if any(len(a) > ANCHOR_MAX for a in names):
        raise DomainError("survey.error.anchor_too_long", max=ANCHOR_MAX)
    return names


def check_content(items: Sequence[Item], anchors: Sequence[str] | None = None) -> Content:
    """The content cleaned and checked; refuses empty or overlong texts, bad options and empty sections."""
    sections: list[SectionDraft] = []
    questions: list[tuple[QuestionDraft, int | None]] = []
    filled: set[int] = set()
    for item in items:
        if isinstance(item, SectionDraft):
            sections.append(_check_section(item))
            continue
        current = len(sections) - 1 if sections else None
        questions.append((_check_question(as_question(item)), current))
        if current is not None:
            filled.add(current)
    if not questions:
        raise DomainError("survey.error.no_questions")
    if len(questions) > QUESTIONS_MAX:
        raise DomainError("survey.error.too_many_questions", max=QUESTIONS_MAX)
    if len(sections) > SECTIONS_MAX:
        raise DomainError("survey.error.too_many_sections", max=SECTIONS_MAX)
    if empty := [s.title for n, s in enumerate(sections) if n not in filled]:
        raise DomainError("survey.error.empty_section", title=empty[0])
    return Content(tuple(sections), tuple(questions), check_anchors(anchors))


# --- answers ----------------------------------------------------------------------------------------------------


def _number(given: Given, low: int, high: int, spec: Spec) -> int:
    # bool is an int in Python: True must not pass as a 1.
    if isinstance(given, bool) or not isinstance(given, int) or not low <= given <= high:
        raise DomainError("survey.error.out_of_range", n=spec.number, min=low, max=high)
    return given


def _choices(given: Given, spec: Spec) -> list[int]:
    given_list: list[object] = list(given) if isinstance(given, list) else [given]
    if spec.kind is QuestionKind.CHOICE and len(given_list) > 1:
        raise DomainError("survey.error.one_choice", n=spec.number)
    chosen = [c for c in given_list if isinstance(c, int) and not isinstance(c, bool) and 0 <= c < spec.options]
    if len(chosen) != len(given_list) or len(set(chosen)) != len(chosen):
        raise DomainError("survey.error.unknown_option", n=spec.number)
    return sorted(chosen)


def is_blank(given: Given) -> bool:
    """Whether a question was left unanswered: nothing, an empty text or no option chosen."""
    return given is None or given == [] or (isinstance(given, str) and not given.strip())


def answer_rows(spec: Spec, given: Given) -> list[tuple[int | None, str]]:
    """The (value, text) rows one answer is stored as; refuses a value its question cannot take."""
    kind = spec.kind
    if kind is QuestionKind.TEXT:
        if not isinstance(given, str):
            raise DomainError("survey.error.text_expected", n=spec.number)
        if len(given.strip()) > TEXT_ANSWER_MAX:
            raise DomainError("survey.error.text_too_long", n=spec.number, max=TEXT_ANSWER_MAX)
        return [(None, given.strip())]
    if isinstance(given, str):
        raise DomainError("survey.error.value_expected", n=spec.number)
    if kind is QuestionKind.SCALE:
        return [(_number(given, SCALE_MIN, SCALE_MAX, spec), "")]
    if kind is QuestionKind.ZERO_TEN:
        return [(_number(given, ZERO_TEN_MIN, ZERO_TEN_MAX, spec), "")]
    if kind is QuestionKind.YES_NO:
        if isinstance(given, bool) or not isinstance(given, int) or given not in (YES, NO):
            raise DomainError("survey.error.yes_no", n=spec.number)
        return [(given, "")]
    return [(c, "") for c in _choices(given, spec)]


def missing(specs: dict[int, Spec], answers: dict[int, Given]) -> list[int]:
    """The numbers of the required questions left unanswered, in order."""
    return sorted(s.number for q, s in specs.items() if s.required and is_blank(answers.get(q)))


def checked_answers(specs: dict[int, Spec], answers: dict[int, Given]) -> list[tuple[int, int | None, str]]:
    """(question id, value, text) rows to store; refuses unknown questions, missing required answers, bad values."""
    if set(answers) - set(specs):
        raise DomainError("survey.error.unknown_question")
    if gaps := missing(specs, answers):
        raise DomainError("survey.error.required", n=gaps[0], count=len(gaps))
    rows: list[tuple[int, int | None, str]] = []
    for qid, spec in sorted(specs.items(), key=lambda s: s[1].number):
        given = answers.get(qid)
        if not is_blank(given):
            rows.extend((qid, value, text) for value, text in answer_rows(spec, given))
    return rows
