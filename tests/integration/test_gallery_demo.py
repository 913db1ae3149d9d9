"""The demo's Galleri and guardian pictures: one album a demo parent sees, with files, tagging only consented
children, and a few named guardians who show a picture."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from demo.gallery import ALBUM_TITLE, SCENES
from demo.seed import seed_demo
from domain.contacts.service import picture_route
from domain.gallery import reading
from domain.gallery.reach import consented
from domain.gdpr.photo_files import stored_photo
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from persistence.contacts import ContactSharing
from persistence.gallery import Album, Photo, PhotoTag
from persistence.people import Person
from persistence.queries import ints
from tests.conftest import point_data_dir
from tests.demo_support import TODAY, person_of

NOW = datetime.combine(TODAY, time(11), UTC)


async def test_the_demo_has_an_album_the_demo_parent_sees_and_guardians_with_pictures(
        sqlite_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_data_dir(monkeypatch, tmp_path)
    await seed_demo(today=TODAY, scale=0.02)
    (album,) = await Album.all()
    assert album.title == ALBUM_TITLE and album.group_id is not None
    photos = await Photo.filter(album_id=album.id).order_by("id")
    assert [p.caption for p in photos] == [caption for caption, _, _ in SCENES]
    tagged = {t.child_id for t in await PhotoTag.filter(photo__album_id=album.id)}
    assert tagged and tagged <= await consented(tagged)  # only children with photo consent are tagged
    mette = await person_of("demo-foraelder")
    facts = await load_person_facts(mette.id, TODAY)
    assert facts is not None
    parent = facts.actor(Role.PARENT, "3")
    assert [card.title for card in await reading.albums_for(parent, TODAY, NOW)] == [ALBUM_TITLE]
    for size in ("thumb", "display", "original"):
        path, kind, _ = await reading.fetch_photo(parent, photos[0].id, size, TODAY, NOW)
        assert path.is_file() and kind == "image/jpeg"
    assert tagged & parent.guardian_of  # her own child is in a photo, for «Billeder af mit barn»
    shown = ints(await ContactSharing.filter(share_picture=True).values_list("person_id", flat=True))
    assert mette.id in shown and 2 <= len(shown) <= 3
    for person_id in shown:
        person = await Person.get(id=person_id)
        stored = stored_photo(person_id)
        assert not person.is_child and stored is not None and person.photo_url == picture_route(person_id, stored)
