"""Provisioning over a real database: idempotence, access revoked at once, conflicts, bad files, the examples."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from domain.errors import AccessDenied
from domain.events import Event, bus
from domain.identity.model import Actor, Role
from domain.identity.service import LoginRefused, current_actor, do_login
from domain.provisioning import service
from domain.provisioning.cli import import_files, read_directory
from domain.provisioning.model import APPLIED, MAX_FILE_BYTES, REJECTED, ImportFile, PeopleDeactivated
from persistence.identity import UserAccount
from persistence.organisation import Institution, Municipality
from persistence.people import Custody, Employment, Enrolment, Person
from tests.conftest import point_data_dir
from tests.provisioning_admin import municipality_admin
from tests.provisioning_files import register
from tests.querycount import count_queries

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture
async def admin(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Actor:
    """A municipality with its admin; uploaded files go under the test's own directory."""
    point_data_dir(monkeypatch, tmp_path)
    return await municipality_admin()


async def _import(actor: Actor, files: list[ImportFile], *, full: bool = True) -> service.ImportReport:
    report = await service.do_validate(actor, files, full=full, now=NOW)
    assert report.ok, [line.text for line in report.errors]
    assert report.run_id is not None
    # The operator types the number the check showed, where one is asked for (test_provisioning_safety.py).
    return await service.do_apply(actor, report.run_id, now=NOW, confirm_deactivate=report.confirm_deactivate)


async def _totals() -> tuple[int, ...]:
    return (await Person.all().count(), await Custody.all().count(), await Enrolment.all().count(),
            await Employment.all().count(), await UserAccount.all().count(), await Institution.all().count())


async def test_importing_the_same_files_twice_changes_nothing(admin: Actor, tmp_path: Path) -> None:
    files = register(institutions=2, families=5, staff=3).files()
    first = await _import(admin, files)
    assert first.status == APPLIED and first.counts["person"]["created"] == 18
    assert not (tmp_path / "imports" / str(first.run_id)).exists()  # applied files (CPR numbers) are not kept
    with count_queries() as statements:
        again = await _import(admin, files)
    assert all(c["created"] == c["updated"] == c["deactivated"] == c["errors"] == 0 for c in again.counts.values())
    assert again.counts["custody"]["unchanged"] == 10 and again.counts["account"]["unchanged"] == 3
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
              and "import_run" not in s and "audit_entry" not in s]
    assert writes == []
    assert len(statements) < 60  # bulk queries, never one per row
    partial = await service.do_validate(admin, register(institutions=2, families=4, staff=3).files(), full=False,
                                        now=NOW)
    assert partial.ok and all(c["deactivated"] == 0 for c in partial.counts.values())


async def test_a_bad_row_9000_means_nothing_is_applied(admin: Actor) -> None:
    reg = register(institutions=3, families=3000, staff=10)
    reg.rows["personer"][8998]["cpr"] = "3102201234"  # 31 February: line 9,000 counting the header
    report = await service.do_validate(admin, reg.files(), full=True, now=NOW)
    assert report.status == REJECTED
    assert [(e.file, e.line, e.reason) for e in report.errors][0] == ("personer.csv", 9000, "cpr_format")
    assert report.run_id is not None
    with pytest.raises(service.DomainError):
        await service.do_apply(admin, report.run_id, now=NOW)
    assert await _totals() == (1, 0, 0, 0, 0, 0)


async def test_a_run_that_became_wrong_since_validation_is_refused_whole(admin: Actor) -> None:
    reg = register(institutions=2, families=30, staff=2)
    report = await service.do_validate(admin, reg.files(), full=True, now=NOW)
    assert report.ok and report.run_id is not None
    other = await Municipality.create(code="999", name="Naboby")
    taken = reg.rows["personer"][-1]["cpr"]
    await Person.create(municipality=other, first_name="Nabo", last_name="Person", cpr=taken.replace("-", ""))
    refused = await service.do_apply(admin, report.run_id, now=NOW)
    assert refused.status == REJECTED and [e.reason for e in refused.errors] == ["cpr_taken"]
    assert await Person.filter(municipality_id=(await Person.get(id=admin.person_id)).municipality_id).count() == 1


async def test_both_encodings_keep_the_danish_letters(admin: Actor) -> None:
    reg = register(institutions=1, families=2, staff=1)
    files = [reg.csv("institutioner", "utf-8-sig"), reg.csv("personer", "cp1252"), reg.csv("grupper"),
             reg.csv("foraeldremyndighed"), reg.csv("indskrivninger"), reg.csv("medarbejdere", "cp1252")]
    await _import(admin, files)
    assert await Institution.filter(name="Børnehuset 0").exists()
    names = set(await Person.all().values_list("first_name", flat=True))
    assert {"Søren", "Åse", "Ærø"} <= names
    assert await Person.filter(last_name="Pædagogsen").exists()


