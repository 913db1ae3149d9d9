"""The gallery's files under the data folder: written atomically under a random name, found only by stored name."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from domain import files
from domain.errors import NotFound
from domain.gallery.images import Prepared

NAME = re.compile(r"^\d+/[0-9a-f]{16}-[odt]\.(jpg|png|webp)$")
TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def gallery_root() -> Path:
    """The gallery folder."""
    return files.folder("gallery")


def store(album_id: int, photo: Prepared) -> tuple[str, str, str]:
    """Write the three files of a photo; returns their stored names (original, display, thumbnail). Blocking."""
    folder = gallery_root() / str(int(album_id))
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(8)  # not guessable, and never the uploader's file name
    names = (f"{album_id}/{token}-o.{photo.ext}", f"{album_id}/{token}-d.jpg", f"{album_id}/{token}-t.jpg")
    for name, data in zip(names, (photo.original, photo.display, photo.thumb), strict=True):
        files.write_atomic(gallery_root() / name, data)
    return names


def path_of(name: str) -> tuple[Path, str]:
    """The file of a stored name and its media type; NotFound when the name is not one of ours or the file is gone."""
    if not NAME.fullmatch(name):
        raise NotFound("error.not_found")
    path = gallery_root() / name
    if not path.is_file():
        raise NotFound("error.not_found")
    return path, TYPES[path.suffix[1:]]


def remove(names: list[str]) -> None:
    """Delete stored files (those already gone are fine). Blocking."""
    for name in names:
        if NAME.fullmatch(name):
            (gallery_root() / name).unlink(missing_ok=True)
