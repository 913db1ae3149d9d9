"""One consent model: KommeGå's "må gå hjem selv" is a child consent like the photo consent, and the migration
carries the old presence consents over."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise import connections
from tortoise.migrations.api import migrate

from domain.errors import DomainError, NotFound
from domain.gdpr import consents
from domain.gdpr.export_presence import consents_file
from domain.identity.model import MunicipalRole, Role
from domain.presence import plans
from domain.presence.model import ConsentKind
from domain.presence.plans import PlanInput
from persistence import db
from persistence.gdpr import ChildConsent, ConsentType
from persistence.organisation import Municipality
from persistence.people import MunicipalAssignment
from persistence.presence import PlanEntry
from tests.factory import person
from tests.presence_world import DAY, NOW, PresenceWorld, actor, build_presence_world

KEY = ConsentKind.GO_HOME_ALONE.value


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


async def test_going_home_alone_is_stored_as_a_child_consent_and_kept_off_the_municipalitys_list(
        world: PresenceWorld) -> None:
    await plans.do_consent(world.parent, world.oscar.id, ConsentKind.GO_HOME_ALONE, True, now=NOW)
    stored = await ChildConsent.get(child_id=world.oscar.id, consent_type__key=KEY)
    assert (stored.given, stored.decided_by_id) == (True, world.parent.person_id)
    assert await plans.has_consent(world.oscar.id, ConsentKind.GO_HOME_ALONE)
    family = await consents.family_consents(world.parent, NOW)
    assert KEY not in {t.key for t in family[0].types}  # asked for on the KommeGå page, for BFO and klub only
    with pytest.raises(NotFound):
        await consents.do_decide(world.parent, child_id=world.oscar.id, given=False, now=NOW,
                                 consent_type_id=(await ConsentType.get(key=KEY)).id)
    exported = await consents_file(world.oscar.id, world.parent.person_id, child=True)
    assert [c["consent"] for c in exported["consents"] if c["given"]] == ["Må gå hjem selv fra BFO og klub"]


async def test_withdrawing_ends_the_consent_and_the_planned_times_to_go_home_alone(world: PresenceWorld) -> None:
    await plans.do_plan_day(world.parent, world.ida.id, DAY, PlanInput(alone="15:00"), now=NOW)
    await plans.do_consent(world.parent, world.ida.id, ConsentKind.GO_HOME_ALONE, False, now=NOW)
    assert not await plans.has_consent(world.ida.id, ConsentKind.GO_HOME_ALONE)
    assert await ChildConsent.filter(child_id=world.ida.id, consent_type__key=KEY).count() == 1  # the same row
    assert not await PlanEntry.filter(child_id=world.ida.id, alone_min__isnull=False).exists()
    with pytest.raises(DomainError):
        await plans.do_plan_day(world.parent, world.ida.id, DAY, PlanInput(alone="15:00"), now=NOW)


async def test_the_admin_cannot_create_or_switch_off_a_managed_consent(world: PresenceWorld) -> None:
    admin_person = await person(await world.bfo.municipality, "Ane", subject="pw-admin")
    await MunicipalAssignment.create(person=admin_person, role=MunicipalRole.ADMIN)
    admin = await actor(admin_person, Role.ADMIN)
    with pytest.raises(DomainError) as taken:
        await consents.do_create_type(admin, key=KEY, name="Går selv", description="", now=NOW)
    assert taken.value.key == "consents.error.key_taken"
    with pytest.raises(NotFound):
        await consents.do_update_type(admin, (await ConsentType.get(key=KEY)).id, name="x", description="",
                                      active=False)
    assert KEY not in {t.key for t in await consents.admin_types(admin, NOW)}


async def test_the_migration_carries_each_childs_latest_presence_consent_over(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'old.sqlite3'}"
    await migrate(config=db.tortoise_config(url), target="models.0007_gdpr")
    await db.close_database()
    await db.open_database(url)
    try:
        m = await Municipality.create(code="T1", name="Testby")
        mette, oscar, ida = await person(m, "Mette"), await person(m, "Oscar", child=True), \
            await person(m, "Ida", child=True)
        run = connections.get("default").execute_query
        insert = "INSERT INTO consent (child_id, kind, given_by_id, given_at, withdrawn_at) VALUES (?, ?, ?, ?, ?)"
        await run(insert, [oscar.id, KEY, mette.id, "2026-09-01 12:00:00+00:00", "2026-10-01 12:00:00+00:00"])
        await run(insert, [oscar.id, KEY, mette.id, "2026-11-01 12:00:00+00:00", None])
        await run(insert, [ida.id, KEY, mette.id, "2026-09-01 12:00:00+00:00", "2026-10-01 12:00:00+00:00"])
    finally:
        await db.close_database()
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        rows = {r.child_id: r for r in await ChildConsent.filter(consent_type__key=KEY)}
        assert (rows[oscar.id].given, rows[ida.id].given) == (True, False)
        assert rows[ida.id].decided_at.isoformat().startswith("2026-10-01")
        assert await ConsentType.filter(key=KEY, municipality_id=m.id).count() == 1
        assert "consent" not in await db.table_names()
    finally:
        await db.close_database()
