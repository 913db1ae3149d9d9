"""The rollout's CSV files read back as Danish Excel reads them: ';', decimal comma, dd-mm-åååå, UTF-8 with BOM."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor, do_login
from domain.organisation.model import MunicipalRole
from domain.rollout import adoption, export, plan, programmes, waves
from domain.rollout.model import Area, MilestoneStatus, SpanKind
from domain.rollout.plan import MilestoneDraft
from domain.rollout.plan_export import plan_csv, waves_csv
from domain.rollout.programmes import ProgrammeDraft, SpanDraft
from domain.rollout.waves import WaveDraft
from persistence.people import MunicipalAssignment
from tests.factory import World, build_world, person

FIRST = date(2027, 1, 4)


async def team_member(w: World) -> Actor:
    """A project-team member acting as such."""
    camilla = await person(await w.school.municipality, "Camilla", subject="t-team")
    await MunicipalAssignment.create(person=camilla, role=MunicipalRole.PROJECT_TEAM)
    return await current_actor(camilla.id, "project_team", "2", now=utcnow())


def read_back(data: bytes) -> list[list[str]]:
    """Parse a CSV file as Excel would: BOM first, then ';'-separated UTF-8."""
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


async def test_plan_and_wave_files_write_danish_dates_and_keep_names_whole(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    pid = await programmes.do_create_programme(team, ProgrammeDraft(Area.SKOLE, "Skoler; 2027", FIRST,
                                                                    FIRST + timedelta(days=200)))
    phase = await programmes.do_add_span(team, SpanDraft(pid, SpanKind.PHASE, "Udrulning", FIRST,
                                                         date(2027, 3, 31)))
    await plan.do_save_milestone(team, MilestoneDraft(pid, phase, "=Kursus for alle", "Ida Ø", date(2027, 2, 7),
                                                      MilestoneStatus.IN_PROGRESS))
    await waves.do_create_wave(team, WaveDraft(pid, "Bølge 1", date(2027, 3, 1), (w.school.id,)))
    views = await plan.plan(team, FIRST)
    rows = read_back(plan_csv(views))
    assert rows == [["plan", "omraade", "type", "navn", "ansvarlig", "start", "slut_eller_frist", "status"],
                    ["Skoler; 2027", "skole", "fase", "Udrulning", "", "04-01-2027", "31-03-2027", ""],
                    ["Skoler; 2027", "skole", "milepæl", "'=Kursus for alle", "Ida Ø", "", "07-02-2027", "i gang"]]
    assert read_back(waves_csv(views, await waves.waves(team))) == [
        ["plan", "omraade", "boelge", "go_live", "institution"],
        ["Skoler; 2027", "skole", "Bølge 1", "01-03-2027", "Testskolen"]]


async def test_adoption_shares_have_a_decimal_comma(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    await do_login("t-guardian", "2", now=utcnow())
    rows = read_back(export.adoption_csv(await adoption.adoption(team, w.today)))
    school = next(r for r in rows if r[0] == "Testskolen")
    assert dict(zip(rows[0], school, strict=True))["andel_nogensinde"] == "0,500"
    assert all("." not in cell for row in rows[1:] for cell in row[5:7])
