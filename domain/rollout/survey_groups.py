"""Survey results filtered by area, institution and wave and grouped by one of them, in a fixed number of queries.

The cells of survey_cells keep an anonymous survey's small groups out of every figure and free text shown here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.collation import danish_key
from domain.dates import show_day
from domain.errors import DomainError, NotFound
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.rollout.model import AREA_OF_KIND, Area, Audience, QuestionKind
from domain.rollout.survey_cells import OTHER, Figures, Group, cells, groups, matching, select, total, visible
from domain.rollout.survey_summary import QuestionInfo, QuestionSummary, question_infos, summarise
from domain.rollout.surveys import anchors_of
from domain.rollout.waves import load_waves
from domain.text import check_typed_text
from persistence.rollout import Survey, SurveyAnswer, SurveyInstitution, SurveyResponse

SEARCH_MAX = 100


class GroupBy(StrEnum):
    """What the results are split by."""

    INSTITUTION = "institution"
    AREA = "area"
    WAVE = "wave"


@dataclass(frozen=True)
class ResultFilter:
    """What the team chose: empty sets mean every area, institution or wave."""

    areas: frozenset[Area] = frozenset()
    institution_ids: frozenset[int] = frozenset()
    wave_ids: frozenset[int] = frozenset()
    group_by: GroupBy = GroupBy.INSTITUTION
    search: str = ""

    @property
    def narrowed(self) -> bool:
        """Whether any filter is set."""
        return bool(self.areas or self.institution_ids or self.wave_ids)


@dataclass(frozen=True)
class Place:
    """An institution the survey asked, with its area and waves."""

    id: int
    name: str
    area: Area
    wave_ids: tuple[int, ...]


@dataclass(frozen=True)
class GroupRow:
    """One group of one question: label, figures and their summary, both None when too few to show."""

    key: str
    label: str
    figures: Figures | None
    summary: QuestionSummary | None


@dataclass(frozen=True)
class QuestionGroups:
    """One question over the selection: the total, each group, the texts matching the search, who was left out."""

    id: int
    position: int
    kind: QuestionKind
    text: str
    options: tuple[str, ...]
    total: Figures | None
    summary: QuestionSummary | None
    groups: tuple[GroupRow, ...]
    texts: tuple[str, ...]
    left_out: tuple[str, ...]


@dataclass(frozen=True)
class GroupedResults:
    """A survey's results for one filter, with what the filter can choose from."""

    id: int
    title: str
    audience: Audience
    anonymous: bool
    closes_on: date
    filter: ResultFilter
    responses: int | None
    questions: tuple[QuestionGroups, ...]
    places: tuple[Place, ...]
    waves: tuple[tuple[int, str], ...]
    left_out: tuple[str, ...]


# --- the queries --------------------------------------------------------------------------------------------------


async def _waves(institution_ids: list[int]) -> tuple[dict[int, list[int]], list[tuple[int, str]]]:
    """Waves per institution, and the waves with these institutions by programme and go-live (2 queries)."""
    wanted = set(institution_ids)
    of: dict[int, list[int]] = defaultdict(list)
    names: list[tuple[int, str]] = []
    for wave in await load_waves():  # in wave order: programme, go-live, name
        members = wave.institution_ids & wanted
        if members:
            names.append((wave.id, f"{wave.name} ({show_day(wave.go_live)})"))
        for i in members:
            of[i].append(wave.id)
    return of, names


async def _figures(survey_id: int, text_ids: set[int], many_ids: set[int]) -> dict[int, dict[int, Figures]]:
    """Question -> institution -> figures, in two or three grouped queries whatever the number of answers.

    A respondent gives one value or one text per question, so the rows count the respondents; only questions of
    several choices (`many_ids`, a row per option chosen) need respondents counted apart.
    """
    answers = SurveyAnswer.filter(response__survey_id=survey_id)
    values = await (answers.filter(value__isnull=False).annotate(n=Count("id"))
                    .group_by("question_id", "response__institution_id", "value")
                    .values_list("question_id", "response__institution_id", "value", "n"))
    people = await (answers.filter(question_id__in=sorted(many_ids)).annotate(n=Count("response_id", distinct=True))
                    .group_by("question_id", "response__institution_id")
                    .values_list("question_id", "response__institution_id", "n")) if many_ids else []
    # Sorted by text, not by submission, so a reader cannot line a text up with who answered when.
    texts = await (SurveyAnswer.filter(response__survey_id=survey_id, question_id__in=sorted(text_ids))
                   .exclude(text="").order_by("text").values_list("question_id", "response__institution_id", "text")
                   ) if text_ids else []
    counted: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for q, i, v, n in values:
        counted[(int(q), int(i))][int(v)] = int(n)
    written: dict[tuple[int, int], list[str]] = defaultdict(list)
    for q, i, text in texts:
        written[(int(q), int(i))].append(str(text))
    respondents = {(int(q), int(i)): int(n) for q, i, n in people}
    out: dict[int, dict[int, Figures]] = defaultdict(dict)
    for key in sorted(set(counted) | set(written)):
        n = respondents.get(key, sum(counted.get(key, {}).values()) + len(written.get(key, ())))
        out[key[0]][key[1]] = Figures(n, counted.get(key, {}), tuple(written.get(key, ())))
    return out


