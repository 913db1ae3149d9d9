"""Each question's answers summed up by kind: option counts and shares, scale averages and spreads, free texts.

`summarise` is pure and takes counted answers; `tally` counts raw answer rows in one pass; `question_summaries` asks
the database for the counts in a fixed number of aggregate queries (6, whatever the number of answers). In an
anonymous survey a question answered 1-4 times shows no figure, and free texts need 5 responses in the group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from tortoise.functions import Count

from domain.collation import danish_key
from domain.rollout.model import (
    DEFAULT_ANCHORS,
    NO,
    SCALE_MAX,
    SCALE_MIN,
    YES,
    ZERO_TEN_MAX,
    ZERO_TEN_MIN,
    QuestionKind,
    too_few,
)
from persistence.rollout import SurveyAnswer, SurveyQuestion, SurveyResponse, SurveySection


@dataclass(frozen=True)
class Bucket:
    """How many chose one value: an option's index, a scale point, 1 yes / 0 no; `share` of those who answered."""

    value: int
    count: int
    share: float


@dataclass(frozen=True)
class QuestionSummary:
    """One question's figures; with `hidden` (too few answers in an anonymous survey) every figure is empty.

    `buckets` hold every possible value in order, zeros included (options in their order, yes before no);
    for several choices the shares are of those who answered, so they may add up to more than 100 %.
    """

    id: int
    number: int
    kind: QuestionKind
    text: str
    section: str
    options: tuple[str, ...]  # a choice question's options; a 1-5 scale's anchors
    answered: int | None
    hidden: bool
    buckets: tuple[Bucket, ...]
    average: float | None
    texts: tuple[str, ...]


@dataclass(frozen=True)
class QuestionInfo:
    """What summing up needs to know of a question."""

    id: int
    number: int
    kind: QuestionKind
    text: str
    section: str = ""
    options: tuple[str, ...] = ()


def values_of(q: QuestionInfo) -> list[int]:
    """The values a question's answers can hold, in the order they are shown."""
    if q.kind is QuestionKind.SCALE:
        return list(range(SCALE_MIN, SCALE_MAX + 1))
    if q.kind is QuestionKind.ZERO_TEN:
        return list(range(ZERO_TEN_MIN, ZERO_TEN_MAX + 1))
    if q.kind is QuestionKind.YES_NO:
        return [YES, NO]
    if q.kind in (QuestionKind.CHOICE, QuestionKind.CHOICES):
        return list(range(len(q.options)))
    return []


def summarise(questions: Sequence[QuestionInfo], counts: Mapping[tuple[int, int], int], answered: Mapping[int, int],
              texts: Mapping[int, Sequence[str]], responses: int, anonymous: bool) -> tuple[QuestionSummary, ...]:
    """Every question's summary from counts per (question, value), respondents per question and the free texts."""
    out = []
    for q in questions:
        n = answered.get(q.id, 0)
        # Free texts are shown once the group holds enough responses, as they always were; figures need 5 answers.
        hidden = anonymous and too_few(responses if q.kind is QuestionKind.TEXT else n)
        buckets: tuple[Bucket, ...] = ()
        average = None
        if not hidden and q.kind is not QuestionKind.TEXT:
            buckets = tuple(Bucket(v, c, c / n if n else 0.0) for v in values_of(q)
                            for c in [counts.get((q.id, v), 0)])
            if q.kind in (QuestionKind.SCALE, QuestionKind.ZERO_TEN) and n:
                average = sum(b.value * b.count for b in buckets) / n
        shown_texts = tuple(texts.get(q.id, ())) if q.kind is QuestionKind.TEXT and not hidden else ()
        # A count is a figure too: never one of 1-4 answers in an anonymous survey, even beside shown texts.
        count = None if hidden or (anonymous and too_few(n)) else n
        out.append(QuestionSummary(q.id, q.number, q.kind, q.text, q.section, q.options, count,
                                   hidden, buckets, average, shown_texts))
    return tuple(out)


def tally(rows: Iterable[tuple[int, int, int | None, str]]) -> tuple[dict[tuple[int, int], int], dict[int, int],
                                                                     dict[int, list[str]]]:
    """Counts, respondents per question and sorted texts from (response id, question id, value, text) rows, in one
    pass; for callers that already hold the answers they want summed up."""
    counts: Counter[tuple[int, int]] = Counter()
    who: dict[int, set[int]] = {}
    texts: dict[int, list[str]] = {}
    for response, question, value, text in rows:
        who.setdefault(question, set()).add(response)
        if value is not None:
            counts[(question, value)] += 1
        elif text:
            texts.setdefault(question, []).append(text)
    return dict(counts), {q: len(r) for q, r in who.items()}, {q: sorted(t, key=danish_key) for q, t in texts.items()}


async def question_infos(survey_id: int, anchors: tuple[str, ...] = DEFAULT_ANCHORS) -> list[QuestionInfo]:
    """A survey's questions in order, numbered, with their section's title; a 1-5 scale's options are its anchors
    (2 queries)."""
    titles = dict(await SurveySection.filter(survey_id=survey_id).values_list("id", "title"))
    rows = await SurveyQuestion.filter(survey_id=survey_id).order_by("position", "id").values_list(
        "id", "kind", "text", "section_id", "options")
    return [QuestionInfo(int(q), n, QuestionKind(k), str(text), str(titles.get(s, "")) if s else "",
                         anchors if k == QuestionKind.SCALE else tuple(str(o) for o in (options or ())))
            for n, (q, k, text, s, options) in enumerate(rows, start=1)]


async def question_summaries(survey_id: int, anonymous: bool, institution_ids: Collection[int] | None = None,
                             anchors: tuple[str, ...] = DEFAULT_ANCHORS) -> tuple[QuestionSummary, ...]:
    """The summaries of a survey's questions, of every answer or of those counted for some institutions.

    6 queries: sections, questions, counts per value, respondents per question, the free texts, responses.
    """
    where: dict[str, object] = {"response__survey_id": survey_id}
    responses = SurveyResponse.filter(survey_id=survey_id)
    if institution_ids is not None:
        where["response__institution_id__in"] = list(institution_ids)
        responses = responses.filter(institution_id__in=list(institution_ids))
    infos = await question_infos(survey_id, anchors)
    counts = {(int(q), int(v)): int(n) for q, v, n in await (
        SurveyAnswer.filter(**where, value__isnull=False).annotate(n=Count("id"))
        .group_by("question_id", "value").values_list("question_id", "value", "n"))}
    answered = {int(q): int(n) for q, n in await (
        SurveyAnswer.filter(**where).annotate(n=Count("response_id", distinct=True))
        .group_by("question_id").values_list("question_id", "n"))}
    texts: dict[int, list[str]] = {}
    for q, text in await (SurveyAnswer.filter(**where, question__kind=QuestionKind.TEXT).exclude(text="")
                          .values_list("question_id", "text")):
        texts.setdefault(int(q), []).append(str(text))
    # Sorted by text, not by submission, so a reader cannot line a text up with who answered when.
    texts = {q: sorted(found, key=danish_key) for q, found in texts.items()}
    return summarise(infos, counts, answered, texts, await responses.count(), anonymous)
