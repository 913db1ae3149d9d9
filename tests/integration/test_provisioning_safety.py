"""The import's promises: large deactivations need their number, one encoding per file, usual column names,
no follow-on errors, each update's changes named, and files with CPR numbers gone after 24 hours or on discard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from domain import jobs
from domain.errors import AccessDenied, DomainError
from domain.identity.model import Actor, Role
from domain.provisioning import service
from domain.provisioning.cli import import_files
from domain.provisioning.model import APPLIED, DISCARDED, EXPIRED, REJECTED, VALIDATED, WARNING, ImportFile
from domain.provisioning.safety import DeactivationUnconfirmed
from domain.provisioning.stored import do_discard, do_purge_stale_imports
from persistence.organisation import Institution
from persistence.people import Person
from persistence.provisioning import ImportRun
from tests.clocks import TestClock
from tests.conftest import point_data_dir
from tests.provisioning_admin import municipality_admin
from tests.provisioning_files import register

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def admin(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Actor:
    """A municipality with its admin; uploaded files go under the test's own directory."""
    point_data_dir(monkeypatch, tmp_path)
    return await municipality_admin()


async def _check(actor: Actor, files: list[ImportFile], *, full: bool = True) -> service.ImportReport:
    report = await service.do_validate(actor, files, full=full, now=NOW)
    assert report.ok, [line.text for line in report.errors]
    return report


async def _import(actor: Actor, files: list[ImportFile]) -> service.ImportReport:
    report = await _check(actor, files)
    return await service.do_apply(actor, report.run_id or 0, now=NOW, confirm_deactivate=report.confirm_deactivate)


def _stored(tmp_path: Path, run_id: int | None) -> bool:
    return (tmp_path / "imports" / str(run_id)).exists()


async def test_deactivating_over_5_percent_of_active_people_needs_the_exact_number(admin: Actor) -> None:
    await _import(admin, register(institutions=1, families=10, staff=2).files())  # 32 people and the admin
    report = await _check(admin, register(institutions=1, families=8, staff=2).files())  # 2 families fewer
    total = sum(c["deactivated"] for c in report.counts.values())
    assert report.counts["person"]["deactivated"] == 6 and report.confirm_deactivate == total > 6
    first = report.lines[0]
    assert (first.level, first.reason, first.params["share"]) == (WARNING, "deactivation_unconfirmed", "18,1")
    assert "6 af 33 aktive personer (18,1 %)" in first.text and f"--confirm-deactivate {total}" in first.text
    for wrong in (None, 6, total + 1):
        with pytest.raises(DeactivationUnconfirmed):
            await service.do_apply(admin, report.run_id or 0, now=NOW, confirm_deactivate=wrong)
    assert await Person.filter(active=True).count() == 33  # nothing changed
    applied = await service.do_apply(admin, report.run_id or 0, now=NOW, confirm_deactivate=total)
    assert applied.status == APPLIED and await Person.filter(active=True).count() == 27


async def test_deactivating_any_institution_needs_the_number_and_a_small_deactivation_does_not(
        admin: Actor) -> None:
    await _import(admin, register(institutions=2, families=20, staff=2).files())  # 62 people and the admin
    one = register(institutions=1, families=1, staff=0)
    closing = await _check(admin, [one.csv("institutioner")])
    assert closing.counts["institution"]["deactivated"] == 1 and closing.confirm_deactivate == 1
    with pytest.raises(DeactivationUnconfirmed):
        await service.do_apply(admin, closing.run_id or 0, now=NOW)
    assert await Institution.filter(active=True).count() == 2
    fewer = register(institutions=2, families=20, staff=2)
    fewer.rows["personer"].pop()  # one staff member leaves: 1 of 63 people
    fewer.rows["medarbejdere"].pop()
    small = await _check(admin, fewer.files())
    assert small.counts["person"]["deactivated"] == 1 and small.confirm_deactivate == 0
    assert (await service.do_apply(admin, small.run_id or 0, now=NOW)).status == APPLIED


async def test_a_utf8_file_with_one_windows_1252_line_is_refused_and_stores_no_garbled_name(admin: Actor) -> None:
    reg = register(institutions=1, families=3, staff=1)
    await _import(admin, reg.files())
    people = reg.csv("personer").data.split(b"\r\n")
    people[1] = people[1].decode().replace("Søren", "Sørensen").encode("cp1252")  # one line from another system
    mixed = await service.do_validate(admin, [ImportFile("personer.csv", b"\r\n".join(people))] + [
        f for f in reg.files() if f.name != "personer.csv"], full=False, now=NOW)
    assert [(e.file, e.reason, e.params["lines"]) for e in mixed.errors] == [
        ("personer.csv", "file_mixed_encoding", "2")]  # and no follow-on error from the files that refer to it
    assert mixed.status == REJECTED and mixed.counts["person"]["updated"] == 0
    assert not await Person.filter(first_name__contains="Ã").exists()
    garbled = reg.csv("personer").data.replace("Søren".encode(), "Søren".encode().decode("cp1252").encode())
    flagged = await service.do_validate(admin, [ImportFile("personer.csv", garbled)], full=False, now=NOW)
    assert [(e.line, e.reason, e.params["found"]) for e in flagged.errors] == [
        (2, "mojibake", "Ã¸"), (11, "mojibake", "Ã¸")]  # the child of family 0 and the first staff member


