"""An uploaded photo checked by its content, then made into a clean original, a display size and a thumbnail."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from domain.errors import DomainError
from domain.gdpr.photo_files import sniff
from domain.images import strip_metadata

MAX_BYTES = 25 * 1024 * 1024
DISPLAY_SIDE = 1600  # sharp on a tablet and a laptop, a fraction of a phone camera's file
THUMB_SIDE = 320  # a grid cell on a phone, twice its CSS size for sharp screens
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
EXTENSIONS = {"jpg": "jpg", "png": "png", "webp": "webp"}


@dataclass(frozen=True)
class Prepared:
    """The three files of one photo, all without metadata."""

    original: bytes
    ext: str
    display: bytes
    thumb: bytes
    width: int
    height: int


def _is_heic(data: bytes) -> bool:
    return len(data) >= 12 and data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def _is_svg(data: bytes) -> bool:
    head = data[:4096].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) and b"<svg" in head


def check_upload(data: bytes) -> str:
    """The file type (jpg, png, webp) by content; a Danish reason for an empty, huge, HEIC, SVG or other file."""
    if not data:
        raise DomainError("gallery.file.empty")
    if len(data) > MAX_BYTES:
        raise DomainError("gallery.file.too_large", mb=MAX_BYTES // (1024 * 1024))
    if _is_heic(data):
        raise DomainError("gallery.file.heic")
    if _is_svg(data):
        raise DomainError("gallery.file.svg")
    kind = sniff(data)  # whatever the file was called: an .exe named .jpg is not a JPEG
    if kind is None:
        raise DomainError("gallery.file.bad_type")
    return kind


def _jpeg(image: Image.Image, side: int, quality: int) -> bytes:
    small = image.copy()
    small.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=quality, optimize=True, progressive=side > THUMB_SIDE)
    return out.getvalue()


def prepare(data: bytes) -> Prepared:
    """The checked photo as a clean original, a display JPEG and a thumbnail; blocking (run it in a thread)."""
    kind = check_upload(data)
    try:
        clean = strip_metadata(data)  # decodes every pixel: a truncated file is refused here
    except DomainError as error:
        if error.key != "image.unreadable":
            raise  # a pixel bomb keeps its own message
        raise DomainError("gallery.file.unreadable") from None
    try:
        with Image.open(io.BytesIO(clean)) as image:
            width, height = image.size
            if image.mode in ("RGBA", "LA", "P"):
                rgba = image.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
            else:
                image.draft("RGB", (DISPLAY_SIDE, DISPLAY_SIDE))  # a JPEG decodes at the smallest scale that fits
                flat = image.convert("RGB")
            display = _jpeg(flat, DISPLAY_SIDE, 85)
            thumb = _jpeg(flat, THUMB_SIDE, 78)
    except (OSError, ValueError, SyntaxError, EOFError):
        raise DomainError("gallery.file.unreadable") from None
    return Prepared(clean, EXTENSIONS[kind], display, thumb, width, height)
