"""What staff see of a form: counts per question, text answers, who answered when, who is missing; and a CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from domain.audit import service as audit
from domain.clock import COPENHAGEN, today_local
from domain.forms.model import Question, QuestionKind
from domain.forms.service import (
    check_manage,
    group_children,
    guardian_names,
    is_open,
    load_form,
    person_names,
    questions_of,
)
from domain.identity.model import Actor
from persistence.forms import FormAnswer


@dataclass(frozen=True)
class QuestionResult:
    """One question's tally: a count per choice (yes/no or each option) and the text answers with the child."""

    question: Question
    counts: tuple[tuple[str, int], ...] = ()
    texts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ChildRow:
    """One child's answer: by whom and when, and the values by question id."""

    child_id: int
    child_name: str
    answered_by: str
    answered_at: datetime
    answers: dict[str, object]


@dataclass(frozen=True)
class MissingChild:
    """A child without an answer, with the guardians to ask."""

    child_id: int
    child_name: str
    guardians: tuple[str, ...]


@dataclass(frozen=True)
class FormResults:
    """Everything the results page shows."""

    form_id: int
    title: str
    description: str
    group_name: str
    author_name: str
    deadline: datetime
    closed: bool
    open: bool
    questions: tuple[QuestionResult, ...]
    answered: tuple[ChildRow, ...]
    missing: tuple[MissingChild, ...]

    @property
    def expected(self) -> int:
        """Children asked (answered and missing)."""
        return len(self.answered) + len(self.missing)


YES, NO = "ja", "nej"


def _tally(q: Question, rows: list[ChildRow]) -> QuestionResult:
    values = [r.answers.get(q.id) for r in rows]
    if q.kind is QuestionKind.YES_NO:
        return QuestionResult(q, ((YES, values.count(True)), (NO, values.count(False))))
    if q.kind is QuestionKind.CHOICE:
        return QuestionResult(q, tuple((o, sum(1 for v in values if v == o)) for o in q.options))
    return QuestionResult(q, texts=tuple((r.child_name, str(r.answers[q.id])) for r in rows
                                         if isinstance(r.answers.get(q.id), str)))


async def form_results(actor: Actor, form_id: int, now: datetime, *, audit_reads: bool = True) -> FormResults:
    """The results of a form for staff who may manage it (reads are audited per child when the page opens)."""
    form = await load_form(form_id)
    day = today_local(now)
    group = await check_manage(actor, form.group_id, day, "forms.results")
    answers = await FormAnswer.filter(form_id=form.id).order_by("answered_at", "id")
    expected = await group_children(form.group_id, day)
    missing_ids = sorted(expected - {int(a.child_id) for a in answers})
    names = await person_names([int(a.child_id) for a in answers] + [a.guardian_id for a in answers
                                                                       if a.guardian_id] + missing_ids)

    def full(pid: int | None) -> str:
        first, last = names.get(pid or 0, ("", ""))
        return f"{first} {last}".strip()

    rows = sorted((ChildRow(int(a.child_id), full(a.child_id), full(a.guardian_id), a.answered_at, dict(a.answers))
                   for a in answers), key=lambda r: r.child_name)
    guardians = await guardian_names(missing_ids, day)
    missing = sorted((MissingChild(c, full(c), tuple(guardians.get(c, []))) for c in missing_ids),
                     key=lambda m: m.child_name)
    if audit_reads:
        await audit.record_reads(actor, "forms.results", [r.child_id for r in rows] + missing_ids,
                                 detail=f"form={form.id}")
    questions = questions_of(form)
    return FormResults(form.id, form.title, form.description, group.name,
                       form.author_name, form.deadline, form.closed_at is not None, is_open(form, now),
                       tuple(_tally(q, rows) for q in questions), tuple(rows), tuple(missing))


def _safe(text: str) -> str:
    # A spreadsheet would run a cell starting with = + - @ as a formula; a leading apostrophe keeps it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _cell(q: Question, value: object) -> str:
    if value is None:
        return ""
    if q.kind is QuestionKind.YES_NO:
        return YES if value is True else NO
    return _safe(str(value))


def results_csv(results: FormResults) -> bytes:
    """The answers as a Danish spreadsheet file: ';'-separated, UTF-8 with BOM, one row per child."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    questions = [r.question for r in results.questions]
    writer.writerow(["Barn", "Besvaret af", "Besvaret"] + [_safe(q.text) for q in questions])
    for row in results.answered:
        at = row.answered_at.astimezone(COPENHAGEN).strftime("%d.%m.%Y %H:%M")
        cells = [_cell(q, row.answers.get(q.id)) for q in questions]
        writer.writerow([_safe(row.child_name), _safe(row.answered_by), at] + cells)
    for child in results.missing:
        writer.writerow([_safe(child.child_name), "Mangler svar", ""] + [""] * len(questions))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
