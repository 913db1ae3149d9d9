"""Blanketter: question kinds, the input a form is built from, read models and the events pages follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.events import Event

TITLE_MAX = 200
DESCRIPTION_MAX = 4_000
QUESTION_MAX = 500
OPTION_MAX = 120
TEXT_ANSWER_MAX = 2_000
MIN_QUESTIONS, MAX_QUESTIONS = 1, 20
MIN_OPTIONS, MAX_OPTIONS = 2, 10

# The reminder is a Beskeder message in Danish, the language of the institution's own texts.
REMINDER_SUBJECT = "Påmindelse: {title}"
REMINDER_BODY = ("Hej\n\nVi mangler stadig jeres svar på blanketten «{title}» for {children}. "
                 "Fristen er {deadline}.\n\nSvar her: {link}\n\nVenlig hilsen\n{sender}")


# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.


def form_topic(form_id: int) -> str:
    """The pages of one form."""
    return f"form:{form_id}"


class QuestionKind(StrEnum):
    """What a question asks for."""

    YES_NO = "yes_no"
    CHOICE = "choice"
    TEXT = "text"


@dataclass(frozen=True)
class QuestionInput:
    """One question as staff write it in the form builder (options only for a choice)."""

    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class Question:
    """A stored question with its id ("q1", "q2", ...)."""

    id: str
    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    required: bool = True

    def wire(self) -> dict[str, object]:
        """The question as stored in the form's JSON."""
        return {"id": self.id, "kind": self.kind.value, "text": self.text, "options": list(self.options),
                "required": self.required}

    @classmethod
    def from_wire(cls, data: dict[str, object]) -> Question:
        """A question from the form's JSON."""
        options = data.get("options") or []
        return cls(str(data["id"]), QuestionKind(str(data["kind"])), str(data["text"]),
                   tuple(str(o) for o in options) if isinstance(options, list) else (),
                   bool(data.get("required", True)))


@dataclass(frozen=True)
class FormSummary:
    """A line in a list of forms: for staff with counts, for a guardian with the children it concerns."""

    id: int
    title: str
    group_name: str
    deadline: datetime
    closed: bool
    answered: int = 0
    expected: int = 0
    waiting_children: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChildAnswer:
    """One child of a guardian in the form's group, with the answer given so far (if any)."""

    child_id: int
    first_name: str
    last_name: str
    answers: dict[str, object] = field(default_factory=dict)
    answered_by: str = ""
    answered_at: datetime | None = None


@dataclass(frozen=True)
class FormView:
    """A form with its questions, and for a guardian their children in the group."""

    id: int
    group_id: int
    group_name: str
    title: str
    description: str
    author_name: str
    questions: tuple[Question, ...]
    deadline: datetime
    closed: bool
    open: bool
    children: tuple[ChildAnswer, ...] = ()


@dataclass(frozen=True)
class Pending:
    """A form a guardian still has to answer for a child."""

    form_id: int
    title: str
    child_first_name: str
    deadline: datetime


@dataclass(frozen=True)
class FormAnswered(Event):
    """A guardian answered (or changed the answer) for a child; the staff results page reloads."""

    form_id: int
    child_id: int
    answered_by: str

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to the form's results page."""
        return (form_topic(self.form_id),)


@dataclass(frozen=True)
class FormClosed(Event):
    """Staff closed a form early; open pages stop taking answers."""

    form_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to the form's pages."""
        return (form_topic(self.form_id),)
