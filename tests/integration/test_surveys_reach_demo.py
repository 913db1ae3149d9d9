"""The demo's daycare survey shows its invitation and reminder, sent by e-mail weeks ago."""

from __future__ import annotations

from datetime import UTC, datetime, time

from demo.seed import seed_demo
from demo.surveys import GUARDIAN_SURVEY
from domain.identity.model import Role
from domain.identity.service import current_actor
from domain.rollout.survey_reach import Channel, SendKind, sendings
from persistence.rollout import Survey
from persistence.survey_reach import SurveyEmail
from tests.demo_support import TODAY, person_of


async def test_the_demo_survey_was_invited_and_reminded_by_email(db: str) -> None:
    await seed_demo(today=TODAY, scale=0.1)
    survey = await Survey.get(title=GUARDIAN_SURVEY)
    camilla = await person_of("demo-projektgruppe")
    team = await current_actor(camilla.id, Role.PROJECT_TEAM.value, "2",
                               now=datetime.combine(TODAY, time(12), tzinfo=UTC))
    invitation, reminder = (await sendings(team, [survey.id]))[survey.id]
    assert (invitation.kind, reminder.kind) == (SendKind.INVITATION, SendKind.REMINDER)
    assert invitation.channels == reminder.channels == frozenset({Channel.EMAIL})
    assert invitation.sent_at < reminder.sent_at
    assert invitation.emails is not None and reminder.emails is not None
    assert invitation.emails > reminder.emails > 0  # those who had answered by then were not reminded
    assert await SurveyEmail.all().count() == 0  # sent long ago: nothing waits for the mail job
