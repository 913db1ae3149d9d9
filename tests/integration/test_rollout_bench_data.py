"""The rollout benchmark's municipality has the sizes it is asked for (built small), so bench/rollout.py cannot rot."""

from __future__ import annotations

from bench._rollout_world import FULL, OPTIONS, QUESTIONS, Scale, answer_rows, build_world, plan_places
from domain.clock import utcnow
from domain.organisation.model import InstitutionKind
from domain.rollout import missing, survey_results
from domain.rollout.matrix import MatrixFilter, load_matrix
from domain.rollout.model import AREA_OF_KIND, QuestionKind
from persistence.identity import UserAccount
from persistence.organisation import Institution
from persistence.people import Custody, Employment, Enrolment, Person
from persistence.rollout import ChecklistItem, SurveyAnswer, SurveyParticipant, SurveyResponse, WaveMember
from tests.conftest import TODAY

SMALL = Scale(institutions=3, items=12, people=900, big_people=300, responses=150)


def test_the_full_plan_adds_up_to_the_issue_sizes() -> None:
    places = plan_places(FULL)
    assert len(places) == 80
    assert sum(p.people for p in places) == 20_000
    assert places[0].adults == 1_000
    assert all(p.guardians <= 2 * p.children for p in places)


def test_each_answer_stores_the_rows_its_kind_stores() -> None:
    for k in range(30):
        for n, kind in enumerate(QUESTIONS):
            rows = answer_rows(kind, k, n)
            if kind is QuestionKind.CHOICES:
                assert 1 <= len(rows) <= 3 and all(0 <= v < len(OPTIONS) for v, _ in rows)  # type: ignore[operator]
            elif kind is QuestionKind.TEXT:
                assert len(rows) <= 1 and all(v is None and t for v, t in rows)
            else:
                assert len(rows) == 1


async def test_a_small_municipality_has_exactly_the_sizes_asked_for(database: str) -> None:
    world = await build_world(SMALL, TODAY, utcnow())
    team = await world.team(utcnow())
    ids = [p.id for p in world.places]
    assert await Institution.filter(municipality_id=world.municipality_id).count() == 3
    assert world.big.kind is InstitutionKind.SKOLE
    # Everyone the scale asks for, and the project-team member beside them.
    assert await Person.filter(municipality_id=world.municipality_id).count() == 900 + 1
    staff = sum(p.staff for p in world.places)
    children = sum(p.children for p in world.places)
    guardians = sum(p.guardians for p in world.places)
    assert staff + children + guardians == 900
    assert await Employment.filter(institution_id__in=ids).count() == staff
    assert await Enrolment.filter(institution_id__in=ids).count() == children
    assert await Custody.all().count() == guardians
    # The big school's never-logged-in list counts its 300 staff and guardians; three in ten have not logged in.
    listed = await missing.never_logged_in(team, world.big.id, day=TODAY)
    assert listed.total == 300
    assert 0.25 < len(listed.people) / listed.total < 0.35
    # Every adult has an account; seven in ten have logged in.
    adults = staff + guardians
    assert await UserAccount.filter(oidc_subject__startswith="bench-").count() == adults + 1
    assert await UserAccount.filter(last_login_at__isnull=False).count() == world.logged_in
    assert world.logged_in == 7 * (adults // 10) + min(adults % 10, 7)
    # Each institution's area has a programme of the scale's checklist items, and each institution is in a wave.
    for place in world.places:
        assert await ChecklistItem.filter(programme_id=world.programmes[AREA_OF_KIND[place.kind]]).count() == 12
    assert await WaveMember.filter(institution_id__in=ids).count() == 3
    matrix = await load_matrix(team, MatrixFilter(), TODAY)
    assert [r.total.total for r in matrix.rows] == [12, 12, 12]
    # The survey: one response, one participant and the rows of every answer per respondent.
    assert await SurveyResponse.filter(survey_id=world.survey_id).count() == 150
    assert await SurveyParticipant.filter(survey_id=world.survey_id).count() == 150
    rows = sum(len(answer_rows(kind, k, n)) for k in range(150) for n, kind in enumerate(QUESTIONS))
    assert await SurveyAnswer.filter(response__survey_id=world.survey_id).count() == rows
    results = await survey_results.results(team, world.survey_id, today=TODAY)
    assert results.responses == 150
    assert len(results.questions) == len(QUESTIONS)
    assert {r.institution_id for r in results.institutions} == set(ids)
