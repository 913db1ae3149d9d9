"""Evaluation surveys: the project team asks staff or guardians; each answers once, anonymously unless told."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count

from domain import access
from domain.access import Decision, allow, deny
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor, Role
from domain.rollout.model import DEFAULT_ANCHORS, Audience, QuestionKind, SurveyAnswered, SurveyCreated
from domain.rollout.survey_questions import Content, Given, Item, Spec, check_content, checked_answers
from domain.rollout.survey_results import SurveyResults as SurveyResults  # re-exported: one entry point
from domain.rollout.survey_results import results as results
from domain.rollout.survey_results import shown_count
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.organisation import Institution
from persistence.people import Enrolment
from persistence.queries import active_on, ints
from persistence.rollout import (
    Survey,
    SurveyAnswer,
    SurveyInstitution,
    SurveyParticipant,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)

TITLE_MAX = 160


@dataclass(frozen=True)
class SurveyDraft:
    """What the 'Ny evaluering' dialog sends."""

    title: str
    audience: Audience
    closes_on: date
    institution_ids: list[int]
    questions: Sequence[Item]  # questions and section headings in order (see survey_questions)
    anonymous: bool = True
    anchors: tuple[str, ...] = field(default=DEFAULT_ANCHORS)


@dataclass(frozen=True)
class OpenQuestion:
    """One question of a survey someone is about to answer."""

    id: int
    kind: QuestionKind
    text: str
    number: int = 0
    options: tuple[str, ...] = ()
    required: bool = True
    section: int | None = None  # index into OpenSurvey.sections


@dataclass(frozen=True)
class OpenSurvey:
    """A survey waiting for this person's answer, and the institution the answer counts for."""

    id: int
    title: str
    anonymous: bool
    closes_on: date
    institution_id: int
    institution_name: str
    questions: tuple[OpenQuestion, ...]
    sections: tuple[tuple[str, str], ...] = ()  # (title, intro) in order
    anchors: tuple[str, ...] = DEFAULT_ANCHORS


@dataclass(frozen=True)
class SurveySummary:
    """A survey in the project team's list, with its counts (`responses` is None when too few to show)."""

    id: int
    title: str
    audience: Audience
    anonymous: bool
    closes_on: date
    created_at: datetime
    institutions: int
    questions: int
    responses: int | None
    locked: bool = False  # answered: the questions can no longer change
    closed_at: datetime | None = None  # closed by the team before its last day

    def is_open(self, today: date) -> bool:
        """Open up to and including its closing day."""
        return today <= self.closes_on


# --- creating ---------------------------------------------------------------------------------------------------


async def check_survey(actor: Actor, draft: SurveyDraft, today: date) -> Content:
    """Refuse others than the project team, and drafts that could not be answered sensibly."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    if not draft.title.strip():
        raise DomainError("survey.error.title_required")
    if len(draft.title.strip()) > TITLE_MAX:
        raise DomainError("survey.error.title_too_long", max=TITLE_MAX)
    if not isinstance(draft.audience, Audience):
        raise DomainError("survey.error.unknown_audience")
    check_content(draft.questions, draft.anchors)
    if draft.closes_on < today:
        raise DomainError("survey.error.closes_in_past")
    wanted = set(draft.institution_ids)
    if not wanted:
        raise DomainError("survey.error.no_institutions")
    if await Institution.filter(id__in=list(wanted)).count() != len(wanted):
        raise DomainError("survey.error.unknown_institution")
    return check_content(draft.questions, draft.anchors)


async def do_create_survey(actor: Actor, draft: SurveyDraft, now: datetime) -> int:
    """Create a survey with its institutions and questions in one transaction; returns its id."""
    check_typed_text(draft)
    content = await check_survey(actor, draft, today_local(now))
    institution_ids = list(dict.fromkeys(draft.institution_ids))  # de-duplicated, the team's order kept
    async with committing(transaction) as outbox:
        survey = await Survey.create(title=draft.title.strip(), audience=draft.audience, created_by_id=actor.person_id,
                                     created_at=now, closes_on=draft.closes_on, anonymous=bool(draft.anonymous),
                                     anchors=list(content.anchors))
        await SurveyInstitution.bulk_create(
            [SurveyInstitution(survey_id=survey.id, institution_id=i) for i in institution_ids])
        await store_content(survey.id, content)
        outbox.add(SurveyCreated(survey.id, Audience(draft.audience).value, tuple(institution_ids)))
    return survey.id


async def store_content(survey_id: int, content: Content) -> None:
    """Write a survey's sections and questions (inside the caller's transaction)."""
    sections = [SurveySection(survey_id=survey_id, position=n, title=s.title, intro=s.intro)
                for n, s in enumerate(content.sections, start=1)]
    # One create per section: bulk_create does not hand back ids on every database.
    for section in sections:
        await section.save()
    await SurveyQuestion.bulk_create([
        SurveyQuestion(survey_id=survey_id, position=n, kind=q.kind, text=q.text, options=list(q.options),
                       required=q.required, section_id=None if at is None else sections[at].id)
        for n, (q, at) in enumerate(content.questions, start=1)])


async def institution_choices(actor: Actor) -> list[tuple[int, str]]:
    """The active institutions a survey can ask, by name (for the dialog)."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    rows = await Institution.filter(active=True).order_by("name").values_list("id", "name")
    return [(int(i), str(name)) for i, name in rows]


