"""The demo's waves: every institution in one wave of its area's programme, the school waves around today."""

from __future__ import annotations

from datetime import timedelta

from demo.seed import seed_demo
from domain.organisation.model import InstitutionKind
from domain.rollout.model import AREA_OF_KIND, Area
from domain.rollout.waves import by_institution, load_waves
from persistence.organisation import Institution
from persistence.rollout import Programme
from tests.demo_support import TODAY


async def test_each_programme_has_three_waves_holding_every_institution_of_its_area(db: str) -> None:
    await seed_demo(today=TODAY, scale=0.1)
    waves = await load_waves()
    programmes = {p.id: p for p in await Programme.all()}
    institutions = {i.id: i for i in await Institution.all()}
    for programme in programmes.values():
        mine = [w for w in waves if w.programme_id == programme.id]
        assert len(mine) == 3, programme.name
        assert all(programme.start <= w.go_live <= programme.end for w in mine)
        members = [m.institution_id for w in mine for m in w.members]
        area = {i for i, inst in institutions.items() if AREA_OF_KIND[InstitutionKind(inst.kind)] is programme.area}
        assert sorted(members) == sorted(area), programme.name
    school = next(p for p in programmes.values() if p.area == Area.SKOLE)
    school_waves = [w for w in waves if w.programme_id == school.id]
    assert [w.go_live - TODAY for w in school_waves] == [timedelta(days=d) for d in (-10, 10, 40)]
    assert [[m.name for m in w.members] for w in school_waves] == [["Skovlyskolen"], ["Engskolen"],
                                                                   ["Sammenby Skole"]]
    klub = next(w for w in waves if w.name == "Klubberne")
    assert [m.name for m in klub.members] == ["Klub Nordlys", "Klub Stjernen"]
    assert len(by_institution(waves)) == len(institutions)