async def test_someone_missing_from_a_full_import_loses_access_at_once(admin: Actor) -> None:
    reg = register(institutions=1, families=2, staff=2)
    await _import(admin, reg.files())
    grant = await do_login("medarb1", "3", now=NOW)
    leaving = reg.rows["personer"].pop()
    reg.rows["medarbejdere"].pop()
    heard: list[Event] = []
    subscription = bus.subscribe(f"person:{grant.person_id}", heard.append)
    try:
        report = await _import(admin, reg.files())
    finally:
        subscription.cancel()
    assert report.counts["person"]["deactivated"] == 1 and report.counts["employment"]["deactivated"] == 1
    assert heard == [PeopleDeactivated((grant.person_id,))]
    with pytest.raises(LoginRefused):
        await current_actor(grant.person_id, "staff", "3", now=NOW)
    with pytest.raises(LoginRefused):
        await do_login("medarb1", "3", now=NOW)
    gone = await Person.get(cpr=leaving["cpr"].replace("-", ""))
    assert not gone.active and gone.deactivated_at is not None  # deactivated, never deleted
    assert not await UserAccount.filter(person_id=gone.id, active=True).exists()


async def test_a_cpr_twice_with_different_names_is_an_error_and_nothing_changes(admin: Actor) -> None:
    reg = register(institutions=1, families=2, staff=1)
    twin = dict(reg.rows["personer"][0], fornavn="Anden")
    reg.rows["personer"].append(twin)
    report = await service.do_validate(admin, reg.files(), full=True, now=NOW)
    assert [(e.reason, e.line) for e in report.errors] == [("cpr_conflict", len(reg.rows["personer"]) + 1)]
    assert report.counts["person"]["errors"] == 1
    assert await _totals() == (1, 0, 0, 0, 0, 0)


async def test_a_cpr_or_username_of_another_person_is_never_overwritten(admin: Actor) -> None:
    reg = register(institutions=1, families=1, staff=1)
    other = await Municipality.create(code="999", name="Naboby")
    child_cpr = reg.rows["personer"][0]["cpr"].replace("-", "")
    neighbour = await Person.create(municipality=other, first_name="Nabo", last_name="Barn", cpr=child_cpr)
    stranger = await Person.create(municipality=other, first_name="Fremmed", last_name="Konto", cpr="0202801234")
    await UserAccount.create(person=stranger, oidc_subject="medarb0")
    report = await service.do_validate(admin, reg.files(), full=True, now=NOW)
    assert sorted(e.reason for e in report.errors) == ["cpr_taken", "username_taken"]
    assert "****" in report.errors[0].text and child_cpr not in str(report.to_dict())  # never a full CPR
    assert (await Person.get(id=neighbour.id)).first_name == "Nabo"
    assert await Person.filter(municipality_id=other.id).count() == 2


async def test_bad_files_get_clear_lines_and_nothing_is_applied(admin: Actor) -> None:
    reg = register(institutions=1, families=2, staff=1)
    good = {f.name: f for f in reg.files()}
    truncated = good["personer.csv"].data[:-12]
    files = [ImportFile("personer.csv", truncated),
             ImportFile("institutioner.csv", good["institutioner.csv"].data.replace(b";", b",")),
             ImportFile("grupper.csv", good["grupper.csv"].data.replace(b"udloeber", b"farve", 1)),
             ImportFile("medarbejdere.csv", b"x" * (MAX_FILE_BYTES + 1))]
    report = await service.do_validate(admin, files, full=True, now=NOW)
    reasons = {(e.file, e.reason) for e in report.errors}
    assert {("personer.csv", "file_truncated"), ("institutioner.csv", "wrong_separator"),
            ("grupper.csv", "unknown_column"), ("medarbejdere.csv", "file_too_large")} <= reasons
    assert "semikolon" in next(e.text for e in report.errors if e.reason == "wrong_separator")
    assert report.files[-1]["stored"] == ""  # the oversized upload is not kept
    assert await _totals() == (1, 0, 0, 0, 0, 0)


async def test_a_staff_member_without_an_institution_gets_no_access(admin: Actor) -> None:
    reg = register(institutions=1, families=1, staff=2)
    reg.rows["medarbejdere"][1]["institutionsnummer"] = ""
    report = await _import(admin, reg.files())
    assert [(w.reason, w.line) for w in report.lines if w.level == "warning"] == [("staff_without_institution", 3)]
    with pytest.raises(LoginRefused):
        await do_login("medarb1", "3", now=NOW)
    assert await Employment.all().count() == 1
    assert (await do_login("medarb0", "3", now=NOW)).role is Role.LEADER


async def test_only_the_municipal_admin_may_import(admin: Actor) -> None:
    parent = Actor(person_id=admin.person_id, name="Ane", role=Role.PARENT, roles=frozenset({Role.PARENT}))
    with pytest.raises(AccessDenied):
        await service.do_validate(parent, register().files(), full=True, now=NOW)
    with pytest.raises(AccessDenied):
        await service.list_runs(parent)


async def test_the_command_line_dry_run_on_the_examples_writes_nothing(admin: Actor) -> None:
    files = read_directory(EXAMPLES)
    report = await import_files(files, dry_run=True, full=True, now=NOW)
    assert report.ok and report.counts["person"]["created"] == 12 and report.counts["account"]["created"] == 4
    assert await _totals() == (1, 0, 0, 0, 0, 0)
    applied = await import_files(files, dry_run=False, full=False, now=NOW)
    assert applied.status == APPLIED and await Employment.all().count() == 4
    runs = await service.list_runs(admin)
    assert [r.status for r in runs] == [APPLIED, "validated"] and runs[0].source == "cli"
    stored = await service.load_report(admin, runs[0].id)
    assert stored.counts["enrolment"]["created"] == 5
