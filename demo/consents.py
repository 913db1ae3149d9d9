"""Demo samtykker: the three default types, most families' decisions, and drawn photos of the named children."""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from random import Random

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.named import Named
from demo.rows import Demo, RowBook, insert_tables
from domain.gdpr.consents import DEFAULT_TYPES, PHOTO_KEY
from domain.gdpr.photo_files import photo_root
from persistence.gdpr import ChildConsent, ConsentType
from persistence.people import Custody, Person

CONSENT_TABLES: list[type[Model]] = [ConsentType, ChildConsent]
# Share of families that said yes, per consent; a few of the photo no's are withdrawals rather than no answer.
GIVEN_SHARE = {PHOTO_KEY: 0.85, "foto_offentlig": 0.55, "navn_lister": 0.8}
WITHDRAWN_SHARE = 0.4
SIZE = 64
BACKGROUNDS = [(0x90, 0xca, 0xf9), (0xa5, 0xd6, 0xa7), (0xff, 0xcc, 0x80), (0xce, 0x93, 0xd8), (0x80, 0xcb, 0xc4)]
SKIN = [(0xf1, 0xc2, 0x9b), (0xd7, 0xa0, 0x7a), (0x8d, 0x5a, 0x3c)]
SHIRTS = [(0x1e, 0x88, 0xe5), (0xe5, 0x39, 0x35), (0x43, 0xa0, 0x47), (0xfb, 0x8c, 0x00)]


def _png(rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def avatar_png(child_id: int) -> bytes:
    """A small drawn portrait (head and shoulders on a coloured ground), the same for the same child."""
    bg, skin = BACKGROUNDS[child_id % len(BACKGROUNDS)], SKIN[child_id % len(SKIN)]
    shirt = SHIRTS[child_id % len(SHIRTS)]
    rows = []
    for y in range(SIZE):
        row = bytearray()
        for x in range(SIZE):
            head = (x - 32) ** 2 + (y - 26) ** 2 <= 13 ** 2
            body = y >= 46 and (x - 32) ** 2 + (y - 70) ** 2 <= 26 ** 2
            eye = y == 24 and x in (27, 28, 36, 37)
            colour = (0x33, 0x33, 0x33) if eye else skin if head else shirt if body else bg
            row += bytes(colour)
        rows.append(bytes(row))
    return _png(rows)


def photo_url_for(child_id: int) -> str:
    """The route address of a child's demo photo (its hash is that of the drawn picture)."""
    return f"/foto/{child_id}?v={hashlib.sha256(avatar_png(child_id)).hexdigest()[:8]}"


def build_consents_demo(demo: Demo, named: Named) -> None:
    """Types, decisions for most children, and photos (with consent) for the named families' children."""
    book = demo.book
    for table in CONSENT_TABLES:
        book.rows.setdefault(table, [])
    rng = Random("demo-consents")  # own randomness: the rest of the demo stays as it was
    start = datetime.combine(demo.today - timedelta(days=200), time(9), UTC)
    types = {key: book.add(ConsentType, municipality_id=demo.municipality_id, key=key, name=name,
                           description=text, active=True, created_at=start) for key, name, text in DEFAULT_TYPES}
    guardians: dict[int, list[int]] = defaultdict(list)
    for c in book.all(Custody):
        if c.valid_to is None or c.valid_to >= demo.today:
            guardians[c.child_id].append(c.guardian_id)
    named_ids = {p.id for p in named.people.values()}
    named_children = {child for child, gs in guardians.items() if named_ids & set(gs)}
    children = {p.id: p for p in book.all(Person) if p.is_child}
    for child_id in sorted(guardians):
        if child_id not in children:
            continue
        for key, ctype in types.items():
            given = child_id in named_children or rng.random() < GIVEN_SHARE[key]
            if not given and rng.random() > (WITHDRAWN_SHARE if key == PHOTO_KEY else 0.3):
                continue  # no answer yet: not given
            at = datetime.combine(demo.today - timedelta(days=rng.randint(1, 190)), time(rng.randint(7, 21)), UTC)
            book.add(ChildConsent, child_id=child_id, consent_type_id=ctype.id, given=given,
                     decided_by_id=rng.choice(guardians[child_id]), decided_at=at)
        if child_id in named_children:
            children[child_id].photo_url = photo_url_for(child_id)


def _write_photos(child_ids: list[int]) -> None:
    root = photo_root()
    root.mkdir(parents=True, exist_ok=True)
    for child_id in child_ids:
        data = avatar_png(child_id)
        for old in root.glob(f"{child_id}-*.*"):
            old.unlink(missing_ok=True)  # an older demo's photo under the same id
        (root / f"{child_id}-{hashlib.sha256(data).hexdigest()[:8]}.png").write_bytes(data)


async def insert_consents_demo(book: RowBook, conn: BaseDBAsyncClient) -> None:
    """Insert the consent rows in the seed's transaction, move PostgreSQL sequences, and draw the photos."""
    await insert_tables(book, conn, CONSENT_TABLES)
    _write_photos([p.id for p in book.all(Person) if p.is_child and p.photo_url.startswith("/foto/")])
