"""Demo Galleri and contact pictures: one album of Freja's room at Solsikken with a few drawn photos (only children
with photo consent tagged), and the pictures of a few named guardians who chose to show theirs.

The images are drawn with Pillow, the same for the same demo, and stored through the domain's own processing
(domain/gallery/images.prepare, domain/contacts/picture.prepare): a person trying the demo sees Galleri, the
guardian pictures on the contact lists, the board and the wall screen.
"""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, time, timedelta
from random import Random

from PIL import Image, ImageDraw
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.named import Named
from demo.rows import Demo, RowBook, insert_tables
from domain import files
from domain.contacts import picture
from domain.contacts.service import picture_route
from domain.gallery import images
from domain.gallery.model import PUBLISHED
from domain.gallery.storage import gallery_root
from domain.gdpr import photo_files
from domain.gdpr.consents import PHOTO_KEY
from domain.gdpr.retention_model import ALBUMS_DEFAULT, months_after
from domain.organisation.model import InstitutionKind
from persistence.contacts import ContactSharing
from persistence.gallery import Album, Photo, PhotoTag
from persistence.gdpr import ChildConsent, ConsentType
from persistence.organisation import Institution
from persistence.people import Custody, Employment, Enrolment, Person

GALLERY_TABLES: list[type[Model]] = [Album, Photo, PhotoTag, ContactSharing]
ALBUM_TITLE = "Hverdag på stuen"
WIDTH, HEIGHT = 640, 480
# (caption, ground, figure): a few tiny drawn scenes, each a coloured ground with a sun and a shape.
SCENES = (("Vi bygger hule i haven", (0xa5, 0xd6, 0xa7), (0x6d, 0x4c, 0x41)),
          ("Fingermaling ved det lange bord", (0xff, 0xe0, 0xb2), (0xe5, 0x39, 0x35)),
          ("Frugt til eftermiddag", (0xb3, 0xe5, 0xfc), (0xfb, 0x8c, 0x00)),
          ("Tur til stranden", (0x81, 0xd4, 0xfa), (0xff, 0xd5, 0x4f)))
# The named guardians who show their picture: Mette and Jonas (Oscar and Freja), and Ali (Yusuf).
PICTURED = ("demo-foraelder", "demo-foraelder-klub")
PORTRAIT = 240


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def scene_jpeg(index: int) -> bytes:
    """One demo photo: a coloured ground, a sun, and a shape that differs from photo to photo."""
    _, ground, figure = SCENES[index % len(SCENES)]
    image = Image.new("RGB", (WIDTH, HEIGHT), ground)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 330, WIDTH, HEIGHT), fill=tuple(max(0, c - 40) for c in ground))
    draw.ellipse((500, 40, 590, 130), fill=(0xff, 0xeb, 0x3b))
    if index % 2 == 0:
        draw.polygon(((160, 330), (300, 150), (440, 330)), fill=figure)
    else:
        draw.rounded_rectangle((200, 200, 440, 360), radius=30, fill=figure)
    return _jpeg(image)


def portrait_jpeg(person_id: int) -> bytes:
    """A guardian's demo picture, checked and shrunk as an upload would be: head and shoulders on a coloured ground."""
    rng = Random(f"demo-portrait:{person_id}")
    image = Image.new("RGB", (PORTRAIT, PORTRAIT), (rng.randrange(120, 230), rng.randrange(150, 230), 220))
    draw = ImageDraw.Draw(image)
    skin = rng.choice(((0xf1, 0xc2, 0x9b), (0xd7, 0xa0, 0x7a), (0x8d, 0x5a, 0x3c)))
    draw.ellipse((50, 170, 190, 320), fill=rng.choice(((0x1e, 0x88, 0xe5), (0x43, 0xa0, 0x47), (0x6a, 0x1b, 0x9a))))
    draw.ellipse((80, 50, 160, 150), fill=skin)
    return picture.prepare(_jpeg(image))


