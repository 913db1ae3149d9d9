"""The stamkort over SQLite and PostgreSQL: guardians write, staff of the child's groups read, all audited."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from domain.errors import AccessDenied, DomainError
from domain.gdpr import retention_people
from domain.gdpr.export import build_export
from domain.gdpr.export_level import SENSITIVE_WITHHELD
from domain.identity.model import Actor, Role
from domain.stamkort import safety, service
from domain.stamkort.model import StamkortInput
from persistence.audit import AuditEntry
from persistence.notifications import Notification
from persistence.people import Enrolment, GroupMembership
from persistence.stamkort import Stamkort
from tests.conftest import point_data_dir
from tests.factory import person
from tests.presence_world import DAY, NOW, PresenceWorld, build_presence_world
from tests.querycount import count_queries

HEALTH = "Epilepsi: krampeanfald ved feber"
FILLED = StamkortInput(allergies="Jordnødder", diet="Ingen svinekød", doctor_name="Lægehuset Nord",
                       doctor_phone="+45 70 12 34 56", practical="Har briller", medicine="Astmaspray før idræt",
                       health_notes=HEALTH)


@pytest.fixture
async def world(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PresenceWorld:
    point_data_dir(monkeypatch, tmp_path / "data")
    w = await build_presence_world()
    await GroupMembership.create(group=w.team, person_id=w.staff.person_id)  # Sofie works in Oscar's group
    return w


def level_2(actor: Actor) -> Actor:
    """The same person in a session at assurance level 2 (MitID low)."""
    return replace(actor, acr="2")


async def test_a_guardian_writes_the_stamkort_and_staff_of_the_childs_group_read_it_all_audited(
        world: PresenceWorld) -> None:
    changed = await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    assert set(changed) == {"allergies", "diet", "doctor_name", "doctor_phone", "practical", "medicine",
                            "health_notes"}
    read = await service.stamkort_for(world.staff, world.oscar.id, DAY)
    assert (read.allergies, read.diet, read.doctor_phone, read.health_notes) == (
        "Jordnødder", "Ingen svinekød", "+45 70 12 34 56", HEALTH)
    assert not read.may_edit and not read.health_hidden and read.updated_by == "Mette"
    assert (await service.stamkort_for(world.leader, world.oscar.id, DAY)).allergies == "Jordnødder"
    entries = await AuditEntry.filter(concerned_person_id=world.oscar.id).order_by("id").values_list(
        "action", "outcome", "actor_person_id", "detail")
    assert entries == [
        ("edit_stamkort", "allowed", world.parent.person_id,
         "fields:allergies,diet,medicine,health_notes,doctor_name,doctor_phone,practical"),
        ("view_stamkort", "allowed", world.staff.person_id, "staff_of_group health:shown"),
        ("view_stamkort", "allowed", world.leader.person_id, "leader health:shown"),
    ]
    assert all("Jordnødder" not in e[3] and HEALTH not in e[3] for e in entries)


async def test_saving_the_same_again_changes_nothing_and_audits_no_change(world: PresenceWorld) -> None:
    await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    assert await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY) == ()
    assert await AuditEntry.filter(action="edit_stamkort").count() == 1


async def test_health_notes_need_assurance_level_3_to_read_and_to_write(world: PresenceWorld) -> None:
    await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    low = await service.stamkort_for(level_2(world.staff), world.oscar.id, DAY)
    assert low.health_hidden and low.health_notes == "" and low.medicine == ""
    assert low.allergies == "Jordnødder"  # safety information needs only level 2
    with pytest.raises(AccessDenied):
        await service.do_save(level_2(world.parent), world.oscar.id, replace(FILLED, health_notes="Ny tekst"),
                              now=NOW, today=DAY)
    # A level-2 guardian changes the rest and leaves the health notes as they were.
    keep = replace(FILLED, allergies="Jordnødder, æg", medicine=None, health_notes=None)
    assert await service.do_save(level_2(world.parent), world.oscar.id, keep, now=NOW, today=DAY) == ("allergies",)
    row = await Stamkort.get(child_id=world.oscar.id)
    assert (row.allergies, row.health_notes) == ("Jordnødder, æg", HEALTH)
    assert await AuditEntry.filter(action="edit_stamkort", outcome="refused", detail="needs_step_up").count() == 1
    assert await AuditEntry.filter(action="view_stamkort", detail="staff_of_group health:hidden_needs_level_3"
                                   ).count() == 1


async def test_everyone_else_is_refused_in_the_service_and_each_refusal_is_audited(world: PresenceWorld) -> None:
    await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    teen = Actor(person_id=world.oscar.id, name="Oscar", role=Role.CHILD, roles=frozenset({Role.CHILD}), acr="3")
    ppr_person = await person(await world.oscar.municipality, "Pia", subject="pw-ppr")
    ppr = Actor(person_id=ppr_person.id, name="Pia", role=Role.PPR, roles=frozenset({Role.PPR}),
                ppr_children=frozenset({world.oscar.id}), acr="3")
    refused = {
        "guardian of another family": world.other_parent,
        "staff of another institution": world.daycare_staff,
        "the child's own account": teen,
        "PPR with a case": ppr,
    }
    for who, actor in refused.items():
        with pytest.raises(AccessDenied):
            await service.stamkort_for(actor, world.oscar.id, DAY)
        with pytest.raises(AccessDenied):
            await service.do_save(actor, world.oscar.id, FILLED, now=NOW, today=DAY)
        assert await AuditEntry.filter(actor_person_id=actor.person_id, outcome="refused",
                                       concerned_person_id=world.oscar.id).count() == 2, who
    with pytest.raises(AccessDenied):  # staff read only children of their own groups
        await service.stamkort_for(world.staff, world.ida.id, DAY)
    with pytest.raises(AccessDenied):  # staff read, they do not write
        await service.do_save(world.staff, world.oscar.id, FILLED, now=NOW, today=DAY)
    assert await AuditEntry.filter(detail="not_in_childs_group", concerned_person_id=world.ida.id).count() == 1
    assert (await Stamkort.get(child_id=world.oscar.id)).allergies == "Jordnødder"


async def test_staff_lose_access_when_the_child_leaves_their_group(world: PresenceWorld) -> None:
    await Enrolment.filter(child_id=world.oscar.id).update(group_id=world.team2.id)
    with pytest.raises(AccessDenied):
        await service.stamkort_for(world.staff, world.oscar.id, DAY)


@pytest.mark.parametrize(("field", "value", "key"), [
    ("allergies", "x" * 501, "stamkort.too_long.allergies"),
    ("doctor_phone", "ring til mor", "stamkort.bad_phone"),
    ("diet", "glutenfri\x00", "error.control_characters"),
])
async def test_bad_input_is_refused_and_changes_nothing(world: PresenceWorld, field: str, value: str,
                                                        key: str) -> None:
    await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    with pytest.raises(DomainError) as refused:
        await service.do_save(world.parent, world.oscar.id, replace(FILLED, **{field: value}), now=NOW, today=DAY)
    assert refused.value.key == key
    row = await Stamkort.get(child_id=world.oscar.id)
    assert (row.allergies, row.diet, row.doctor_phone) == ("Jordnødder", "Ingen svinekød", "+45 70 12 34 56")


async def test_the_board_reads_every_childs_allergies_in_one_query_however_many_children(
        world: PresenceWorld) -> None:
    await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    await service.do_save(world.parent, world.ida.id, StamkortInput(diet="Vegetar"), now=NOW, today=DAY)
    with count_queries() as few:
        found = await safety.institution_safety(world.staff, world.bfo.id, DAY)
    assert {k: (v.allergies, v.diet, v.has_allergy) for k, v in found.items()} == {
        world.oscar.id: ("Jordnødder", "Ingen svinekød", True), world.ida.id: ("", "Vegetar", False)}
    for n in range(6):  # more children with allergies cost no more queries
        kid = await person(await world.oscar.municipality, f"Barn{n}", child=True, born=world.oscar.birth_date)
        await Enrolment.create(child=kid, institution=world.bfo, group=world.team, start=DAY)
        await Stamkort.create(child=kid, allergies="Æg", updated_at=NOW)
    with count_queries() as many:
        assert len(await safety.institution_safety(world.staff, world.bfo.id, DAY)) == 8
    assert len(few) == len(many) == 2  # the read and one audit insert
    with pytest.raises(AccessDenied):
        await safety.institution_safety(world.daycare_staff, world.bfo.id, DAY)


async def test_the_health_note_never_reaches_the_log_a_notification_or_a_repr(
        world: PresenceWorld, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.INFO)
    for name in ("domain", "persistence", "ui", "sammen", "nicegui"):  # our own logs (the ORM's echo of SQL aside)
        caplog.set_level(logging.DEBUG, logger=name)
    await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    view = await service.stamkort_for(world.staff, world.oscar.id, DAY)
    await safety.institution_safety(world.staff, world.bfo.id, DAY)
    with pytest.raises(DomainError):  # a refused save logs its reason, never the text
        await service.do_save(world.parent, world.oscar.id, replace(FILLED, health_notes=HEALTH + "\x07"),
                              now=NOW, today=DAY)
    assert view.health_notes == HEALTH
    seen = caplog.text + "".join(capsys.readouterr()) + repr(view) + repr(FILLED)
    assert HEALTH not in seen and "Astmaspray" not in seen
    stored = [str(v) for v in await Notification.all().values_list("title", "body")]
    assert not any(HEALTH in s or "Astmaspray" in s for s in stored)
    assert not any(HEALTH in e or "Astmaspray" in e for e in await AuditEntry.all().values_list("detail", flat=True))


async def test_anonymising_a_child_removes_its_stamkort(world: PresenceWorld) -> None:
    await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    await service.do_save(world.parent, world.ida.id, StamkortInput(diet="Vegetar"), now=NOW, today=DAY)
    await retention_people.anonymise([world.oscar.id], now=NOW)
    assert await Stamkort.filter(child_id=world.oscar.id).count() == 0
    assert await Stamkort.filter(child_id=world.ida.id).count() == 1


async def test_a_guardians_data_export_holds_the_stamkort_and_the_health_notes_only_at_level_3(
        world: PresenceWorld) -> None:
    await service.do_save(world.parent, world.oscar.id, FILLED, now=NOW, today=DAY)
    await service.do_save(world.other_parent, world.other_child.id, StamkortInput(allergies="Kiwi"), now=NOW,
                          today=DAY)

    def stamkort_of(body: bytes) -> dict[str, str]:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            name = next(n for n in archive.namelist() if n.startswith("children/Oscar-") and
                        n.endswith("stamkort.json"))
            assert not any("Kiwi" in archive.read(n).decode() for n in archive.namelist())
            return dict(json.loads(archive.read(name))["stamkort"])

    high = stamkort_of(await build_export(world.parent, world.parent.person_id, now=NOW))
    assert (high["allergies"], high["health_notes"], high["updated_by_me"]) == ("Jordnødder", HEALTH, True)
    low = stamkort_of(await build_export(level_2(world.parent), world.parent.person_id, now=NOW))
    assert low["allergies"] == "Jordnødder" and low["health_notes"] == low["medicine"] == SENSITIVE_WITHHELD
