"""Import fra registre through the page: upload, check, confirm with the numbers, apply; bad files apply nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from domain.clock import utcnow
from domain.identity.service import current_actor
from domain.provisioning import service
from domain.provisioning.model import ImportFile
from persistence.organisation import Institution
from persistence.people import Person
from persistence.provisioning import ImportRun
from tests.conftest import point_data_dir
from tests.provisioning_files import register
from tests.ui.conftest import login

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


class Oversized(SmallFileUpload):
    """An upload that says it is 201 MB without holding the bytes."""

    def size(self) -> int:
        return 201 * 2**20


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored import files go to this test's folder, not the working tree's data/."""
    point_data_dir(monkeypatch, tmp_path)


async def _upload(user: User, files: list[ImportFile]) -> None:
    upload = user.find(marker="import-upload").elements.pop()
    assert isinstance(upload, ui.upload)
    await upload.handle_uploads([SmallFileUpload(f.name, "text/csv", f.data) for f in files])
    for file in files:
        await user.should_see(file.name)


def _rows(user: User, marker: str) -> list[dict[str, object]]:
    table = user.find(marker=marker).elements.pop()
    assert isinstance(table, ui.table)
    return list(table.rows)


async def test_the_admin_checks_the_example_files_confirms_with_the_numbers_and_the_pipeline_lists_the_run(
        user: User) -> None:
    files = [ImportFile(p.name, p.read_bytes()) for p in sorted(EXAMPLES.iterdir())]
    await login(user, "demo-admin")
    await user.open("/kommune/import")
    await user.should_see("Ingen importer endnu")
    await _upload(user, files)
    user.find(marker="import-validate").click()
    await user.should_see(marker="import-apply")
    *entities, totals = _rows(user, "report-counts")
    created = totals["created"]
    assert created == sum(int(str(row["created"])) for row in entities) >= 30  # every row of the examples is new
    assert (totals["updated"], totals["deactivated"], totals["errors"]) == (0, 0, 0)
    read = {str(row["file"]): (row["encoding"], row["separator"]) for row in _rows(user, "report-files")}
    assert read["personer.csv"] == ("Windows-1252", "Semikolon (;)")
    assert read["institutioner.csv"] == ("UTF-8 med BOM", "Semikolon (;)")
    assert read["medarbejdere.json"] == ("UTF-8", "JSON")
    assert not await Person.filter(first_name="Malthe", last_name="Sørensen").exists()

    user.find(marker="import-apply").click()
    await user.should_see(f"Opret {created}, opdatér 0, deaktivér 0 — fortsæt?")
    user.find(marker="import-cancel").click()
    assert await ImportRun.filter(status="applied").count() == 0  # nothing happens until confirmed
    user.find(marker="import-apply").click()
    user.find(marker="import-continue").click()
    await user.should_see(marker="import-applied")
    await user.should_see("Importen er anvendt.")  # the notification, sent from the background apply
    assert await Person.filter(first_name="Malthe", last_name="Sørensen").exists()  # from Windows-1252
    run = await ImportRun.get(status="applied")
    await user.should_see(marker=f"run-status-{run.id}")
    user.find(marker=f"open-run-{run.id}").click()
    await user.should_see(marker="run-report")


async def test_a_file_with_commas_shows_the_danish_reason_and_nothing_is_applied(user: User) -> None:
    good = register(institutions=1, families=1, staff=0, number_base=712400)
    people = good.csv("personer")
    bad = ImportFile("personer.csv", people.data.replace(b";", b","))
    before = await Person.all().count()
    await login(user, "demo-admin")
    await user.open("/kommune/import")
    await _upload(user, [good.csv("institutioner"), bad])
    upload = user.find(marker="import-upload").elements.pop()
    assert isinstance(upload, ui.upload)
    await upload.handle_uploads([Oversized("grupper.csv", "text/csv", b"")])  # one that came around the browser
    await user.should_see("grupper.csv: Filen er for stor (201 MB); højst 200 MB. Filen er ikke læst.")
    user.find(marker="import-validate").click()
    await user.should_see(marker="import-has-errors")
    reasons = [str(row["reason"]) for row in _rows(user, "report-lines")]
    assert any(r.startswith("Forkert skilletegn") for r in reasons), reasons
    await user.should_see("Fejl i filerne")
    await user.should_not_see(marker="import-apply")
    assert await Person.all().count() == before
    assert await ImportRun.filter(status="applied").count() == 0


