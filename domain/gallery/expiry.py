"""Albums past their retention date are deleted with their photos, tags and files (the hourly job runs this).

An album's date is its creation plus the municipality's albums rule; changing the rule moves the date of every
existing album (domain.gdpr.retention.do_set_policy), so this purge always honours the rule in force.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from domain.audit import service as audit
from domain.gallery import storage
from persistence.db import transaction
from persistence.gallery import Album, Photo, PhotoTag
from persistence.queries import ints

BATCH = 50  # albums per transaction, so one run never holds the database long


async def do_purge_expired_albums(*, now: datetime) -> int:
    """Delete every album whose expiry has passed; returns how many (the files go after the rows)."""
    deleted = 0
    while True:
        album_ids = ints(await Album.filter(expires_at__lte=now).order_by("id").limit(BATCH).values_list(
            "id", flat=True))
        if not album_ids:
            return deleted
        rows = await Photo.filter(album_id__in=album_ids).values_list("original_file", "display_file", "thumb_file")
        async with transaction():
            await PhotoTag.filter(photo__album_id__in=album_ids).delete()
            await Photo.filter(album_id__in=album_ids).delete()
            await Album.filter(id__in=album_ids).delete()
        await asyncio.to_thread(storage.remove, [str(name) for row in rows for name in row])
        await audit.record("gallery.album.expired", audit.ALLOWED, detail=f"albums={len(album_ids)} "
                                                                          f"photos={len(rows)}")
        deleted += len(album_ids)
