"""A guardian's picture: checked by its content, turned upright, shrunk, and saved as a JPEG without metadata."""

from __future__ import annotations

import io

from PIL import Image

from domain.errors import DomainError
from domain.gdpr.photo_files import sniff
from domain.images import strip_metadata

MAX_BYTES = 10 * 1024 * 1024
SIDE = 480  # a face on the board, the wall screen and a printed list; twice that for sharp screens is not needed


def check_upload(data: bytes) -> None:
    """Refuse an empty, oversized or non-picture file (by its content, whatever it was called) before decoding it."""
    if not data:
        raise DomainError("contacts.picture.empty")
    if len(data) > MAX_BYTES:
        raise DomainError("contacts.picture.too_large", mb=MAX_BYTES // (1024 * 1024))
    if sniff(data) is None:  # an .exe called .jpg, an SVG, a HEIC: JPEG, PNG and WebP only
        raise DomainError("contacts.picture.bad_type")


def prepare(data: bytes) -> bytes:
    """The checked picture, upright, at most SIDE pixels each way, a JPEG without EXIF; DomainError if unreadable."""
    check_upload(data)
    try:
        clean = strip_metadata(data)  # decodes every pixel: a truncated file is refused here
    except DomainError as error:
        if error.key != "image.unreadable":
            raise  # a pixel bomb keeps its own message
        raise DomainError("contacts.picture.unreadable") from None
    try:
        with Image.open(io.BytesIO(clean)) as image:
            image.load()
            small = image.convert("RGB")
            small.thumbnail((SIDE, SIDE))
            out = io.BytesIO()
            small.save(out, format="JPEG", quality=85, optimize=True)
    except (OSError, ValueError, SyntaxError, EOFError):
        raise DomainError("contacts.picture.unreadable") from None
    return out.getvalue()
