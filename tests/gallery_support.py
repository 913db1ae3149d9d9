"""Pictures and files for the gallery tests: a camera JPEG with GPS, and the bad files parents' phones send."""

from __future__ import annotations

import io
import os
from datetime import datetime

from PIL import Image

from domain.gdpr.consents import PHOTO_KEY, do_decide, ensure_default_types
from domain.identity.model import Actor
from persistence.gdpr import ConsentType
from persistence.people import Person

GPS_IFD = 0x8825


def camera_jpeg(width: int = 2400, height: int = 1800, colour: tuple[int, int, int] = (200, 120, 40)) -> bytes:
    """A phone-like JPEG with the camera's make and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "Fonefabrik"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 34.0, 56.0)})
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def bad_files() -> list[tuple[str, bytes, str]]:
    """(file name, bytes, the refusal's text key) for each kind of file the gallery refuses."""
    good = camera_jpeg(800, 600)
    return [
        ("program.jpg", b"MZ\x90\x00" + os.urandom(4000), "gallery.file.bad_type"),
        ("tegning.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
         "gallery.file.svg"),
        ("tom.jpg", b"", "gallery.file.empty"),
        ("halv.jpg", good[: len(good) // 2], "gallery.file.unreadable"),
        ("iphone.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + os.urandom(200), "gallery.file.heic"),
        ("kæmpe.jpg", b"\xff\xd8\xff" + bytes(25 * 1024 * 1024), "gallery.file.too_large"),
    ]


async def decide_photo_consent(guardian: Actor, child: Person, given: bool, now: datetime) -> None:
    """The guardian gives or withdraws the photo consent through the consent service."""
    await ensure_default_types(child.municipality_id, now)
    ctype = await ConsentType.get(municipality_id=child.municipality_id, key=PHOTO_KEY)
    await do_decide(guardian, child_id=child.id, consent_type_id=ctype.id, given=given, now=now)