def _token(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _active(e: Enrolment, demo: Demo) -> bool:
    return e.start <= demo.today and (e.end is None or e.end >= demo.today)


def build_gallery_demo(demo: Demo, named: Named) -> None:
    """The album with its photos and tags, and the pictured guardians' addresses and sharing choices."""
    book = demo.book
    for table in GALLERY_TABLES:
        book.rows.setdefault(table, [])
    _pictures(demo, named)
    mette = named.people["demo-foraelder"]
    kids = {c.child_id for c in book.all(Custody) if c.guardian_id == mette.id}
    kinds = {i.id: i.kind for i in book.all(Institution)}
    room = next((e for e in book.all(Enrolment) if e.child_id in kids and _active(e, demo) and e.group_id is not None
                 and kinds.get(e.institution_id) == InstitutionKind.BOERNEHAVE), None)
    if room is None or room.group_id is None:
        return
    staff = sorted(e.person_id for e in book.all(Employment) if e.institution_id == room.institution_id)
    by = staff[0] if staff else None
    photo_type = {t.id for t in book.all(ConsentType) if t.key == PHOTO_KEY}
    consented = {c.child_id for c in book.all(ChildConsent) if c.consent_type_id in photo_type and c.given}
    children = sorted({e.child_id for e in book.all(Enrolment) if e.group_id == room.group_id and _active(e, demo)}
                      & consented)
    made = datetime.combine(demo.today - timedelta(days=3), time(13), UTC)
    album = book.add(Album, institution_id=room.institution_id, group_id=room.group_id, title=ALBUM_TITLE,
                     created_by_id=by, created_at=made, expires_at=months_after(made, ALBUMS_DEFAULT))
    rng = Random("demo-gallery")
    for index, (caption, _, _) in enumerate(SCENES):
        token = _token(scene_jpeg(index))
        at = made + timedelta(minutes=5 * index)
        photo = book.add(Photo, album_id=album.id, original_file=f"{album.id}/{token}-o.jpg",
                         display_file=f"{album.id}/{token}-d.jpg", thumb_file=f"{album.id}/{token}-t.jpg",
                         original_name=f"IMG_{1041 + index}.jpg", caption=caption, width=WIDTH, height=HEIGHT,
                         uploaded_by_id=by, uploaded_at=at, state=PUBLISHED)
        tagged = set(rng.sample(children, min(len(children), 2)))
        if index == 0:
            tagged |= kids & set(children)  # Mette finds her own child under Mine børns billeder
        for child_id in sorted(tagged):
            book.add(PhotoTag, photo_id=photo.id, child_id=child_id, tagged_by_id=by, tagged_at=at)


def _pictures(demo: Demo, named: Named) -> None:
    """Mette, her co-guardian and Ali have a picture and show it (no phone or e-mail shared by it)."""
    book = demo.book
    people = [named.people[s] for s in PICTURED]
    mette = people[0]
    kids = {c.child_id for c in book.all(Custody) if c.guardian_id == mette.id}
    co = sorted({c.guardian_id for c in book.all(Custody) if c.child_id in kids and c.guardian_id != mette.id})
    byid = {p.id: p for p in book.all(Person)} if co else {}
    people += [byid[i] for i in co[:1]]
    at = datetime.combine(demo.today - timedelta(days=20), time(19), UTC)
    for person in people:
        data = portrait_jpeg(person.id)
        person.photo_url = picture_route(person.id, photo_files.photo_root() / f"{person.id}-{_sha8(data)}.jpg")
        book.add(ContactSharing, person_id=person.id, share_phone=False, share_email=False, share_picture=True,
                 updated_at=at)


def _sha8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


async def insert_gallery_demo(book: RowBook, conn: BaseDBAsyncClient) -> None:
    """Insert the rows in the seed's transaction, then write the photos and pictures they name."""
    await insert_tables(book, conn, GALLERY_TABLES)
    root = gallery_root()
    for album in book.rows.get(Album, []):
        for index, photo in enumerate(p for p in book.rows.get(Photo, []) if p.album_id == album.id):
            prepared = images.prepare(scene_jpeg(index))  # the upload's own processing: clean original and sizes
            for name, data in ((photo.original_file, prepared.original), (photo.display_file, prepared.display),
                               (photo.thumb_file, prepared.thumb)):
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                files.write_atomic(root / name, data)
    for row in book.rows.get(ContactSharing, []):
        photo_files.write_photo(row.person_id, portrait_jpeg(row.person_id), "jpg")
