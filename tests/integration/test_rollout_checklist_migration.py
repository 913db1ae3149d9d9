"""Migration 0015 on SQLite and PostgreSQL: the six fixed items become data and every tick keeps its state."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tortoise import connections
from tortoise.migrations.api import migrate

from domain.rollout.model import ChecklistAction, ObservedKey, SpanKind
from persistence import db
from persistence.organisation import Institution, Municipality
from persistence.rollout import ChecklistEntry, ChecklistItem, ChecklistTick, Programme, Span
from tests.services import PG_URL, need_service, reset_postgres

BEFORE = "models.0014_adoption_reminders"


async def _old_database(kind: str, tmp_path: Path) -> str:
    """An empty database migrated up to 0014; returns its URL."""
    if kind == "postgres":
        need_service("PostgreSQL", "127.0.0.1", 5432)
        url = f"{PG_URL}_checklist_migration"
        await reset_postgres(url)
    else:
        url = f"sqlite://{tmp_path / 'old.sqlite3'}"
    await migrate(config=db.tortoise_config(url), target=BEFORE)
    await db.close_database()
    return url


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_fixed_items_become_items_of_each_area_and_ticks_keep_their_state(kind: str, tmp_path: Path) -> None:
    url = await _old_database(kind, tmp_path)
    await db.open_database(url)
    try:
        m = await Municipality.create(code="T1", name="Testby")
        school = await Institution.create(municipality=m, number="800001", name="Skolen", kind="skole")
        daycare = await Institution.create(municipality=m, number="800002", name="Haven", kind="boernehave")
        run = connections.get("default").execute_query
        # A school plan with an Udrulning phase; no plan for daycare, whose ticks must survive all the same.
        plan = await Programme.create(area="skole", name="Udrulning i skolerne", start=date(2026, 9, 1),
                                      end=date(2027, 6, 30))
        phase = await Span.create(programme=plan, kind=SpanKind.PHASE, key="udrulning", label="Udrulning",
                                  start=date(2026, 10, 1), end=date(2026, 12, 20))
        await run("INSERT INTO rollout_readiness (institution_id, item, ticked, by_person_id, by_name, at, comment) "  # noqa: S608
                  f"VALUES ({school.id}, 'staff_trained', TRUE, 7, 'Camilla Berg', '2026-11-02 10:00:00+00:00', "
                  f"'Kursus holdt'), ({school.id}, 'first_message', FALSE, 7, 'Camilla Berg', "
                  f"'2026-11-03 10:00:00+00:00', 'Venter'), ({daycare.id}, 'guardians_informed', TRUE, NULL, '', "
                  "NULL, '')")
    finally:
        await db.close_database()

    assert "models.0015_rollout_checklist" in await db.apply_migrations(url)

    await db.open_database(url)
    try:
        items = await ChecklistItem.all().order_by("programme_id", "position")
        plans = {p.id: p for p in await Programme.all()}
        assert [p.area for p in plans.values()].count("dagtilbud") == 1  # made for the daycare ticks
        school_items = [i for i in items if i.programme_id == plan.id]
        assert [i.title for i in school_items] == ["Superbrugere udpeget", "Personale uddannet", "Forældre informeret",
                                                   "Vægskærm parret", "KommeGå i brug", "Første besked sendt"]
        assert [i.observed for i in school_items] == [ObservedKey.SUPERUSERS, None, None,
                                                      ObservedKey.WALL_SCREEN_PAIRED, ObservedKey.KOMMEGAA_IN_USE,
                                                      ObservedKey.FIRST_MESSAGE]
        assert {(i.phase_id, i.deadline) for i in school_items} == {(phase.id, date(2026, 12, 20))}
        title = {i.id: i.title for i in items}
        ticks = {(t.institution_id, title[t.item_id]): (t.ticked, t.by_name, t.comment)
                 for t in await ChecklistTick.all()}
        assert ticks == {(school.id, "Personale uddannet"): (True, "Camilla Berg", "Kursus holdt"),
                         (school.id, "Første besked sendt"): (False, "Camilla Berg", "Venter"),
                         (daycare.id, "Forældre informeret"): (True, "", "")}
        daycare_item = next(i for i in items if i.title == "Forældre informeret" and i.programme_id != plan.id)
        assert plans[daycare_item.programme_id].area == "dagtilbud" and daycare_item.phase_id is None
        history = await ChecklistEntry.all().order_by("at").values_list("institution_id", "action", "comment")
        assert [tuple(h) for h in history] == [(school.id, ChecklistAction.TICK, "Kursus holdt"),
                                               (school.id, ChecklistAction.UNTICK, "Venter")]
    finally:
        await db.close_database()
