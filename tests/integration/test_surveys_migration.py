"""Migration 0010 on SQLite and PostgreSQL: answers given before it keep their values and lose their respondent."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.migrations.api import migrate

from persistence import db
from persistence.organisation import Institution, Municipality
from persistence.rollout import Survey, SurveyAnswer, SurveyParticipant, SurveyResponse
from tests.factory import person
from tests.services import PG_URL, need_service, reset_postgres

BEFORE = "models.0009_email_and_feed_versions"


async def _old_database(kind: str, tmp_path: Path) -> str:
    """An empty database migrated up to 0009; returns its URL."""
    if kind == "postgres":
        need_service("PostgreSQL", "127.0.0.1", 5432)
        # A database of its own: the shared test database is kept migrated to the newest schema for other tests.
        url = f"{PG_URL}_migration"
        await reset_postgres(url)
    else:
        url = f"sqlite://{tmp_path / 'old.sqlite3'}"
    await migrate(config=db.tortoise_config(url), target=BEFORE)
    await db.close_database()
    return url


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_old_answers_are_kept_without_respondents_and_who_answered_moves_apart(kind: str,
                                                                                   tmp_path: Path) -> None:
    url = await _old_database(kind, tmp_path)
    await db.open_database(url)
    try:
        m = await Municipality.create(code="T1", name="Testby")
        place = await Institution.create(municipality=m, number="800001", name="Testhaven", kind="boernehave")
        people = [await person(m, name) for name in ("Camilla", "Gitte", "Olga", "Hanne")]
        team, gitte, olga, hanne = (p.id for p in people)
        run = connections.get("default").execute_query
        # The 0009 tables, written as the service then wrote them: every answer with its respondent.
        survey = f"(1, 'Evaluering', 'guardians', {team}, '2026-11-01 09:00:00+00:00', '2026-12-01')"
        responses = ", ".join(f"({n}, 1, {who}, {place.id}, '2026-11-0{n + 1} 10:00:00+00:00')"
                              for n, who in enumerate((olga, hanne, gitte), start=1))
        # Only ids this test made go into the text of these statements.
        await run(f"INSERT INTO survey (id, title, audience, created_by_id, created_at, closes_on) VALUES {survey}")  # noqa: S608
        await run("INSERT INTO survey_question (id, survey_id, position, kind, text) VALUES "
                  "(1, 1, 1, 'scale', 'Let at bruge?'), (2, 1, 2, 'text', 'Hvad mangler?')")
        await run("INSERT INTO survey_response (id, survey_id, respondent_id, institution_id, submitted_at) "  # noqa: S608
                  f"VALUES {responses}")
        await run("INSERT INTO survey_answer (id, response_id, question_id, value, text) VALUES "
                  "(1, 1, 1, 2, ''), (2, 1, 2, NULL, 'Olgas tekst'), (3, 2, 1, 4, ''), (4, 3, 1, 5, '')")
    finally:
        await db.close_database()

    assert "models.0010_anonymous_surveys" in await db.apply_migrations(url)

    await db.open_database(url)
    try:
        assert (await Survey.get(id=1)).anonymous  # every survey so far promised anonymity
        assert await SurveyResponse.all().order_by("id").values_list("id", "respondent_id") == [
            (1, None), (2, None), (3, None)]
        answers = await SurveyAnswer.all().order_by("id").values_list("response_id", "question_id", "value", "text")
        assert [tuple(a) for a in answers] == [(1, 1, 2, ""), (1, 2, None, "Olgas tekst"), (2, 1, 4, ""),
                                               (3, 1, 5, "")]
        # Who answered is kept, in the order of their ids rather than the order their answers came in.
        participants = await SurveyParticipant.all().order_by("id").values_list("survey_id", "person_id")
        assert [tuple(p) for p in participants] == [(1, p) for p in sorted((gitte, olga, hanne))]
        with pytest.raises(IntegrityError):
            await SurveyParticipant.create(survey_id=1, person_id=olga)
    finally:
        await db.close_database()