async def test_the_report_names_each_file_s_encoding_and_each_update_s_changes(admin: Actor) -> None:
    reg = register(institutions=1, families=1, staff=0)
    await _import(admin, reg.files())
    reg.rows["personer"][0].update(fornavn="Soren", adresse="Nyvej 1")
    report = await _check(admin, [reg.csv("personer", "cp1252"), reg.csv("institutioner", "utf-8-sig")], full=False)
    assert [(f["name"], f["encoding"], f["separator"]) for f in report.files] == [
        ("personer.csv", "windows-1252", ";"), ("institutioner.csv", "utf-8-sig", ";")]
    changed = [(line.file, line.line, line.text) for line in report.lines if line.reason == "changed"]
    assert changed == [("personer.csv", 2, "Ændret: fornavn: Søren → Soren; adresse: Vej 0 → Nyvej 1.")]
    assert report.counts["person"]["updated"] == 1


async def test_the_usual_column_names_are_accepted_and_a_missing_column_is_one_error(admin: Actor) -> None:
    reg = register(institutions=1, families=2, staff=1)
    files = {f.name: f for f in reg.files()}
    people = files["personer.csv"].data.decode()
    renamed = people.replace("cpr;fornavn;efternavn;adresse;brugernavn", "CPR-nr;Fornavn;Efternavn;Adresse;Brugernavn")
    with_email = "\r\n".join(line + (";E-mail" if i == 0 else ";a@b.dk" if line else "")
                             for i, line in enumerate(renamed.split("\r\n")))
    report = await _check(admin, [*(f for n, f in files.items() if n != "personer.csv"),
                                  ImportFile("personer.csv", with_email.encode())])
    assert report.counts["person"]["created"] == 7
    no_surname = people.replace(";efternavn;", ";slægtsnavn;")
    broken = await service.do_validate(admin, [*(f for n, f in files.items() if n != "personer.csv"),
                                               ImportFile("personer.csv", no_surname.encode())], full=True, now=NOW)
    assert [(e.file, e.line, e.reason, e.params["column"]) for e in broken.errors] == [
        ("personer.csv", 1, "missing_column", "efternavn")]
    assert broken.counts["person"]["deactivated"] == 0  # an unread file is never "everyone missing"


async def test_a_checked_import_s_files_are_deleted_after_24_hours_by_the_hourly_jobs(
        admin: Actor, tmp_path: Path, clock: TestClock) -> None:
    report = await _check(admin, register(institutions=1, families=2, staff=1).files())
    assert _stored(tmp_path, report.run_id)
    clock.at(NOW + timedelta(hours=23), ticking=False)
    await jobs.run_once()
    assert _stored(tmp_path, report.run_id)
    (tmp_path / "imports" / "999999").mkdir()  # left behind by a crash, with no run of its own
    clock.at(NOW + timedelta(hours=24, minutes=1), ticking=False)
    await jobs.run_once()
    assert not _stored(tmp_path, report.run_id) and not _stored(tmp_path, 999999)
    assert (await ImportRun.get(id=report.run_id)).status == EXPIRED
    with pytest.raises(DomainError):
        await service.do_apply(admin, report.run_id or 0, now=clock.now())
    assert await do_purge_stale_imports(now=clock.now()) == 0


async def test_discard_deletes_the_files_at_once_and_the_run_can_no_longer_be_applied(
        admin: Actor, tmp_path: Path) -> None:
    report = await _check(admin, register(institutions=1, families=2, staff=1).files())
    parent = Actor(person_id=admin.person_id, name="Ane", role=Role.PARENT, roles=frozenset({Role.PARENT}))
    with pytest.raises(AccessDenied):
        await do_discard(parent, report.run_id or 0, now=NOW)
    assert _stored(tmp_path, report.run_id)
    await do_discard(admin, report.run_id or 0, now=NOW)
    assert not _stored(tmp_path, report.run_id)
    assert (await ImportRun.get(id=report.run_id)).status == DISCARDED
    with pytest.raises(DomainError):
        await service.do_apply(admin, report.run_id or 0, now=NOW)
    with pytest.raises(DomainError):
        await do_discard(admin, report.run_id or 0, now=NOW)
    assert await Person.all().count() == 1


async def test_a_command_line_dry_run_keeps_no_files(admin: Actor, tmp_path: Path) -> None:
    report = await import_files(register(institutions=1, families=2, staff=1).files(), dry_run=True, full=True,
                                now=NOW)
    assert report.ok and not _stored(tmp_path, report.run_id)
    assert (await ImportRun.get(id=report.run_id)).status == VALIDATED  # its report still shows what would change
