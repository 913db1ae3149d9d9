"""What a message says, checked and shaped: plain text within limits, a safe preview, quoted forwards."""

from __future__ import annotations

from datetime import datetime

from domain.clock import COPENHAGEN
from domain.errors import DomainError
from domain.messages.model import BODY_MAX, SUBJECT_MAX

SNIPPET_MAX = 120


def _plain(text: str) -> str:
    # PostgreSQL refuses NUL in text; everything else is kept as typed and only ever shown as text.
    return text.replace("\x00", "").strip()


def clean_subject(subject: str) -> str:
    """The subject as stored, or a refusal (empty or too long)."""
    cleaned = " ".join(_plain(subject).split())
    if not cleaned:
        raise DomainError("messages.subject_required")
    if len(cleaned) > SUBJECT_MAX:
        raise DomainError("messages.too_long", max=SUBJECT_MAX)
    return cleaned


def clean_body(body: str, limit: int = BODY_MAX) -> str:
    """The body as stored, or a refusal (empty or too long)."""
    if len(body) > limit:
        raise DomainError("messages.too_long", max=limit)
    cleaned = _plain(body)
    if not cleaned:
        raise DomainError("messages.body_required")
    return cleaned


def snippet(body: str, sensitive: bool) -> str:
    """The inbox preview: never any sensitive text."""
    if sensitive:
        return ""
    flat = " ".join(body.split())
    return flat if len(flat) <= SNIPPET_MAX else flat[: SNIPPET_MAX - 1] + "…"


def prefixed(prefix: str, subject: str) -> str:
    """A subject with "Sv: " or "Vs: " in front once, cut to the column's size."""
    return (subject if subject.startswith(prefix) else prefix + subject)[:SUBJECT_MAX]


def quoted(note: str, subject: str, messages: list[tuple[str, datetime, str]]) -> str:
    """A forward's body: the note, then each message as plain text with its sender and time."""
    parts = [note.strip(), "", "---------- Videresendt besked ----------", f"Emne: {subject}"]
    for sender, at, body in messages:
        when = at.astimezone(COPENHAGEN).strftime("%d.%m.%Y %H:%M")
        parts += ["", f"Fra: {sender} ({when})", body]
    return "\n".join(parts).strip()
