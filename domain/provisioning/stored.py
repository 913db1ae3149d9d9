"""A run's uploaded files: kept only while it may be applied, since they hold full CPR numbers."""

from __future__ import annotations

import hashlib
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from domain import access, files
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.identity.model import Actor
from domain.provisioning.model import DISCARDED, EXPIRED, MAX_FILE_BYTES, VALIDATED, ImportFile
from persistence.people import Person
from persistence.provisioning import ImportRun
from persistence.queries import ints

KEPT_FOR = timedelta(hours=24)
_SAFE = re.compile(r"[^\w.\-]+")


def imports_dir() -> Path:
    """Where uploaded files are kept."""
    return files.folder("imports")


def store(run_id: int, uploads: list[ImportFile]) -> list[dict[str, Any]]:
    """Write a run's files under its id; returns their name, size and SHA-256 (an oversized file is not kept)."""
    folder = imports_dir() / str(run_id)
    folder.mkdir(parents=True, exist_ok=True)
    meta: list[dict[str, Any]] = []
    for i, file in enumerate(uploads):
        name = Path(file.name).name
        entry: dict[str, Any] = {"name": name, "size": len(file.data), "sha256": "", "stored": ""}
        if len(file.data) <= MAX_FILE_BYTES:
            entry["sha256"] = hashlib.sha256(file.data).hexdigest()
            entry["stored"] = f"{i:02d}-{_SAFE.sub('_', name)}"
            (folder / entry["stored"]).write_bytes(file.data)
        meta.append(entry)
    return meta


def forget_files(run_id: int) -> None:
    """Delete a run's stored files once they can no longer be applied."""
    shutil.rmtree(imports_dir() / str(run_id), ignore_errors=True)


def load_stored(run: ImportRun) -> list[ImportFile]:
    """A validated run's files, read back for applying."""
    folder = imports_dir() / str(run.id)
    found: list[ImportFile] = []
    for entry in run.files:
        path = folder / entry["stored"] if entry.get("stored") else None
        if path is None or not path.is_file():
            raise DomainError("prov.reason.files_missing")
        found.append(ImportFile(entry["name"], path.read_bytes()))
    return found


async def close_run(run_id: int, status: str, now: datetime) -> bool:
    """Mark a validated run as never to be applied and delete its files; False when it was no longer validated."""
    # Conditional, so a concurrent apply and a discard cannot both win.
    closed = await ImportRun.filter(id=run_id, status=VALIDATED).update(status=status, finished_at=now)
    if closed:
        forget_files(run_id)
    return bool(closed)


async def do_discard(actor: Actor, run_id: int, *, now: datetime) -> None:
    """Throw away a checked import (admin only): it can no longer be applied, and its files are deleted now."""
    await audit.check(access.can_administer_municipality(actor), actor, "provisioning.discard")
    municipality = ints(await Person.filter(id=actor.person_id).values_list("municipality_id", flat=True))
    run = await ImportRun.get_or_none(id=run_id, municipality_id=municipality[0] if municipality else -1)
    if run is None:
        raise NotFound("prov.reason.run_not_found")
    if not await close_run(run.id, DISCARDED, now):
        raise DomainError("prov.reason.run_not_pending", status=run.status)
    await audit.record("provisioning.discard", audit.ALLOWED, actor=actor, detail=f"run={run.id}")


async def do_purge_stale_imports(*, now: datetime) -> int:
    """Expire checked imports older than 24 hours and delete their files, and any older folder left behind."""
    stale = ints(await ImportRun.filter(status=VALIDATED, started_at__lt=now - KEPT_FOR).values_list(
        "id", flat=True))
    expired = sum([await close_run(run_id, EXPIRED, now) for run_id in stale])
    # A folder whose run is gone or crashed half-way still holds CPR numbers; a run younger than a day may be
    # validating right now, so its folder is left alone.
    recent = {str(i) for i in ints(await ImportRun.filter(started_at__gte=now - KEPT_FOR).values_list(
        "id", flat=True))}
    folder = imports_dir()
    for leftover in folder.iterdir() if folder.is_dir() else ():
        if leftover.is_dir() and leftover.name not in recent:
            shutil.rmtree(leftover, ignore_errors=True)
    return expired
