"""The project team edits a survey until its first answer, and may close it before its last day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import Event, committing
from domain.identity.model import Actor
from domain.rollout.model import ROLLOUT_TOPIC, SURVEYS_TOPIC, Audience, QuestionKind
from domain.rollout.survey_questions import Item, QuestionDraft, SectionDraft
from domain.rollout.surveys import SurveyDraft, anchors_of, check_survey, store_content
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.queries import ints
from persistence.rollout import Survey, SurveyInstitution, SurveyQuestion, SurveySection


@dataclass(frozen=True)
class SurveyChanged(Event):
    """The team edited or closed a survey: open answer pages and the team's list look again."""

    survey_id: int
    closed: bool

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to open answer pages and to the rollout pages."""
        return (SURVEYS_TOPIC, ROLLOUT_TOPIC)


@dataclass(frozen=True)
class EditableSurvey:
    """A survey as its edit dialog opens it; `locked` says it has answers and is shown read-only."""

    id: int
    draft: SurveyDraft
    locked: bool
    closed_at: datetime | None

    def is_open(self, today: date) -> bool:
        """Open up to and including its last day."""
        return today <= self.draft.closes_on


async def _survey(survey_id: int) -> Survey:
    survey = await Survey.get_or_none(id=survey_id)
    if survey is None:
        raise NotFound("error.not_found")
    return survey


async def survey_for_edit(actor: Actor, survey_id: int) -> EditableSurvey:
    """A survey's content as a draft, sections and questions in order (4 queries)."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    survey = await _survey(survey_id)
    places = ints(await SurveyInstitution.filter(survey_id=survey_id).order_by("id").values_list(
        "institution_id", flat=True))
    sections = {s.id: s for s in await SurveySection.filter(survey_id=survey_id)}
    items: list[Item] = []
    current: int | None = None
    for q in await SurveyQuestion.filter(survey_id=survey_id).order_by("position", "id"):
        if q.section_id is not None and q.section_id != current:
            section = sections[q.section_id]
            items.append(SectionDraft(section.title, section.intro))
        current = q.section_id
        items.append(QuestionDraft(QuestionKind(q.kind), q.text, tuple(q.options or ()), bool(q.required)))
    draft = SurveyDraft(survey.title, Audience(survey.audience), survey.closes_on, places, items,
                        bool(survey.anonymous), anchors_of(survey))
    return EditableSurvey(survey.id, draft, bool(survey.locked), survey.closed_at)


async def check_edit(actor: Actor, survey_id: int) -> None:
    """Refuse others than the team, and any change once the survey has an answer."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    if (await _survey(survey_id)).locked:
        raise DomainError("survey.error.locked")


async def do_update_survey(actor: Actor, survey_id: int, draft: SurveyDraft, now: datetime) -> None:
    """Replace a survey's title, date, institutions and content, unless someone has answered it meanwhile."""
    check_typed_text(draft)
    await check_edit(actor, survey_id)
    content = await check_survey(actor, draft, today_local(now))
    institution_ids = list(dict.fromkeys(draft.institution_ids))
    async with committing(transaction) as outbox:
        # Only a survey still without answers changes, and the raised revision refuses an answer checked before.
        survey = await _survey(survey_id)
        changed = await Survey.filter(id=survey_id, locked=False, revision=survey.revision).update(
            title=draft.title.strip(), audience=draft.audience, closes_on=draft.closes_on,
            anonymous=bool(draft.anonymous), anchors=list(content.anchors), revision=survey.revision + 1,
            closed_at=None)
        if not changed:
            raise DomainError("survey.error.locked")
        await SurveyQuestion.filter(survey_id=survey_id).delete()
        await SurveySection.filter(survey_id=survey_id).delete()
        await SurveyInstitution.filter(survey_id=survey_id).delete()
        await SurveyInstitution.bulk_create(
            [SurveyInstitution(survey_id=survey_id, institution_id=i) for i in institution_ids])
        await store_content(survey_id, content)
        outbox.add(SurveyChanged(survey_id, closed=False))


async def do_close_survey(actor: Actor, survey_id: int, now: datetime) -> None:
    """Close a survey now: its last day becomes yesterday, so nobody can answer from today on."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    survey = await _survey(survey_id)
    today = today_local(now)
    if survey.closes_on < today:
        raise DomainError("survey.error.already_closed")
    async with committing(transaction) as outbox:
        await Survey.filter(id=survey_id).update(closes_on=today - timedelta(days=1), closed_at=now)
        outbox.add(SurveyChanged(survey_id, closed=True))
