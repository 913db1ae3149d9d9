"""An uploaded photo checked by its content, then made into a clean original, a display size and a thumbnail."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.errors import DomainError
from domain.gallery.jpeg import strip_jpeg
from domain.gdpr.photo_files import sniff
from domain.images import MAX_PIXELS, strip_metadata

MAX_BYTES = 25 * 1024 * 1024
DISPLAY_SIDE = 1600  # sharp on a tablet and a laptop, a fraction of a phone camera's file
THUMB_SIDE = 320  # a grid cell on a phone, twice its CSS size for sharp screens
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
ORIENTATION = 0x0112
# Pillow's optimize=True holds the GIL for the whole encode (a 12 MP original stalled the loop 330 ms): never used.
ORIGINAL_QUALITY, DISPLAY_QUALITY, THUMB_QUALITY = 92, 85, 78
UNREADABLE = (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError,
              ValueError, SyntaxError, EOFError)


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


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise DomainError("image.too_many_pixels", mp=MAX_PIXELS // 1_000_000)
    return image


def _jpeg(image: Image.Image, quality: int, icc: bytes | None = None) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, **({"icc_profile": icc} if icc else {}))
    return out.getvalue()


def _flat(image: Image.Image) -> Image.Image:
    """RGB for a JPEG: transparency on white."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _sizes(image: Image.Image) -> tuple[bytes, bytes]:
    display = _flat(image)
    display.thumbnail((DISPLAY_SIDE, DISPLAY_SIDE), Image.Resampling.LANCZOS)
    thumb = display.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return _jpeg(display, DISPLAY_QUALITY), _jpeg(thumb, THUMB_QUALITY)


def _upright_jpeg(data: bytes) -> tuple[bytes, int, int, Image.Image]:
    """The original without metadata: the bytes themselves when upright, else turned and encoded once."""
    with _open(data) as image:
        turned = image.getexif().get(ORIENTATION, 1) not in (1, None)
        if not turned:
            clean = strip_jpeg(data)
            with _open(clean) as check:
                width, height = check.size
                # Decoding at the display size reads every byte: a truncated or wrongly cut file is refused here.
                check.draft("RGB", (max(1, width * DISPLAY_SIDE // max(width, height)),
                                    max(1, height * DISPLAY_SIDE // max(width, height))))
                check.load()
                return clean, width, height, check.copy()
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image.convert("RGB") if image.mode not in ("RGB", "L") else image)
        upright.info.clear()
        return _jpeg(upright, ORIGINAL_QUALITY, icc), upright.width, upright.height, upright


def prepare(data: bytes) -> Prepared:
    """The checked photo as a clean original, a display JPEG and a thumbnail; blocking (run it in a thread)."""
    kind = check_upload(data)
    try:
        if kind == "jpg":
            original, width, height, picture = _upright_jpeg(data)
        else:
            original = strip_metadata(data)  # PNG and WebP: re-encoded losslessly or as sent, without metadata
            picture = _open(original)
            picture.load()
            width, height = picture.size
        display, thumb = _sizes(picture)
    except DomainError as error:
        if error.key == "image.too_many_pixels":
            raise  # a pixel bomb keeps its own message
        raise DomainError("gallery.file.unreadable") from None
    except UNREADABLE:
        raise DomainError("gallery.file.unreadable") from None
    return Prepared(original, kind, display, thumb, width, height)
