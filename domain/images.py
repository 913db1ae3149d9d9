"""Pictures without their metadata: EXIF (GPS position, camera, time), XMP, comments and text chunks are dropped."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.errors import DomainError

# A phone's 48-megapixel photo fits; a small file that unpacks to a huge canvas (a "pixel bomb") does not.
MAX_PIXELS = 60_000_000
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# What a re-encoded picture needs to look the same; everything else in Pillow's info is metadata and is dropped.
KEEP_INFO = {"JPEG": (), "PNG": ("transparency",), "WEBP": ("duration", "loop", "background"),
             "GIF": ("transparency", "duration", "loop", "background", "disposal")}
# What Pillow reports about a picture that is not about the person or the place: encoding, colours, animation.
HARMLESS = {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression", "adobe",
            "adobe_transform", "gamma", "icc_profile", "version", "aspect", "interlace", "duration", "loop",
            "background", "transparency", "disposal", "lossless", "srgb", "chromaticity"}


PNG_METADATA = {b"tEXt", b"iTXt", b"zTXt", b"eXIf"}


def _png_chunk_types(data: bytes) -> list[bytes]:
    kinds, at = [], 8
    while at + 8 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kinds.append(data[at + 4:at + 8])
        at += 12 + length
    return kinds


def _loop_extension(key: object, value: object) -> bool:
    """A GIF's looping block (an application extension that says how often to play, nothing else)."""
    return key == "extension" and isinstance(value, tuple) and value[0] in (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError,
            ValueError, SyntaxError):
        raise DomainError("image.unreadable") from None
    if image.format not in FORMATS:
        raise DomainError("image.unreadable")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise DomainError("image.too_many_pixels", mp=MAX_PIXELS // 1_000_000)
    return image


def has_metadata(data: bytes) -> bool:
    """Whether the picture carries EXIF, XMP, comments or text (its header, not decoded); DomainError if unreadable."""
    image = _open(data)
    if any(key not in HARMLESS for key in image.info if not _loop_extension(key, image.info[key])):
        return True
    if image.format == "PNG" and any(kind in PNG_METADATA for kind in _png_chunk_types(data)):
        return True  # text chunks after the pixels, which Pillow reads only when decoding
    return bool(image.getexif())


def strip_metadata(data: bytes) -> bytes:
    """The picture without metadata, first turned upright as its EXIF orientation said; DomainError if unreadable."""
    image = _open(data)
    fmt = str(image.format)
    try:
        frames = getattr(image, "n_frames", 1)
        keep = {k: image.info[k] for k in KEEP_INFO[fmt] if k in image.info}
        icc = image.info.get("icc_profile")  # colours, not personal data: kept so the picture looks the same
        out = io.BytesIO()
        if frames > 1:
            # Animations keep their frames; orientation is not a thing animated pictures carry.
            image.info.clear()
            image.save(out, format=fmt, save_all=True, **keep, **({"icc_profile": icc} if icc else {}))
        else:
            upright = ImageOps.exif_transpose(image)
            upright.info.clear()
            options: dict[str, object] = dict(keep)
            if icc:
                options["icc_profile"] = icc
            if fmt == "JPEG":
                options.update(quality=90, optimize=True)
                if upright.mode not in ("RGB", "L", "CMYK"):
                    upright = upright.convert("RGB")
            elif fmt == "WEBP":
                options.update(quality=90)
            upright.save(out, format=fmt, **options)
    except (OSError, ValueError, SyntaxError, EOFError):
        raise DomainError("image.unreadable") from None
    return out.getvalue()
