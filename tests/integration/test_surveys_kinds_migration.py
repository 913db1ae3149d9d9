"""Migration 0013 on SQLite and PostgreSQL: old surveys keep their answers, text questions stay optional."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise import connections
from tortoise.migrations.api import migrate

from persistence import db
from persistence.organisation import Institution, Municipality
from persistence.rollout import Survey, SurveyAnswer, SurveyQuestion
from tests.factory import person
from tests.services import PG_URL, need_service, reset_postgres

BEFORE = "models.0012_rollout_waves"


async def _old_database(kind: str, tmp_path: Path) -> str:
    """An empty database migrated up to 0012; returns its URL."""
    if kind == "postgres":
        need_service("PostgreSQL", "127.0.0.1", 5432)
        url = f"{PG_URL}_kinds_migration"  # its own database: the shared one stays at the newest schema
        await reset_postgres(url)
    else:
        url = f"sqlite://{tmp_path / 'old.sqlite3'}"
    await migrate(config=db.tortoise_config(url), target=BEFORE)
    await db.close_database()
    return url


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_answered_surveys_are_locked_and_keep_answers_and_free_text_stays_optional(kind: str,
                                                                                        tmp_path: Path) -> None:
    url = await _old_database(kind, tmp_path)
    await db.open_database(url)
    try:
        m = await Municipality.create(code="T1", name="Testby")
        place = await Institution.create(municipality=m, number="800001", name="Testhaven", kind="boernehave")
        team = (await person(m, "Camilla")).id
        run = connections.get("default").execute_query
        # Two surveys as 0012 stored them: the first has one answer, the second none.
        await run("INSERT INTO survey (id, title, audience, created_by_id, created_at, closes_on, anonymous) "  # noqa: S608
                  f"VALUES (1, 'Besvaret', 'guardians', {team}, '2026-11-01 09:00:00+00:00', '2026-12-01', TRUE), "
                  f"(2, 'Ny', 'staff', {team}, '2026-11-01 09:00:00+00:00', '2026-12-01', TRUE)")
        await run("INSERT INTO survey_question (id, survey_id, position, kind, text) VALUES "
                  "(1, 1, 1, 'scale', 'Let at bruge?'), (2, 1, 2, 'text', 'Hvad mangler?'), (3, 2, 1, 'scale', 'Ok?')")
        await run("INSERT INTO survey_response (id, survey_id, respondent_id, institution_id, submitted_at) "  # noqa: S608
                  f"VALUES (1, 1, NULL, {place.id}, '2026-11-02 10:00:00+00:00')")
        await run("INSERT INTO survey_answer (id, response_id, question_id, value, text) VALUES "
                  "(1, 1, 1, 4, ''), (2, 1, 2, NULL, 'Mere om maden')")
    finally:
        await db.close_database()

    assert "models.0013_survey_question_kinds" in await db.apply_migrations(url)

    await db.open_database(url)
    try:
        surveys = await Survey.all().order_by("id").values_list("id", "locked", "revision", "closed_at")
        assert [tuple(s) for s in surveys] == [(1, True, 0, None), (2, False, 0, None)]
        questions = await SurveyQuestion.all().order_by("id").values_list("id", "required", "section_id")
        assert [tuple(q) for q in questions] == [(1, True, None), (2, False, None), (3, True, None)]
        answers = await SurveyAnswer.all().order_by("id").values_list("question_id", "value", "text")
        assert [tuple(a) for a in answers] == [(1, 4, ""), (2, None, "Mere om maden")]
        assert (await SurveyQuestion.get(id=1)).options in (None, [])
    finally:
        await db.close_database()
