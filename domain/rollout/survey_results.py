"""Survey results for the project team: averages, response rates and weekly counts, aggregated in the database.

In an anonymous survey no figure built from 1-4 answers leaves this module: such a figure is None, or left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.expressions import Q
from tortoise.functions import Count, Max, Min, Sum

from domain import access
from domain.audit import service as audit
from domain.clock import COPENHAGEN, day_start, today_local
from domain.errors import NotFound
from domain.identity.model import Actor
from domain.rollout.model import DEFAULT_ANCHORS, Audience, QuestionKind, shown_groups, too_few
from domain.rollout.survey_summary import QuestionSummary, question_summaries
from persistence.people import Custody, Employment
from persistence.queries import active_on
from persistence.rollout import Survey, SurveyAnswer, SurveyInstitution, SurveyQuestion, SurveyResponse

# A line chart of more weeks than this is unreadable; the newest weeks are the ones that matter.
MAX_WEEKS = 104


@dataclass(frozen=True)
class ScaleFigure:
    """One scale question's answers from one institution."""

    institution_id: int
    average: float
    count: int


@dataclass(frozen=True)
class QuestionResult:
    """A question with its figures overall and per institution (scale) or its free texts (text).

    `count` and `average` are None when hidden, `hidden_institutions` answered but show no figures of their own,
    and `texts` is empty while the whole survey has too few answers to show.
    """

    id: int
    position: int
    kind: QuestionKind
    text: str
    count: int | None
    average: float | None
    by_institution: tuple[ScaleFigure, ...]
    hidden_institutions: tuple[int, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class InstitutionRate:
    """Responses against invited people at one institution; `responses` is None when too few to show."""

    institution_id: int
    name: str
    responses: int | None
    invited: int

    @property
    def rate(self) -> float | None:
        """The share who answered, 0-1 (0 when nobody was invited), None when hidden."""
        if self.responses is None:
            return None
        return self.responses / self.invited if self.invited else 0.0


@dataclass(frozen=True)
class WeekCount:
    """Responses in one ISO week (Copenhagen time); None when too few to show."""

    year: int
    week: int
    monday: date
    responses: int | None


@dataclass(frozen=True)
class SurveyResults:
    """Everything the results view shows; free texts carry no names; `responses` is None when too few to show."""

    id: int
    title: str
    audience: Audience
    anonymous: bool
    closes_on: date
    responses: int | None
    questions: tuple[QuestionResult, ...]
    institutions: tuple[InstitutionRate, ...]
    weeks: tuple[WeekCount, ...]
    summaries: tuple[QuestionSummary, ...] = ()  # each question's figures by kind (survey_summary)


async def _scale_figures(survey_id: int) -> dict[int, list[ScaleFigure]]:
    # Only 1-5 scales: other kinds store option indexes, yes/no or 0-10, which no average of these may mix in.
    rows = await (SurveyAnswer.filter(response__survey_id=survey_id, value__isnull=False,
                                      question__kind=QuestionKind.SCALE)
                  .annotate(total=Sum("value"), n=Count("id"))
                  .group_by("question_id", "response__institution_id")
                  .values_list("question_id", "response__institution_id", "total", "n"))
    out: dict[int, list[ScaleFigure]] = {}
    # Sum and count, not Avg: Tortoise casts Avg of an integer field back to an integer (3.5 became 3).
    for q, i, total, n in sorted(rows, key=lambda r: (r[0], r[1])):
        out.setdefault(int(q), []).append(ScaleFigure(int(i), int(total) / int(n), int(n)))
    return out


async def _free_texts(survey_id: int) -> dict[int, list[str]]:
    # Sorted by text, not by submission, so a reader cannot line a text up with who answered when.
    rows = await (SurveyAnswer.filter(response__survey_id=survey_id, question__kind=QuestionKind.TEXT)
                  .exclude(text="").order_by("question_id", "text").values_list("question_id", "text"))
    out: dict[int, list[str]] = {}
    for q, text in rows:
        out.setdefault(int(q), []).append(str(text))
    return out


async def _invited(audience: Audience, institution_ids: list[int], day: date) -> dict[int, int]:
    """People asked per institution on a day: its staff, or guardians of children enrolled there."""
    if audience is Audience.STAFF:
        query = (Employment.filter(active_on(day), institution_id__in=institution_ids, person__active=True)
                 .annotate(n=Count("person_id", distinct=True)).group_by("institution_id")
                 .values_list("institution_id", "n"))
    else:
        enrolled = active_on(day, "child__enrolments__start", "child__enrolments__end")
        query = (Custody.filter(active_on(day, "valid_from", "valid_to"), enrolled, guardian__active=True,
                                child__active=True, child__enrolments__institution_id__in=institution_ids)
                 .annotate(n=Count("guardian_id", distinct=True)).group_by("child__enrolments__institution_id")
                 .values_list("child__enrolments__institution_id", "n"))
    return {int(i): int(n) for i, n in await query}


def _monday(moment: datetime) -> date:
    local = moment.astimezone(COPENHAGEN).date()
    return local - timedelta(days=local.weekday())


async def _weeks(survey_id: int, anonymous: bool) -> tuple[WeekCount, ...]:
    """Responses per ISO week from the first answer to the last, zero weeks included (2 queries)."""
    span = await (SurveyResponse.filter(survey_id=survey_id)
                  .annotate(first=Min("submitted_at"), last=Max("submitted_at")).values_list("first", "last"))
    first, last = span[0] if span else (None, None)
    if first is None or last is None:
        return ()
    mondays = [_monday(first) + timedelta(weeks=n) for n in range((_monday(last) - _monday(first)).days // 7 + 1)]
    mondays = mondays[-MAX_WEEKS:]
    # One conditional count per week, so the database does the counting whatever the dialect.
    counts = {f"w{n}": Count("id", _filter=Q(submitted_at__gte=day_start(m),
                                            submitted_at__lt=day_start(m + timedelta(weeks=1))))
              for n, m in enumerate(mondays)}
    row = (await SurveyResponse.filter(survey_id=survey_id).annotate(**counts).values(*counts))[0]
    return tuple(WeekCount(*m.isocalendar()[:2], m, shown_count(int(row[f"w{n}"] or 0), anonymous))
                 for n, m in enumerate(mondays))


def shown_count(n: int, anonymous: bool) -> int | None:
    """A count of answers as it may be shown: None for 1-4 answers in an anonymous survey."""
    return None if anonymous and too_few(n) else n


def question_result(q: SurveyQuestion, figures: list[ScaleFigure], texts: list[str], total: int,
                    anonymous: bool) -> QuestionResult:
    """One question's figures, with what an anonymous survey may not show taken out."""
    count = sum(f.count for f in figures)
    average = sum(f.average * f.count for f in figures) / count if count else None
    shown = shown_groups({f.institution_id: f.count for f in figures}) if anonymous else None
    kept = tuple(f for f in figures if shown is None or f.institution_id in shown)
    hidden = tuple(f.institution_id for f in figures if shown is not None and f.institution_id not in shown)
    hide_total, hide_texts = anonymous and too_few(count), anonymous and too_few(total)
    return QuestionResult(q.id, q.position, QuestionKind(q.kind), q.text, None if hide_total else count,
                          None if hide_total else average, kept, hidden, () if hide_texts else tuple(texts))


async def results(actor: Actor, survey_id: int, *, today: date | None = None) -> SurveyResults:
    """A survey's figures for the project team (15 queries, whatever the number of answers)."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    survey = await Survey.get_or_none(id=survey_id)
    if survey is None:
        raise NotFound("error.not_found")
    audience, anonymous = Audience(survey.audience), bool(survey.anonymous)
    places = await SurveyInstitution.filter(survey_id=survey_id).order_by("id").values_list(
        "institution_id", "institution__name")
    ids = [int(i) for i, _ in places]
    # A closed survey is measured against the people it asked while it was open.
    invited = await _invited(audience, ids, min(today or today_local(), survey.closes_on))
    answered = dict(await SurveyResponse.filter(survey_id=survey_id).annotate(n=Count("id"))
                    .group_by("institution_id").values_list("institution_id", "n"))
    total = sum(int(n) for n in answered.values())
    rates = tuple(InstitutionRate(int(i), str(name), shown_count(int(answered.get(i, 0)), anonymous),
                                  invited.get(int(i), 0)) for i, name in places)
    figures, texts = await _scale_figures(survey_id), await _free_texts(survey_id)
    questions = tuple(question_result(q, figures.get(q.id, []), texts.get(q.id, []), total, anonymous)
                      for q in await SurveyQuestion.filter(survey_id=survey_id).order_by("position", "id"))
    return SurveyResults(survey.id, survey.title, audience, anonymous, survey.closes_on,
                         shown_count(total, anonymous), questions, rates, await _weeks(survey_id, anonymous),
                         await question_summaries(survey_id, anonymous, anchors=tuple(survey.anchors or ()) or
                                                  DEFAULT_ANCHORS))
