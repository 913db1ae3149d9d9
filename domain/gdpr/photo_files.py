"""A child's photo files under the data folder: stored atomically, found by child, addressed by their hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

from domain import files

TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


def photo_root() -> Path:
    """The photos folder."""
    return files.folder("photos")


def sniff(data: bytes) -> str | None:
    """The file type by its first bytes (png, jpg, webp), whatever the file was called; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def stored_photo(child_id: int) -> Path | None:
    """The child's stored photo file, if there is one (the newest, should an old one linger)."""
    root = photo_root()
    if not root.is_dir():
        return None
    found = [p for p in root.glob(f"{int(child_id)}-*.*") if p.suffix[1:] in TYPES]
    return max(found, key=lambda p: p.stat().st_mtime_ns) if found else None


def route_for(child_id: int, path: Path) -> str:
    """The address pages use for a stored photo: the route, with its hash so a new photo is fetched anew."""
    return f"/foto/{child_id}?v={path.stem.partition('-')[2]}"


def published_url(child_id: int) -> str:
    """The photo address to publish on the child's record ("" when there is no stored photo)."""
    path = stored_photo(child_id)
    return route_for(child_id, path) if path else ""


def write_photo(child_id: int, data: bytes, ext: str) -> Path:
    """Store a photo as the child's only one (any older one is removed)."""
    root = photo_root()
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"{child_id}-{hashlib.sha256(data).hexdigest()[:8]}.{ext}"
    files.write_atomic(target, data)  # a reader sees no photo or the whole photo, never half of one
    for old in root.glob(f"{child_id}-*.*"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def remove_files(child_id: int) -> None:
    """Delete every stored photo file of a child (for anonymisation; the caller clears Person.photo_url)."""
    root = photo_root()
    if root.is_dir():
        for old in root.glob(f"{int(child_id)}-*.*"):
            old.unlink(missing_ok=True)
