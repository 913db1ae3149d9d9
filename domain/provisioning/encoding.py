"""Deciding a file's encoding once for the whole file, refusing mixed files, and spotting mojibake (SÃ¸ren)."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

UTF8, UTF8_BOM, CP1252, LATIN1, MIXED = "utf-8", "utf-8-sig", "windows-1252", "iso-8859-1", "mixed"
NAMES = {UTF8: "UTF-8", UTF8_BOM: "UTF-8 med BOM", CP1252: "Windows-1252", LATIN1: "ISO-8859-1", MIXED: "blandet"}
BOM = b"\xef\xbb\xbf"
SHOWN_LINES = 10


def _misread(byte: int) -> set[str]:
    """What a UTF-8 continuation byte becomes when the bytes are read as Windows-1252 or ISO-8859-1."""
    return {bytes([byte]).decode("cp1252", "ignore"), chr(byte)} - {""}


# UTF-8's ø is C3 B8; read as Windows-1252 that is "Ã¸". "Ã" or "Â" before such a character never occurs in
# Danish (or any) text written on purpose, so it marks a file that was decoded wrongly somewhere upstream.
_TAILS = "".join(sorted(set().union(*(_misread(b) for b in range(0x80, 0xC0)))))
MOJIBAKE = re.compile(f"[ÃÂ][{re.escape(_TAILS)}]")


class Decoded(NamedTuple):
    """A file's text and encoding, or the reason (and its parameters) it was refused."""

    text: str | None
    encoding: str
    reason: str = ""
    params: dict[str, Any] = {}


def line_list(numbers: list[int]) -> str:
    """Line numbers for a message: '3, 7 og 12', or the first ten and how many more."""
    shown = [str(n) for n in numbers[:SHOWN_LINES]]
    if len(numbers) > SHOWN_LINES:
        return f"{', '.join(shown)} og {len(numbers) - SHOWN_LINES} flere"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} og {shown[-1]}"


def decode(data: bytes) -> Decoded:
    """One encoding for the whole file: UTF-8 (with or without BOM), else Windows-1252 or ISO-8859-1."""
    if not data.strip():
        return Decoded(None, "", "file_empty")
    if b"\x00" in data[:65536]:
        return Decoded(None, "", "file_binary")
    bom = data.startswith(BOM)
    body = data[len(BOM):] if bom else data
    try:
        return Decoded(body.decode("utf-8"), UTF8_BOM if bom else UTF8)
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the very end means the file was cut off, not that it is Windows-1252.
        if exc.reason == "unexpected end of data" and exc.start >= len(body) - 3:
            return Decoded(None, UTF8, "file_truncated", {"detail": "et tegn er skåret over i sidste linje"})
    mixed = _mixed(data, bom)
    if mixed is not None:
        return mixed
    try:
        return Decoded(body.decode("cp1252"), CP1252)
    except UnicodeDecodeError:
        return Decoded(body.decode("latin-1"), LATIN1)


def _mixed(data: bytes, bom: bool) -> Decoded | None:
    """A refusal naming the odd lines out when some lines are UTF-8 and others are not."""
    utf8, single = ([1] if bom else []), []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            single.append(number)
        else:
            utf8.append(number)
    if not utf8:
        return None
    other = CP1252 if _is_cp1252(data, single) else LATIN1
    fewer, rest = (single, utf8) if len(single) <= len(utf8) else (utf8, single)
    return Decoded(None, MIXED, "file_mixed_encoding", {
        "lines": line_list(fewer), "encoding": NAMES[other if fewer is single else UTF8],
        "rest": NAMES[UTF8 if rest is utf8 else other]})


def _is_cp1252(data: bytes, numbers: list[int]) -> bool:
    lines = data.split(b"\n")
    try:
        for number in numbers:
            lines[number - 1].decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def mojibake(value: str) -> str | None:
    """The garbled part of a value (such as 'Ã¸'), or None when it reads as written."""
    found = MOJIBAKE.search(value)
    return found.group() if found else None
