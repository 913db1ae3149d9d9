"""The waves tab through the UI: a new wave, a refused go-live date, moving an institution, delete with undo."""

from __future__ import annotations

from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from domain.dates import show_day
from persistence.organisation import Institution
from persistence.rollout import Programme, Wave, WaveMember
from tests.conftest import TODAY
from tests.ui.conftest import login


async def test_the_team_creates_a_wave_in_the_running_programme(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    await user.should_see("Bølger")
    await user.should_see("Uden bølge (0)")
    user.find(marker="new-wave").click()
    user.find(marker="wave-name").type("Bølge 4")
    go_live = user.find(marker="wave-go-live").elements.pop()
    assert isinstance(go_live, ui.input)
    go_live.set_value(show_day(TODAY + timedelta(days=60)))
    members = user.find(marker="wave-members").elements.pop()
    assert isinstance(members, ui.select)
    eng = await Institution.get(name="Engskolen")
    assert list(members.options.values())[0] == "Engskolen"  # Danish order: Engskolen, Sammenby Skole, Skovly...
    members.set_value([eng.id])
    user.find(marker="wave-save").click()
    await user.should_see("Gemt")
    school = await Programme.get(name="Udrulning i skolerne")
    wave = await Wave.get(programme=school, name="Bølge 4")
    assert wave.go_live == TODAY + timedelta(days=60)
    assert (await WaveMember.get(programme=school, institution=eng)).wave_id == wave.id
    await user.should_see(marker=f"wave-{wave.id}")


async def test_a_go_live_outside_the_programme_is_refused_in_danish(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    before = await Wave.all().count()
    user.find(marker="new-wave").click()
    user.find(marker="wave-name").type("Bølge 4")
    go_live = user.find(marker="wave-go-live").elements.pop()
    assert isinstance(go_live, ui.input)
    go_live.set_value(show_day(TODAY + timedelta(days=400)))
    user.find(marker="wave-save").click()
    await user.should_see("Go-live-datoen skal ligge i planens periode")
    assert await Wave.all().count() == before


async def test_moving_an_institution_and_deleting_a_wave_with_undo(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    eng = await Institution.get(name="Engskolen")
    school = await Programme.get(name="Udrulning i skolerne")
    first = await Wave.get(programme=school, name="Bølge 1")
    move = user.find(marker=f"wave-move-{eng.id}").elements.pop()
    assert isinstance(move, ui.select)
    move.set_value(first.id)
    await user.should_see("Engskolen er flyttet til «Bølge 1».")
    member = await WaveMember.get(programme=school, institution=eng)
    assert member.wave_id == first.id
    user.find(marker=f"wave-delete-{first.id}").click()
    await user.should_see(marker="wave-delete-confirm")
    user.find(marker="wave-delete-confirm").click()
    await user.should_see("Bølgen «Bølge 1» er slettet.")
    assert not await Wave.filter(id=first.id).exists()
    await user.should_see("Uden bølge (2)")
    user.find(marker="wave-undo").click()
    await user.should_see("Uden bølge (0)")
    again = await Wave.get(programme=school, name="Bølge 1")
    assert set(await WaveMember.filter(wave=again).values_list("institution_id", flat=True)) == {
        eng.id, (await Institution.get(name="Skovlyskolen")).id}


async def test_the_waves_and_the_timeline_download_as_csv_for_danish_excel(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    user.find(marker="export-waves").click()
    waves = await user.download.next(timeout=10)
    lines = waves.content.decode("utf-8-sig").splitlines()
    assert waves.content.startswith("\ufeff".encode()) and lines[0] == "plan;omraade;boelge;go_live;institution"
    assert f"Udrulning i skolerne;skole;Bølge 1;{(TODAY - timedelta(days=10)).strftime('%d-%m-%Y')};Skovlyskolen" \
        in lines
    user.find(marker="export-plan").click()
    timeline = await user.download.next(timeout=10)
    assert "Projektplan for dagtilbud;dagtilbud;milepæl;Anvendelsesbeslutning DDL uge 44 2020;" \
        "Dagtilbudsledelsen (DDL);;26-10-2020;færdig" in timeline.content.decode("utf-8-sig").splitlines()
