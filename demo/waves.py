"""Demo waves: each programme's institutions go live in three waves, one school district after the other.

The deck's plans (2020-2021) go live inside their Udrulning phases; the school programme is current, so its first
wave went live ten days ago, the second goes live in ten days and the third in forty.
"""

from __future__ import annotations

from datetime import date, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.names import INSTITUTIONS
from demo.rows import Demo, RowBook, insert_tables
from domain.organisation.model import InstitutionKind
from domain.rollout.model import AREA_OF_KIND, Area
from persistence.organisation import Institution
from persistence.rollout import Programme, Wave, WaveMember

WAVE_TABLES: list[type[Model]] = [Wave, WaveMember]
DISTRICT = {spec.number: spec.district for spec in INSTITUTIONS}
CLUBS = "Klubberne"


def wave_plan(area: Area, today: date) -> dict[str, date]:
    """Wave name -> go-live date for the programme of an area."""
    if area is Area.DAGTILBUD:
        return {"Bølge 1": date(2020, 9, 14), "Bølge 2": date(2020, 10, 12), "Bølge 3": date(2020, 11, 9)}
    if area is Area.BFO_KLUB:
        return {"BFO, bølge 1": date(2020, 10, 5), "BFO, bølge 2": date(2020, 11, 30), CLUBS: date(2021, 6, 14)}
    return {"Bølge 1": today - timedelta(days=10), "Bølge 2": today + timedelta(days=10),
            "Bølge 3": today + timedelta(days=40)}


def wave_name(area: Area, kind: InstitutionKind, district: int) -> str:
    """The wave an institution of a district joins: the district's number, clubs last and together."""
    if area is Area.BFO_KLUB:
        return CLUBS if kind is InstitutionKind.KLUB else f"BFO, bølge {min(district, 1) + 1}"
    return f"Bølge {district + 1}"


def build_waves(demo: Demo) -> None:
    """Three waves per programme, every institution of the programme's area in one (after build_rollout)."""
    book = demo.book
    for table in WAVE_TABLES:
        book.rows.setdefault(table, [])
    for programme in book.all(Programme):
        area = Area(programme.area)
        waves = {name: book.add(Wave, programme_id=programme.id, name=name, go_live=day)
                 for name, day in wave_plan(area, demo.today).items()}
        for inst in book.all(Institution):
            kind = InstitutionKind(inst.kind)
            if AREA_OF_KIND[kind] is area and inst.number in DISTRICT:
                wave = waves[wave_name(area, kind, DISTRICT[inst.number])]
                book.add(WaveMember, wave_id=wave.id, programme_id=programme.id, institution_id=inst.id)


async def insert_waves(book: RowBook, conn: BaseDBAsyncClient) -> None:
    """Insert the waves inside the seed's transaction (after the programmes)."""
    await insert_tables(book, conn, WAVE_TABLES)