def _chosen(places: tuple[Place, ...], f: ResultFilter) -> frozenset[int] | None:
    """The institutions the filter keeps, None when nothing is filtered."""
    if not f.narrowed:
        return None
    return frozenset(p.id for p in places if (not f.areas or p.area in f.areas)
                     and (not f.institution_ids or p.id in f.institution_ids)
                     and (not f.wave_ids or set(p.wave_ids) & f.wave_ids))


def check_filter(f: ResultFilter) -> None:
    """Refuse a search no one could have typed."""
    check_typed_text(f.search)
    if len(f.search) > SEARCH_MAX:
        raise DomainError("survey.error.search_too_long", max=SEARCH_MAX)


async def grouped_results(actor: Actor, survey_id: int, f: ResultFilter) -> GroupedResults:
    """A survey's figures for the project team, filtered and grouped (10 queries, whatever the number of answers)."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    check_filter(f)
    survey = await Survey.get_or_none(id=survey_id)
    if survey is None:
        raise NotFound("error.not_found")
    anonymous = bool(survey.anonymous)
    rows = await SurveyInstitution.filter(survey_id=survey_id).values_list(
        "institution_id", "institution__name", "institution__kind")
    wave_of, wave_names = await _waves([int(i) for i, _, _ in rows])
    places = tuple(sorted((Place(int(i), str(n), AREA_OF_KIND[InstitutionKind(k)], waves_of(wave_of, int(i)))
                           for i, n, k in rows), key=lambda p: danish_key(p.name)))
    name_of, place_of = {p.id: p.name for p in places}, {p.id: p for p in places}
    chosen = _chosen(places, f)
    questions = await question_infos(survey_id, anchors_of(survey))
    figures = await _figures(survey_id, {q.id for q in questions if q.kind is QuestionKind.TEXT},
                             {q.id for q in questions if q.kind is QuestionKind.CHOICES})
    answered = {int(i): int(n) for i, n in await SurveyResponse.filter(survey_id=survey_id).annotate(
        n=Count("id")).group_by("institution_id").values_list("institution_id", "n")}
    overall = select(cells({i: Figures(n) for i, n in answered.items()}, anonymous), chosen)
    responses = visible(total(c.figures for c in overall.cells), anonymous)

    def keys(institution_id: int) -> list[str]:
        place = place_of.get(institution_id)
        if f.group_by is GroupBy.AREA:
            return [place.area.value] if place else []
        if f.group_by is GroupBy.WAVE:
            return [str(w) for w in place.wave_ids] if place and place.wave_ids else ["none"]
        return [str(institution_id)]

    def label(key: str) -> str:
        if key in (OTHER, "none") or f.group_by is GroupBy.AREA:
            return key  # the page names areas and the two catch-all groups in the reader's language
        return dict(wave_names).get(int(key), key) if f.group_by is GroupBy.WAVE else name_of.get(int(key), key)

    out = []
    for q in questions:
        selection = select(cells(figures.get(q.id, {}), anonymous), chosen)
        whole = visible(total(c.figures for c in selection.cells), anonymous)
        rows_ = sorted(groups(selection, keys, anonymous), key=lambda g: _order(g, label(g.key)))
        out.append(QuestionGroups(
            q.id, q.number, q.kind, q.text, q.options, whole, summary_of(q, whole),
            tuple(GroupRow(g.key, label(g.key), g.figures, summary_of(q, g.figures)) for g in rows_),
            tuple(sorted(matching(whole.texts, f.search), key=danish_key)) if whole else (),
            tuple(sorted((name_of.get(i, "") for i in selection.left_out), key=danish_key))))
    return GroupedResults(survey.id, survey.title, Audience(survey.audience), anonymous, survey.closes_on, f,
                          None if responses is None else responses.respondents, tuple(out), places,
                          tuple(wave_names),
                          tuple(sorted((name_of.get(i, "") for i in overall.left_out), key=danish_key)))


def waves_of(wave_of: dict[int, list[int]], institution_id: int) -> tuple[int, ...]:
    """An institution's waves in id order."""
    return tuple(sorted(wave_of.get(institution_id, ())))


def summary_of(q: QuestionInfo, f: Figures | None) -> QuestionSummary | None:
    """The survey's own per-question summary of some figures (the cells have already kept small groups out)."""
    if f is None:
        return None
    [summary] = summarise([q], {(q.id, v): n for v, n in f.values.items()}, {q.id: f.respondents},
                          {q.id: sorted(f.texts, key=danish_key)}, f.respondents, anonymous=False)
    return summary


def _order(g: Group, label: str) -> tuple[int, tuple[str, str]]:
    """Groups by name in Danish order, the catch-all groups last."""
    return (1 if g.key in (OTHER, "none") else 0, danish_key(label))
