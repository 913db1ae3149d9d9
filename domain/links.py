"""Finding web addresses in typed text, so a screen can make them links and leave everything else as text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Only http and https are ever linked; "javascript:", "data:" and every other scheme stay plain text.
# The pattern has no nested repetition, so a long text is scanned in linear time.
_CANDIDATE = re.compile(r"(?<![\w@.+-])https?://[^\s<>\"'`]+", re.IGNORECASE)
# Punctuation that ends a sentence rather than an address ("Se https://x.dk.").
_TRAILING = ".,;:!?'\"»«”“’‘…"
_CLOSING = {")": "(", "]": "[", "}": "{"}
URL_MAX = 2000


@dataclass(frozen=True)
class Segment:
    """A piece of the text: plain text (href None) or an address shown as it was typed with a safe href."""

    text: str
    href: str | None = None


def _trim(candidate: str) -> str:
    """The address without sentence punctuation and unmatched closing brackets at its end."""
    end = len(candidate)
    while end:
        last = candidate[end - 1]
        unmatched = last in _CLOSING and candidate.count(_CLOSING[last], 0, end) < candidate.count(last, 0, end)
        if last not in _TRAILING and not unmatched:
            break
        end -= 1
    return candidate[:end]


def safe_href(address: str) -> str | None:
    """The href for an http(s) address with a host (scheme in lower case), or None for anything else."""
    if len(address) > URL_MAX or any(c.isspace() or ord(c) < 32 or c == "\x7f" for c in address):
        return None
    try:
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host or not parts.netloc:
        return None
    return scheme + address[len(parts.scheme):]


def split_links(text: str) -> list[Segment]:
    """The text cut into plain pieces and linkable addresses; joining the pieces' text gives the text back."""
    out: list[Segment] = []
    at = 0
    for found in _CANDIDATE.finditer(text):
        if found.end() - found.start() > URL_MAX:  # no address is that long; trimming it would only cost time
            continue
        address = _trim(found.group())
        href = safe_href(address)
        if href is None:
            continue
        if found.start() > at:
            out.append(Segment(text[at:found.start()]))
        out.append(Segment(address, href))
        at = found.start() + len(address)
    if at < len(text) or not out:
        out.append(Segment(text[at:]))
    return out
