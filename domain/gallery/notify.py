"""New photos in an album tell the guardians it reaches, once a day per album, inside the upload's transaction."""

from __future__ import annotations

from datetime import date, datetime

from domain.events import Outbox
from domain.notifications.centre import Category, NewNotification
from domain.notifications.outbox import do_enqueue
from domain.posts.notify import guardians_reached
from persistence.gallery import Album

TITLE = "Nye billeder i Galleri"


async def notify_new_photos(outbox: Outbox, album: Album, *, uploader_id: int, day: date, now: datetime) -> int:
    """One notification per guardian the album reaches (never the uploader); the title only, no names of children."""
    groups = [album.group_id] if album.group_id is not None else []
    people = [p for p in await guardians_reached(album.institution_id, groups, day) if p != uploader_id]
    return await do_enqueue([NewNotification(person_id=p, category=Category.GALLERY, title=TITLE, body=album.title,
                                             link=f"/galleri/{album.id}", source=f"album:{album.id}:{day.isoformat()}")
                             for p in people], outbox, now=now)