async def test_a_full_import_that_would_empty_the_municipality_needs_the_number_typed(user: User) -> None:
    files = register(institutions=1, families=3, staff=1, number_base=712700).files()
    active = await Person.filter(active=True).count()
    await login(user, "demo-admin")
    await user.open("/kommune/import")
    await _upload(user, files)
    user.find(marker="import-full").click()
    user.find(marker="import-validate").click()
    await user.should_see(marker="import-apply")
    deactivated = int(str(_rows(user, "report-counts")[-1]["deactivated"]))
    warning = [str(row["reason"]) for row in _rows(user, "report-lines")]  # told before anything is asked
    assert any(f"i alt {deactivated} deaktiveringer; skriv tallet {deactivated}" in w for w in warning), warning
    user.find(marker="import-apply").click()
    await user.should_see(f"Skriv tallet {deactivated} for at bekræfte, at {deactivated} skal deaktiveres.")
    go = user.find(marker="import-continue").elements.pop()
    assert not go.enabled
    user.find(marker="import-continue").click()  # a reflex click does nothing
    user.find(marker="import-confirm-number").type(str(deactivated - 1))
    assert not go.enabled
    user.find(marker="import-confirm-number").clear().type(str(deactivated))
    assert go.enabled
    assert await Person.filter(active=True).count() == active
    user.find(marker="import-continue").click()
    await user.should_see(marker="import-applied")
    assert await Person.filter(active=True).count() == active + 10 - deactivated_people(_rows(user, "report-counts"))
    assert await Institution.filter(active=True).count() == 1


def deactivated_people(rows: list[dict[str, object]]) -> int:
    """The people row's deactivated count."""
    return int(str(next(row for row in rows if row["entity"] == "Personer")["deactivated"]))


async def test_an_update_shows_what_changes_and_kasser_deletes_the_checked_files(user: User, tmp_path: Path) -> None:
    henrik = await Person.get(first_name="Henrik", last_name="Dahl")
    admin = await current_actor(henrik.id, "admin", "2", now=utcnow())
    files = [ImportFile(p.name, p.read_bytes()) for p in sorted(EXAMPLES.iterdir())]
    first = await service.do_validate(admin, files, full=False, now=utcnow())
    await service.do_apply(admin, first.run_id or 0, now=utcnow())
    people = ImportFile("personer.csv", (EXAMPLES / "personer.csv").read_bytes().replace(b"Malthe", b"Malte"))
    await login(user, "demo-admin")
    await user.open("/kommune/import")
    await _upload(user, [people])
    user.find(marker="import-validate").click()
    await user.should_see(marker="import-discard")
    assert [row["reason"] for row in _rows(user, "report-changes")] == ["Ændret: fornavn: Malthe → Malte."]
    run = await ImportRun.filter(status="validated").order_by("-id").first()
    assert run is not None and (tmp_path / "imports" / str(run.id)).exists()
    user.find(marker="import-discard").click()
    await user.should_see(marker="discard-confirm")
    user.find(marker="discard-cancel").click()
    assert (tmp_path / "imports" / str(run.id)).exists()  # cancelled: nothing happened
    user.find(marker="import-discard").click()
    user.find(marker="discard-continue").click()
    await user.should_see(marker="import-discarded")
    assert not (tmp_path / "imports" / str(run.id)).exists()
    assert (await ImportRun.get(id=run.id)).status == "discarded"
    await user.should_not_see(marker="import-apply")
    assert await Person.filter(first_name="Malthe", last_name="Sørensen").exists()
