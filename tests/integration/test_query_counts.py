"""Read models cost a fixed number of queries, whatever the number of rows (no N+1)."""

from __future__ import annotations

from datetime import timedelta

from domain.clock import utcnow
from domain.identity.service import current_actor
from domain.organisation import children, service
from persistence.people import Custody, Enrolment
from tests.factory import build_world, person
from tests.querycount import count_queries


async def _overview_queries(guardian_id: int) -> int:
    actor = await current_actor(guardian_id, "parent", "2", now=utcnow())
    with count_queries() as statements:
        cards = await children.children_of_guardian(actor, utcnow().date())
    assert cards
    return len(statements)


async def test_a_guardians_overview_costs_the_same_for_two_or_six_children(database: str) -> None:
    w = await build_world()
    two = await _overview_queries(w.guardian.id)
    municipality = await w.school.municipality
    for i in range(4):
        kid = await person(municipality, f"Ekstra{i}", child=True, born=w.today - timedelta(days=3000))
        await Custody.create(guardian=w.guardian, child=kid, valid_from=kid.birth_date)
        await Enrolment.create(child=kid, institution=w.school, group=w.class_2a, start=w.today)
    assert 2 <= two <= 4  # people, enrolments, and the audit insert
    assert await _overview_queries(w.guardian.id) == two


async def test_the_municipal_overview_costs_the_same_for_any_number_of_institutions(database: str) -> None:
    w = await build_world()
    admin = await current_actor(w.admin.id, "admin", "2", now=utcnow())
    with count_queries() as statements:
        summaries, _cross = await service.municipality_overview(admin, w.today)
    assert len(summaries) == 2
    assert 4 <= len(statements) <= 7


async def test_the_rollout_page_reads_its_overview_and_its_matrix_in_a_fixed_number_of_queries(
        demo_database: str) -> None:
    from domain.rollout.matrix import MatrixFilter, load_matrix
    from domain.rollout.overview import overview
    from persistence.identity import UserAccount

    camilla = await UserAccount.get(oidc_subject="demo-projektgruppe")
    actor = await current_actor(camilla.person_id, "project_team", "2", now=utcnow())
    with count_queries() as statements:
        data = await overview(actor, utcnow().date())
    assert data.programmes and data.adoption and data.checkins
    assert len(statements) == 10
    with count_queries() as statements:
        matrix = await load_matrix(actor, MatrixFilter(), utcnow().date())
    assert matrix.rows
    assert len(statements) == 14