async def list_surveys(actor: Actor) -> list[SurveySummary]:
    """Every survey, newest first, with institution, question and response counts (4 queries)."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    surveys = await Survey.all().order_by("-created_at", "-id")
    ids = [s.id for s in surveys]
    places = await _count_by_survey(SurveyInstitution, ids)
    questions = await _count_by_survey(SurveyQuestion, ids)
    answers = await _count_by_survey(SurveyResponse, ids)
    return [SurveySummary(s.id, s.title, Audience(s.audience), s.anonymous, s.closes_on, s.created_at,
                          places.get(s.id, 0), questions.get(s.id, 0), shown_count(answers.get(s.id, 0), s.anonymous),
                          bool(s.locked), s.closed_at)
            for s in surveys]


async def _count_by_survey(model: type[SurveyInstitution | SurveyQuestion | SurveyResponse],
                           ids: list[int]) -> dict[int, int]:
    rows = await model.filter(survey_id__in=ids).annotate(n=Count("id")).group_by("survey_id").values_list(
        "survey_id", "n")
    return {int(s): int(n) for s, n in rows}


# --- who a survey is for ----------------------------------------------------------------------------------------


async def _reach(actor: Actor, today: date) -> tuple[Audience, list[int]] | None:
    """The audience the actor answers as in their current role, and the institutions they count for."""
    if actor.role in (Role.STAFF, Role.LEADER):
        return Audience.STAFF, sorted(actor.staff_institutions)
    if actor.role is Role.PARENT and actor.guardian_of:
        rows = await Enrolment.filter(active_on(today), child_id__in=list(actor.guardian_of)).values_list(
            "institution_id", flat=True)
        return Audience.GUARDIANS, sorted(set(ints(rows)))
    return None


async def _links(actor: Actor, today: date, *, survey_id: int | None = None,
                 open_only: bool = True) -> dict[int, tuple[int, str]]:
    """Survey id -> (institution id, name) the actor's answer counts for: the first the survey lists."""
    reach = await _reach(actor, today)
    if reach is None or not reach[1]:
        return {}
    audience, institutions = reach
    query = SurveyInstitution.filter(survey__audience=audience, institution_id__in=institutions)
    if open_only:
        query = query.filter(survey__closes_on__gte=today)
    if survey_id is not None:
        query = query.filter(survey_id=survey_id)
    links: dict[int, tuple[int, str]] = {}
    for s, i, name in await query.order_by("id").values_list("survey_id", "institution_id", "institution__name"):
        links.setdefault(int(s), (int(i), str(name)))
    return links


