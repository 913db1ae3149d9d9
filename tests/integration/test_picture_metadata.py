"""Pictures lose their metadata: a child's photo and image attachments on upload, and those stored before, once."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from domain.errors import DomainError
from domain.gdpr import photo_files, photos
from domain.gdpr.strip_stored import do_strip_stored_metadata
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from domain.messages import attachments, storage
from persistence.messages import Attachment
from tests.conftest import point_data_dir
from tests.factory import World, build_world
from tests.presence_world import NOW, PresenceWorld, build_presence_world

ROOT = Path(__file__).resolve().parents[2]
GPS_DEGREES = (55.0, 40.0, 30.0)
SECRET = b"Solsikkevej 12"


def camera_jpeg(orientation: int = 6) -> bytes:
    """A phone-like JPEG: stored sideways (40x20, left quarter blue) with EXIF orientation, GPS, XMP and a comment."""
    image = Image.new("RGB", (40, 20), (220, 0, 0))
    image.paste((0, 0, 220), (0, 0, 10, 20))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Fonefabrik"
    exif.get_ifd(0x8825).update({1: "N", 2: GPS_DEGREES, 3: "E", 4: (12.0, 34.0, 56.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=SECRET, xmp=b"<x:xmpmeta>" + SECRET + b"</x:xmpmeta>", quality=95)
    return out.getvalue()


def assert_clean_and_upright(data: bytes) -> None:
    """No EXIF, XMP or comment is left, and the picture stands as the phone showed it (blue on top)."""
    assert SECRET not in data and b"Exif\x00\x00" not in data and b"Fonefabrik" not in data
    image = Image.open(io.BytesIO(data))
    assert not image.getexif() and not {"exif", "xmp", "comment"} & set(image.info)
    assert image.size == (20, 40)
    top, bottom = image.convert("RGB").getpixel((10, 3)), image.convert("RGB").getpixel((10, 36))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[2] > 150 > top[0] and bottom[0] > 150 > bottom[2]


@pytest.fixture
async def presence_world(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PresenceWorld:
    point_data_dir(monkeypatch, tmp_path / "data")
    return await build_presence_world()


@pytest.fixture
async def world(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    point_data_dir(monkeypatch, tmp_path / "data")
    return await build_world()


async def test_a_childs_photo_is_stored_without_its_gps_position_and_upright(presence_world: PresenceWorld) -> None:
    original = camera_jpeg()
    await photos.do_set_photo(presence_world.parent, child_id=presence_world.oscar.id, data=original, now=NOW)
    stored = photo_files.stored_photo(presence_world.oscar.id)
    assert stored is not None and stored.suffix == ".jpg"
    assert_clean_and_upright(stored.read_bytes())


async def test_a_file_that_only_starts_like_a_jpeg_is_refused_and_nothing_is_stored(
        presence_world: PresenceWorld) -> None:
    with pytest.raises(DomainError) as refused:
        await photos.do_set_photo(presence_world.parent, child_id=presence_world.oscar.id,
                                  data=b"\xff\xd8\xff\xe0" + b"\x00" * 400, now=NOW)
    assert refused.value.key == "image.unreadable"
    assert not photos.has_stored_photo(presence_world.oscar.id)


async def test_an_image_attachment_is_stored_without_metadata_and_a_pdf_byte_for_byte(world: World) -> None:
    teacher = (await load_person_facts(world.teacher.id, NOW.date())).actor(Role.STAFF, "2")  # type: ignore[union-attr]
    view = await attachments.do_upload(teacher, filename="tur.jpg", data=camera_jpeg(), now=NOW)
    row = await Attachment.get(id=view.attachment_id)
    stored = storage.path_for(row.sha256).read_bytes()
    assert_clean_and_upright(stored)
    assert (row.sha256, row.size, view.size) == (storage.digest(stored), len(stored), len(stored))
    pdf = b"%PDF-1.4\n% Author: Gitte, Solsikkevej 12\n%%EOF\n"
    letter = await attachments.do_upload(teacher, filename="brev.pdf", data=pdf, now=NOW)
    assert (await attachments.fetch(teacher, letter.attachment_id))[1].read_bytes() == pdf


async def test_pictures_stored_before_are_cleaned_once_and_a_second_run_changes_nothing(world: World) -> None:
    sideways = camera_jpeg()
    photo = photo_files.write_photo(world.child.id, sideways, "jpg")  # as uploads were stored before the fix
    clean_png = io.BytesIO()
    Image.new("RGB", (4, 4), (1, 2, 3)).save(clean_png, "PNG")
    plain = photo_files.write_photo(world.other_child.id, clean_png.getvalue(), "png")
    old_sha = storage.digest(sideways)
    await storage.store(old_sha, sideways)
    rows = [await Attachment.create(uploader_id=world.teacher.id, filename=f"tur{n}.jpg", content_type="image/jpeg",
                                    size=len(sideways), sha256=old_sha, created_at=NOW) for n in (1, 2)]

    broken = photo_files.photo_root() / f"{world.sibling.id}-deadbeef.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not a picture")

    report = await do_strip_stored_metadata()

    assert (report.photos, report.attachments, report.unreadable) == (1, 1, 1)
    assert broken.read_bytes() == b"\xff\xd8\xff\xe0 not a picture"  # left as it was, and said so
    assert_clean_and_upright(photo.read_bytes())
    assert plain.read_bytes() == clean_png.getvalue()  # nothing to clean: the same bytes
    for row in rows:
        await row.refresh_from_db()
        data = storage.path_for(row.sha256).read_bytes()
        assert_clean_and_upright(data)
        assert (row.sha256, row.size) == (storage.digest(data), len(data))
    assert not storage.path_for(old_sha).exists()
    before = photo.read_bytes()
    again = await do_strip_stored_metadata()
    assert (again.photos, again.attachments) == (0, 0) and photo.read_bytes() == before


def test_main_py_migrate_cleans_the_photos_of_an_existing_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "photos").mkdir(parents=True)
    photo = data / "photos" / "7-0badc0de.jpg"
    photo.write_bytes(camera_jpeg())
    env = {**os.environ, "SAMMEN_DATA_DIR": str(data), "DATABASE_URL": f"sqlite://{tmp_path / 'db.sqlite3'}"}
    said = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "main.py", "migrate"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        said.append(done.stdout)
    assert "metadata (GPS m.m.): 1 fotos, 0 vedhæftninger" in said[0]
    assert "metadata" not in said[1]  # a second migrate finds nothing left to clean
    assert_clean_and_upright(photo.read_bytes())

