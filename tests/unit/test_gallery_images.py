"""Gallery pictures without a database: metadata gone byte for byte, a turned photo made upright, bad files refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from domain.errors import DomainError
from domain.gallery import images
from domain.gallery.jpeg import strip_jpeg
from tests.gallery_support import GPS_IFD, bad_files, camera_jpeg


def _with_segments(jpeg: bytes, *segments: bytes) -> bytes:
    """The JPEG with extra segments right after its start (an XMP packet, a comment) and a trailer after its end."""
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def test_an_upright_photo_keeps_its_pixels_byte_for_byte_without_exif_xmp_comments_or_a_trailer() -> None:
    photo = camera_jpeg(640, 480)
    sent = _with_segments(photo, _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>Skovvej 1</x:xmpmeta>"),
                          _segment(0xFE, b"Tina's phone")) + b"\xff\xd8MPF second picture with GPS"
    prepared = images.prepare(sent)
    assert b"Skovvej" not in prepared.original and b"phone" not in prepared.original
    assert b"second picture" not in prepared.original and b"Fonefabrik" not in prepared.original
    with Image.open(io.BytesIO(prepared.original)) as clean:
        assert not clean.getexif() and clean.size == (640, 480)
    assert strip_jpeg(prepared.original) == prepared.original  # nothing more to take away


def test_a_photo_taken_turned_is_stored_upright_without_its_gps() -> None:
    base = Image.open(io.BytesIO(camera_jpeg(800, 600)))
    exif = base.getexif()
    exif[0x0112] = 6  # the phone was held upright: turn 90 degrees when showing
    out = io.BytesIO()
    base.save(out, "JPEG", exif=exif)
    prepared = images.prepare(out.getvalue())
    assert (prepared.width, prepared.height) == (600, 800)
    for data in (prepared.original, prepared.display, prepared.thumb):
        with Image.open(io.BytesIO(data)) as stored:
            assert not stored.getexif().get_ifd(GPS_IFD) and stored.height > stored.width


def test_a_transparent_png_gets_a_white_background_in_its_jpeg_sizes() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (400, 400), (255, 0, 0, 0)).save(out, "PNG")
    prepared = images.prepare(out.getvalue())
    assert prepared.ext == "png"
    with Image.open(io.BytesIO(prepared.thumb)) as thumb:
        assert thumb.format == "JPEG" and thumb.getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.parametrize(("name", "data", "key"), bad_files(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_bad_file_is_refused_with_its_own_reason(name: str, data: bytes, key: str) -> None:
    with pytest.raises(DomainError) as refused:
        images.prepare(data)
    assert refused.value.key == key
