"""Staff's notes on a child for colleagues, for today only: written and read on the board, never shown to parents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError
from domain.events import Event, committing
from domain.identity.model import Actor
from domain.presence.service import enrolled_child
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.presence import StaffNote

MAX_LENGTH = 500


def staff_notes_topic(institution_id: int) -> str:
    """The staff boards of an institution (not the wall screen, not the guardians' pages)."""
    return f"presence-notes:{institution_id}"


@dataclass(frozen=True)
class StaffNoteChanged(Event):
    """A note for colleagues was written, changed or removed; the text stays in the database, only the mark travels."""

    institution_id: int
    child_id: int
    has_note: bool

    @property
    def topics(self) -> tuple[str, ...]:
        """The staff boards of the institution only."""
        return (staff_notes_topic(self.institution_id),)


@dataclass(frozen=True)
class NoteView:
    """A note as the tile's dialog shows it."""

    text: str
    by: str
    at: datetime


async def check_staff_note(actor: Actor, child_id: int, institution_id: int, day: date) -> None:
    """Only staff (and leaders) of the child's institution read and write its notes; the refusal is audited."""
    await audit.check(access.can_operate_presence(actor, institution_id), actor, "staff_note",
                      concerned_person_id=child_id)
    await enrolled_child(child_id, institution_id, day)


async def note_of(child_id: int, institution_id: int, day: date) -> NoteView | None:
    """The day's note on a child (no access check: the caller made it)."""
    row = await StaffNote.get_or_none(child_id=child_id, institution_id=institution_id, day=day)
    return None if row is None else NoteView(row.text, row.written_by, row.written_at)


async def noted_children(actor: Actor, institution_id: int, day: date) -> set[int]:
    """The children with a note today at an institution, for the marks on the board (one query)."""
    await audit.check(access.can_operate_presence(actor, institution_id), actor, "view_presence_board")
    rows = await StaffNote.filter(institution_id=institution_id, day=day).values("child_id")
    return {int(r["child_id"]) for r in rows}


async def do_staff_note(actor: Actor, child_id: int, institution_id: int, text: str, *, now: datetime) -> bool:
    """Write (or with an empty text remove) today's note on a child; the other boards hear of it after commit."""
    day = today_local(now)
    await check_staff_note(actor, child_id, institution_id, day)
    text = text.strip()
    check_typed_text(text)
    if len(text) > MAX_LENGTH:
        raise DomainError("board.note.too_long", max=MAX_LENGTH)
    async with committing(transaction) as outbox:
        if text:
            await StaffNote.update_or_create(
                {"text": text, "written_by": actor.name.split()[0], "written_by_id": actor.person_id,
                 "written_at": now}, child_id=child_id, institution_id=institution_id, day=day)
        else:
            await StaffNote.filter(child_id=child_id, institution_id=institution_id, day=day).delete()
        outbox.add(StaffNoteChanged(institution_id, child_id, bool(text)))
    return bool(text)
