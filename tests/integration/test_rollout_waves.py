"""Waves of institutions with go-live dates: created, renamed, redated, filled and deleted by the project team only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.organisation.model import MunicipalRole
from domain.rollout import lagging, waves
from domain.rollout.model import PlanChanged
from domain.rollout.waves import WaveDraft
from persistence.organisation import Institution
from persistence.people import MunicipalAssignment
from persistence.rollout import Programme, Wave, WaveMember
from tests.factory import World, build_world, person


async def team_member(w: World) -> Actor:
    """A project-team member acting as such."""
    camilla = await person(await w.school.municipality, "Camilla", subject="t-team")
    await MunicipalAssignment.create(person=camilla, role=MunicipalRole.PROJECT_TEAM)
    return await current_actor(camilla.id, "project_team", "2", now=utcnow())


async def school_programme(today):  # type: ignore[no-untyped-def]
    """A skole programme from 60 days ago to 200 days ahead."""
    return await Programme.create(area="skole", name="Udrulning i skolerne", start=today - timedelta(days=60),
                                  end=today + timedelta(days=200))


async def test_the_team_creates_waves_and_sees_them_by_go_live_with_members_in_danish_order(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    programme = await school_programme(w.today)
    municipality = await w.school.municipality
    aa = await Institution.create(municipality=municipality, number="900001", name="Aarhusvej Skole", kind="skole")
    oe = await Institution.create(municipality=municipality, number="900002", name="Østre Skole", kind="skole")
    seen: list[Event] = []
    sub = bus.subscribe("rollout", seen.append)
    try:
        later = await waves.do_create_wave(team, WaveDraft(programme.id, "Bølge 2", w.today + timedelta(days=30),
                                                           (aa.id,)))
        first = await waves.do_create_wave(team, WaveDraft(programme.id, " Bølge 1 ", w.today + timedelta(days=5),
                                                           (aa.id, oe.id, w.school.id)))
    finally:
        sub.cancel()
    assert seen == [PlanChanged(programme.id), PlanChanged(programme.id)]
    listed = await waves.waves(team, programme.id)
    # Aarhusvej moved from Bølge 2 to Bølge 1: an institution is in one wave per programme. "Aa" sorts as Å.
    assert [(v.id, v.name, [m.name for m in v.members]) for v in listed] == [
        (first, "Bølge 1", ["Testskolen", "Østre Skole", "Aarhusvej Skole"]), (later, "Bølge 2", [])]
    assert (await waves.wave_of(team, oe.id)).id == first  # type: ignore[union-attr]
    assert await waves.wave_of(team, w.kindergarten.id) is None
    assert set((await waves.wave_map(team)).keys()) == {aa.id, oe.id, w.school.id}


async def test_renaming_redating_moving_and_deleting_with_undo(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    programme = await school_programme(w.today)
    one = await waves.do_create_wave(team, WaveDraft(programme.id, "Bølge 1", w.today, (w.school.id,)))
    two = await waves.do_create_wave(team, WaveDraft(programme.id, "Bølge 2", w.today + timedelta(days=14)))
    await waves.do_update_wave(team, two, "Bølge 2 (efterår)", w.today + timedelta(days=21))
    await waves.do_move_institution(team, w.school.id, programme.id, two)
    [a, b] = await waves.waves(team)
    assert (a.name, a.members, b.name, b.go_live) == ("Bølge 1", (), "Bølge 2 (efterår)", w.today + timedelta(days=21))
    assert b.institution_ids == {w.school.id}
    await waves.do_move_institution(team, w.school.id, programme.id, None)
    assert await WaveMember.all().count() == 0
    await waves.do_move_institution(team, w.school.id, programme.id, two)
    undo = await waves.do_delete_wave(team, two)
    assert await Wave.filter(id=two).count() == 0 and await WaveMember.all().count() == 0
    again = await waves.do_create_wave(team, undo)
    assert (await waves.wave_of(team, w.school.id)).id == again  # type: ignore[union-attr]
    assert {v.name for v in await waves.waves(team)} == {"Bølge 1", "Bølge 2 (efterår)"} and one


@pytest.mark.parametrize(("name", "days", "key"), [
    ("  ", 0, "rollout.error.wave_name_required"),
    ("Bølge 1", 0, "rollout.error.wave_name_taken"),
    ("Bølge 9", -61, "rollout.error.go_live_outside"),
    ("Bølge 9", 201, "rollout.error.go_live_outside"),
    ("x" * 121, 0, "rollout.error.too_long"),
])
async def test_bad_waves_are_refused_in_danish_and_change_nothing(database: str, name: str, days: int,
                                                                   key: str) -> None:
    w = await build_world()
    team = await team_member(w)
    programme = await school_programme(w.today)
    await waves.do_create_wave(team, WaveDraft(programme.id, "Bølge 1", w.today))
    with pytest.raises(DomainError) as refused:
        await waves.do_create_wave(team, WaveDraft(programme.id, name, w.today + timedelta(days=days)))
    assert refused.value.key == key
    assert await Wave.all().count() == 1


async def test_an_institution_of_another_area_or_a_wave_of_another_plan_is_refused(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    programme = await school_programme(w.today)
    other = await Programme.create(area="dagtilbud", name="Dagtilbud", start=w.today, end=w.today)
    foreign = await waves.do_create_wave(team, WaveDraft(other.id, "Bølge A", w.today, (w.kindergarten.id,)))
    with pytest.raises(DomainError) as refused:
        await waves.do_create_wave(team, WaveDraft(programme.id, "Bølge 1", w.today, (w.kindergarten.id,)))
    assert refused.value.key == "rollout.error.wrong_area" and refused.value.params == {"name": "Testhaven"}
    with pytest.raises(DomainError) as refused:
        await waves.do_move_institution(team, w.school.id, programme.id, foreign)
    assert refused.value.key == "rollout.error.unknown_wave"
    with pytest.raises(DomainError) as refused:
        await waves.do_update_wave(team, foreign, "Bølge A", w.today + timedelta(days=1))
    assert refused.value.key == "rollout.error.go_live_outside"
    assert refused.value.params == {"start": w.today.strftime("%-d.%-m.%Y"), "end": w.today.strftime("%-d.%-m.%Y")}
    assert [m.institution_id for m in await WaveMember.all()] == [w.kindergarten.id]


async def test_only_the_project_team_and_admins_shape_waves(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    programme = await school_programme(w.today)
    wave = await waves.do_create_wave(team, WaveDraft(programme.id, "Bølge 1", w.today, (w.school.id,)))
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    teacher = await current_actor(w.teacher.id, "staff", "2", now=utcnow())
    for outsider in (leader, teacher):
        with pytest.raises(AccessDenied):
            await waves.do_create_wave(outsider, WaveDraft(programme.id, "Bølge 2", w.today))
        with pytest.raises(AccessDenied):
            await waves.do_update_wave(outsider, wave, "Omdøbt", w.today)
        with pytest.raises(AccessDenied):
            await waves.do_move_institution(outsider, w.school.id, programme.id, None)
        with pytest.raises(AccessDenied):
            await waves.do_delete_wave(outsider, wave)
        with pytest.raises(AccessDenied):
            await waves.waves(outsider)
    [kept] = await waves.waves(team)
    assert (kept.name, kept.institution_ids) == ("Bølge 1", {w.school.id})
    admin = await current_actor(w.admin.id, "admin", "2", now=utcnow())
    await waves.do_update_wave(admin, wave, "Bølge 1 (rettet)", w.today)
    assert (await Wave.get(id=wave)).name == "Bølge 1 (rettet)"


async def test_lagging_counts_waves_of_running_programmes_only(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    running = await school_programme(w.today)
    ended = await Programme.create(area="skole", name="Gammel plan", start=w.today - timedelta(days=900),
                                   end=w.today - timedelta(days=500))
    await waves.do_create_wave(team, WaveDraft(running.id, "Bølge 1", w.today - timedelta(days=3), (w.school.id,)))
    await waves.do_create_wave(team, WaveDraft(ended.id, "Bølge 0", w.today - timedelta(days=600), (w.school.id,)))
    [behind] = await lagging.lagging(team, w.today, {w.school.id: (5, 6)})
    assert (behind.name, behind.wave, behind.required, behind.days_left(w.today)) == ("Testskolen", "Bølge 1", 1.0, -3)
    assert await lagging.lagging(team, w.today, {w.school.id: (6, 6)}) == []
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    with pytest.raises(AccessDenied):
        await lagging.lagging(leader, w.today, {})