async def open_surveys_for(actor: Actor, today: date) -> list[OpenSurvey]:
    """The surveys this person may still answer today, with their questions (at most 6 queries)."""
    links = await _links(actor, today)
    answered = set(ints(await SurveyParticipant.filter(person_id=actor.person_id, survey_id__in=list(links))
                        .values_list("survey_id", flat=True)))
    ids = [s for s in links if s not in answered]
    if not ids:
        return []
    sections: dict[int, list[SurveySection]] = {s: [] for s in ids}
    for section in await SurveySection.filter(survey_id__in=ids).order_by("position", "id"):
        sections[section.survey_id].append(section)
    at = {section.id: n for listed in sections.values() for n, section in enumerate(listed)}
    questions: dict[int, list[OpenQuestion]] = {s: [] for s in ids}
    for q in await SurveyQuestion.filter(survey_id__in=ids).order_by("position", "id"):
        questions[q.survey_id].append(OpenQuestion(
            q.id, QuestionKind(q.kind), q.text, len(questions[q.survey_id]) + 1, tuple(q.options or ()),
            bool(q.required), None if q.section_id is None else at.get(q.section_id)))
    surveys = await Survey.filter(id__in=ids).order_by("closes_on", "id")
    return [OpenSurvey(s.id, s.title, s.anonymous, s.closes_on, *links[s.id], tuple(questions[s.id]),
                       tuple((x.title, x.intro) for x in sections[s.id]), anchors_of(s)) for s in surveys]


def anchors_of(survey: Survey) -> tuple[str, ...]:
    """The names of a survey's 1-5 points."""
    return tuple(survey.anchors) if survey.anchors else DEFAULT_ANCHORS


def can_answer(institution: tuple[int, str] | None) -> Decision:
    """Only staff or guardians at one of the survey's institutions answer it."""
    return allow("survey_audience") if institution is not None else deny("not_in_survey_audience")


# --- answering --------------------------------------------------------------------------------------------------


async def do_answer(actor: Actor, survey_id: int, answers: dict[int, Given], now: datetime) -> None:
    """Store one person's answers in one transaction, then tell the open result pages.

    That the person answered is stored apart from the answers; the answers name them only in a named survey.
    """
    check_typed_text(answers)
    today = today_local(now)
    survey = await Survey.get_or_none(id=survey_id)
    if survey is None:
        raise NotFound("error.not_found")
    link = (await _links(actor, today, survey_id=survey_id, open_only=False)).get(survey_id)
    await audit.check(can_answer(link), actor, "answer_survey")
    assert link is not None
    if survey.closes_on < today:
        raise DomainError("survey.error.closed")
    if await SurveyParticipant.filter(survey_id=survey_id, person_id=actor.person_id).exists():
        raise DomainError("survey.error.already_answered")
    specs = await answer_specs(survey_id)
    rows = checked_answers(specs, answers)
    async with committing(transaction) as outbox:
        # Locks the questions as they were checked: an edit in between raised the revision, and this matches nothing.
        if not await Survey.filter(id=survey_id, revision=survey.revision).update(locked=True):
            raise DomainError("survey.error.changed")
        try:
            await SurveyParticipant.create(survey_id=survey_id, person_id=actor.person_id)
        except IntegrityError as clash:
            # Two submissions at once passed the check above; the unique (survey, person) lets one win.
            raise DomainError("survey.error.already_answered") from clash
        # Both rows are written in one transaction, so someone reading the database itself could still pair them
        # by insertion order (or PostgreSQL's xmin); nothing in Sammen reads them together.
        response = await SurveyResponse.create(survey_id=survey_id,
                                               respondent_id=None if survey.anonymous else actor.person_id,
                                               institution_id=link[0], submitted_at=now)
        await SurveyAnswer.bulk_create([SurveyAnswer(response_id=response.id, question_id=q, value=v, text=text)
                                        for q, v, text in rows])
        outbox.add(SurveyAnswered(survey_id, link[0]))


async def answer_specs(survey_id: int) -> dict[int, Spec]:
    """Question id -> what checking an answer to it needs, numbered in order."""
    rows = await SurveyQuestion.filter(survey_id=survey_id).order_by("position", "id").values_list(
        "id", "kind", "required", "options")
    return {int(q): Spec(QuestionKind(k), n, bool(r), len(o or ())) for n, (q, k, r, o) in enumerate(rows, start=1)}
