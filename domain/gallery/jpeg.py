"""A JPEG without its metadata, byte for byte otherwise: EXIF, XMP, IPTC, comments and trailing pictures dropped."""

from __future__ import annotations

from domain.errors import DomainError

SOI, SOS, EOI = b"\xff\xd8", 0xDA, b"\xff\xd9"
JFIF, ADOBE, ICC = 0xE0, 0xEE, 0xE2  # encoding and colours, not the person or the place: kept


def _keep(marker: int, segment: bytes) -> bool:
    if marker in (JFIF, ADOBE):
        return True
    if marker == ICC:
        return segment[4:16] == b"ICC_PROFILE\x00"  # APP2 also carries MPF (more pictures, their own EXIF)
    return not (0xE0 <= marker <= 0xEF or marker == 0xFE)  # APPn (EXIF, XMP, IPTC...) and COM go


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG with only the segments that say how to decode it, up to the end of its first image (no re-encode)."""
    if not data.startswith(SOI):
        raise DomainError("gallery.file.unreadable")
    out, at = bytearray(SOI), 2
    while True:
        if at + 4 > len(data) or data[at] != 0xFF:
            raise DomainError("gallery.file.unreadable")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker == SOS:
            break
        length = int.from_bytes(data[at + 2:at + 4], "big")
        segment = data[at:at + 2 + length]
        if length < 2 or len(segment) < 2 + length:
            raise DomainError("gallery.file.unreadable")
        if _keep(marker, segment):
            out += segment
        at += 2 + length
    end = data.find(EOI, at)
    if end < 0:
        raise DomainError("gallery.file.unreadable")  # cut off before the image ended
    # Scans and the tables between them, to the first end of image: a phone's depth map or second picture after it
    # (with its own EXIF) is not part of the photo. The caller decodes the result, so a wrong cut is refused.
    out += data[at:end + 2]
    return bytes(out)
