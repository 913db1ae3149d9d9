"""Attachment files on disk: content-addressed by SHA-256 under the data folder, written whole or not at all."""

from __future__ import annotations

import asyncio
import hashlib
import weakref
from pathlib import Path

from domain import files

_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()


def files_lock() -> asyncio.Lock:
    """Serialises writing against removing unused files, so a discard never deletes bytes an upload counts on."""
    # One lock per event loop: an asyncio.Lock bound to one loop fails when used from another (tests).
    loop = asyncio.get_running_loop()
    lock = _locks.get(loop)
    if lock is None:
        lock = _locks[loop] = asyncio.Lock()
    return lock


def attachment_root() -> Path:
    """The attachments folder."""
    return files.folder("attachments")


def digest(data: bytes) -> str:
    """The SHA-256 of the bytes, as 64 hex digits."""
    return hashlib.sha256(data).hexdigest()


def path_for(sha256: str) -> Path:
    """Where the file with this hash lives (two-letter fan-out keeps folders small)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a sha256 hex digest")
    return attachment_root() / sha256[:2] / sha256


def _write(sha256: str, data: bytes) -> Path:
    target = path_for(sha256)
    if target.exists() and target.stat().st_size == len(data):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(target, data)  # a reader sees no file or the whole file
    return target


async def store(sha256: str, data: bytes) -> Path:
    """Write the bytes under their hash (off the event loop); the caller holds files_lock()."""
    return await asyncio.to_thread(_write, sha256, data)


def remove(sha256: str) -> None:
    """Delete the file with this hash, if there is one; the caller holds files_lock()."""
    path_for(sha256).unlink(missing_ok=True)
