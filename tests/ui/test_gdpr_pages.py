"""Revisionslog and Indsigt through the UI: the admin searches and downloads, a parent takes out their own data."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from collections.abc import Awaitable, Callable

from nicegui import ui
from nicegui.testing import User

from persistence.audit import AuditEntry
from persistence.people import Person
from tests.ui.conftest import login


async def _until(condition: Callable[[], Awaitable[bool]]) -> None:
    """Wait (at most three seconds) for a click's background handler to have done its work."""
    for _ in range(60):
        if await condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def test_the_admin_searches_the_audit_log_for_a_person_and_takes_the_csv(user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune/revision")
    await user.should_see("Revisionslog")
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    user.find(marker="audit-person-text").type("Mette Kristensen")
    user.find(marker="audit-person-find").click()
    await user.should_see(f"{(mette.cpr or '')[:6]}-XXXX")
    user.find(marker=f"audit-person-hit-{mette.id}").click()
    await user.should_see("Valgt: Mette Kristensen")
    user.find(marker="audit-search").click()
    await _until(lambda: AuditEntry.filter(action="audit.search", concerned_person_id=mette.id).exists())
    user.find(marker="audit-search").click()  # the first search is itself an entry about Mette
    table = next(iter(user.find(marker="audit-table", kind=ui.table).elements))

    async def listed() -> bool:
        return any(r["action"] == "audit.search" and r["person"] == "Mette Kristensen" for r in table.rows)

    await _until(listed)
    user.find(marker="audit-csv").click()
    answer = await user.download.next(timeout=5)
    assert answer.status_code == 200 and answer.headers["cache-control"] == "private, no-store"
    text = answer.content.decode("utf-8-sig")
    assert text.startswith("Tidspunkt;") and "Mette Kristensen" in text and (mette.cpr or "x") not in text


async def test_the_admin_downloads_a_persons_zip_after_confirming(user: User) -> None:
    await login(user, "demo-admin", "3")  # full CPR numbers leave Sammen only at level 3
    await user.open("/kommune/indsigt")
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    user.find(marker="export-person-text").type("Mette Kristensen")
    user.find(marker="export-person-find").click()
    await user.should_see(f"{(mette.cpr or '')[:6]}-XXXX")
    user.find(marker=f"export-person-hit-{mette.id}").click()
    await user.should_see("Valgt: Mette Kristensen")
    user.find(marker="export-download").click()
    await user.should_see("Hentningen bliver logget med dit navn og tidspunktet.")
    user.find(marker="export-confirm").click()
    answer = await user.download.next(timeout=10)
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        names = archive.namelist()
        assert json.loads(archive.read("person.json"))["cpr"] == mette.cpr
    assert "README.txt" in names and any(n.startswith("children/") for n in names)


async def test_a_parent_takes_out_their_own_data_but_not_anothers_nor_the_audit_log(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/profil")
    await user.should_see("Hent mine data")
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    user.find(marker="export-mine").click()
    mine = await user.download.next(timeout=10)
    assert mine.status_code == 200 and mine.headers["cache-control"] == "private, no-store"
    with zipfile.ZipFile(io.BytesIO(mine.content)) as archive:  # signed in at level 2: the CPR number masked
        assert json.loads(archive.read("person.json"))["cpr"] == f"{(mette.cpr or '')[:6]}-XXXX"
    ali = await Person.get(first_name="Ali", last_name="Hassan")
    refused = await user.http_client.get(f"/indsigt/{ali.id}.zip")
    assert refused.status_code == 403 and "Forsøget er registreret" in refused.text
    assert await AuditEntry.filter(action="gdpr.export", outcome="refused", actor_person_id=mette.id,
                                   concerned_person_id=ali.id).exists()
    await user.open("/kommune/revision")
    await user.should_see("Du har ikke adgang til dette.")
    csv = await user.http_client.get("/kommune/revision.csv")
    assert csv.status_code == 403


async def test_the_profile_says_what_a_download_below_level_3_leaves_out(user: User) -> None:
    await login(user, "demo-foraelder", acr="2")
    await user.open("/profil")
    await user.should_see(marker="export-below-level3")
    await user.should_see("følsomme beskeder og fulde CPR-numre kommer ikke med")
    await user.should_see(marker="export-step-up")
    await login(user, "demo-foraelder", acr="3")
    await user.open("/profil")
    await user.should_see(marker="export-mine")
    await user.should_not_see(marker="export-below-level3")
