"""Data export, Galleri: the photos a child is tagged in; the albums and photos a person made (no file bytes)."""

from __future__ import annotations

from typing import Any

from persistence.gallery import Album, Photo, PhotoTag


async def gallery_file(person_id: int, *, child: bool) -> dict[str, Any]:
    """Where a child is tagged, or what an adult made; other children in a photo are never named (1-2 queries)."""
    tagged = await PhotoTag.filter(child_id=person_id).order_by("tagged_at").values(
        "photo_id", "photo__album__title", "photo__caption", "photo__uploaded_at", "tagged_at") if child else []
    albums = [] if child else await Album.filter(created_by_id=person_id).order_by("created_at").values(
        "id", "title", "created_at", "expires_at")
    uploaded = [] if child else await Photo.filter(uploaded_by_id=person_id).order_by("uploaded_at").values(
        "id", "album__title", "caption", "original_name", "uploaded_at", "state")
    return {
        "tagged_in": [{"photo": t["photo_id"], "album": t["photo__album__title"], "caption": t["photo__caption"],
                       "uploaded_at": t["photo__uploaded_at"], "tagged_at": t["tagged_at"]} for t in tagged],
        "albums_created": list(albums),
        "photos_uploaded": [{"photo": p["id"], "album": p["album__title"], "caption": p["caption"],
                             "file_name": p["original_name"], "uploaded_at": p["uploaded_at"], "state": p["state"]}
                            for p in uploaded],
        "note": "Billederne selv kan hentes i Galleri, så længe albummet findes.",
    }
