"""Programmes, phases, tracks and milestones the project team creates and edits, with dates refused in Danish."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.organisation.model import MunicipalRole
from domain.rollout import plan, programmes
from domain.rollout.model import Area, MilestoneStatus, PlanChanged, SpanKind
from domain.rollout.plan import MilestoneDraft
from domain.rollout.programmes import ProgrammeDraft, SpanDraft
from persistence.people import MunicipalAssignment
from persistence.rollout import Milestone, Programme, Span
from tests.conftest import TODAY
from tests.factory import World, build_world, person
from ui.rollout.timeline import gantt_options

D = timedelta(days=1)


async def team_member(w: World) -> Actor:
    """A project-team member acting as such."""
    camilla = await person(await w.school.municipality, "Camilla", subject="t-team")
    await MunicipalAssignment.create(person=camilla, role=MunicipalRole.PROJECT_TEAM)
    return await current_actor(camilla.id, "project_team", "2", now=utcnow())


async def test_the_team_builds_a_programme_of_its_own_phases_tracks_and_milestones(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    seen: list[Event] = []
    sub = bus.subscribe("rollout", seen.append)
    try:
        pid = await programmes.do_create_programme(team, ProgrammeDraft(Area.SKOLE, " Skoler 2027 ", TODAY,
                                                                        TODAY + 200 * D))
        pilot = await programmes.do_add_span(team, SpanDraft(pid, SpanKind.PHASE, "Pilot på Engskolen", TODAY,
                                                             TODAY + 30 * D))
        await programmes.do_add_span(team, SpanDraft(pid, SpanKind.TRACK, "Forældrekommunikation", TODAY + 10 * D,
                                                     TODAY + 90 * D))
        stone = await plan.do_save_milestone(team, MilestoneDraft(pid, pilot, "Pilot evalueret", "Projektgruppen",
                                                                  TODAY + 30 * D, MilestoneStatus.PLANNED))
        await programmes.do_update_span(team, pilot, "Pilot på Engskolen og Skovly", TODAY, TODAY + 40 * D)
        await programmes.do_update_programme(team, pid, ProgrammeDraft(Area.SKOLE, "Skolerne 2027", TODAY,
                                                                        TODAY + 300 * D))
    finally:
        sub.cancel()
    assert seen == [PlanChanged(pid)] * 6
    [view] = [p for p in await plan.plan(team, TODAY) if p.id == pid]
    assert (view.name, view.area, view.end) == ("Skolerne 2027", Area.SKOLE, TODAY + 300 * D)
    assert [(s.kind, s.key, s.label) for s in view.spans] == [
        (SpanKind.PHASE, "pilot_paa_engskolen", "Pilot på Engskolen og Skovly"),
        (SpanKind.TRACK, "foraeldrekommunikation", "Forældrekommunikation")]
    assert [(m.id, m.owner, m.due) for m in view.milestones] == [(stone, "Projektgruppen", TODAY + 30 * D)]
    chart = gantt_options(view, TODAY)
    assert chart["yAxis"]["data"] == ["Spor: Forældrekommunikation", "Fase: Pilot på Engskolen og Skovly"]
    assert chart["series"][1]["data"][0]["value"][1] == "Fase: Pilot på Engskolen og Skovly"


async def test_a_new_programme_without_phases_still_draws_its_milestones(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    pid = await programmes.do_create_programme(team, ProgrammeDraft(Area.DAGTILBUD, "Ny plan", TODAY, TODAY + 9 * D))
    await plan.do_save_milestone(team, MilestoneDraft(pid, None, "Start", "Ida", TODAY, MilestoneStatus.PLANNED))
    [view] = await plan.plan(team, TODAY)
    chart = gantt_options(view, TODAY)
    assert chart["yAxis"]["data"] == ["Milepæle"] and chart["series"][1]["data"][0]["value"][1] == "Milepæle"


async def programme_with_phase_and_milestone(team: Actor) -> tuple[int, int, int]:
    """A programme TODAY..+100 with a phase +10..+50 holding a milestone at +20."""
    pid = await programmes.do_create_programme(team, ProgrammeDraft(Area.SKOLE, "Plan", TODAY, TODAY + 100 * D))
    phase = await programmes.do_add_span(team, SpanDraft(pid, SpanKind.PHASE, "Udrulning", TODAY + 10 * D,
                                                         TODAY + 50 * D))
    stone = await plan.do_save_milestone(team, MilestoneDraft(pid, phase, "Kursus", "Ida", TODAY + 20 * D,
                                                              MilestoneStatus.PLANNED))
    return pid, phase, stone


@pytest.mark.parametrize(("write", "key"), [
    ("programme_end_before_start", "rollout.error.end_before_start"),
    ("programme_without_name", "rollout.error.programme_name_required"),
    ("programme_shrunk_past_its_phase", "rollout.error.programme_leaves_span"),
    ("span_end_before_start", "rollout.error.end_before_start"),
    ("span_outside_programme", "rollout.error.span_outside"),
    ("span_without_name", "rollout.error.span_label_required"),
    ("phase_after_its_milestone", "rollout.error.phase_after_milestone"),
    ("milestone_after_programme", "rollout.error.due_after_programme"),
    ("milestone_before_programme", "rollout.error.due_before_programme"),
])
async def test_bad_dates_and_names_are_refused_and_change_nothing(database: str, write: str, key: str) -> None:
    w = await build_world()
    team = await team_member(w)
    pid, phase, _ = await programme_with_phase_and_milestone(team)
    writes = {
        "programme_end_before_start": lambda: programmes.do_create_programme(
            team, ProgrammeDraft(Area.SKOLE, "X", TODAY, TODAY - D)),
        "programme_without_name": lambda: programmes.do_create_programme(
            team, ProgrammeDraft(Area.SKOLE, " ", TODAY, TODAY)),
        "programme_shrunk_past_its_phase": lambda: programmes.do_update_programme(
            team, pid, ProgrammeDraft(Area.SKOLE, "Plan", TODAY, TODAY + 40 * D)),
        "span_end_before_start": lambda: programmes.do_update_span(team, phase, "Udrulning", TODAY + 9 * D,
                                                                   TODAY + 8 * D),
        "span_outside_programme": lambda: programmes.do_add_span(
            team, SpanDraft(pid, SpanKind.TRACK, "Support", TODAY, TODAY + 101 * D)),
        "span_without_name": lambda: programmes.do_update_span(team, phase, "", TODAY + 10 * D, TODAY + 50 * D),
        "phase_after_its_milestone": lambda: programmes.do_update_span(team, phase, "Udrulning", TODAY + 21 * D,
                                                                       TODAY + 50 * D),
        "milestone_after_programme": lambda: plan.do_save_milestone(
            team, MilestoneDraft(pid, phase, "Sent", "", TODAY + 101 * D, MilestoneStatus.PLANNED)),
        "milestone_before_programme": lambda: plan.do_save_milestone(
            team, MilestoneDraft(pid, None, "Tidligt", "", TODAY - D, MilestoneStatus.PLANNED)),
    }
    before = (await Programme.all().values_list("name", "start", "end"), await Span.all().values_list(
        "label", "start", "end"), await Milestone.all().count())
    with pytest.raises(DomainError) as refused:
        await writes[write]()
    assert refused.value.key == key
    assert all("-" not in str(v) for v in refused.value.params.values())  # dates are written 7.12.2026
    after = (await Programme.all().values_list("name", "start", "end"), await Span.all().values_list(
        "label", "start", "end"), await Milestone.all().count())
    assert after == before


async def test_a_removed_phase_keeps_its_milestones_and_comes_back_with_them(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    pid, phase, stone = await programme_with_phase_and_milestone(team)
    await Span.filter(id=phase).update(key="udrulning")
    removed = await programmes.do_remove_span(team, phase)
    assert not await Span.filter(id=phase).exists()
    assert (await Milestone.get(id=stone)).phase_id is None
    back = await programmes.do_restore_span(team, removed)
    span = await Span.get(id=back)
    assert (span.key, span.label, span.start, span.end) == ("udrulning", "Udrulning", TODAY + 10 * D, TODAY + 50 * D)
    assert (await Milestone.get(id=stone)).phase_id == back


async def test_a_deleted_milestone_can_be_saved_again_from_what_the_delete_returns(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    _, phase, stone = await programme_with_phase_and_milestone(team)
    draft = await plan.do_delete_milestone(team, stone)
    assert await Milestone.all().count() == 0
    again = await Milestone.get(id=await plan.do_save_milestone(team, draft))
    assert (again.title, again.owner, again.due, again.phase_id) == ("Kursus", "Ida", TODAY + 20 * D, phase)


async def test_only_the_project_team_and_admins_shape_programmes(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    pid, phase, _ = await programme_with_phase_and_milestone(team)
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    with pytest.raises(AccessDenied):
        await programmes.do_create_programme(leader, ProgrammeDraft(Area.SKOLE, "X", TODAY, TODAY))
    with pytest.raises(AccessDenied):
        await programmes.do_update_programme(leader, pid, ProgrammeDraft(Area.SKOLE, "X", TODAY, TODAY + 100 * D))
    with pytest.raises(AccessDenied):
        await programmes.do_add_span(leader, SpanDraft(pid, SpanKind.TRACK, "X", TODAY, TODAY))
    with pytest.raises(AccessDenied):
        await programmes.do_update_span(leader, phase, "X", TODAY + 10 * D, TODAY + 50 * D)
    with pytest.raises(AccessDenied):
        await programmes.do_remove_span(leader, phase)
    assert await Programme.all().values_list("name", flat=True) == ["Plan"]
    assert await Span.all().values_list("label", flat=True) == ["Udrulning"]
