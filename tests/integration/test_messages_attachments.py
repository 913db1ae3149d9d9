"""Attachments on SQLite and PostgreSQL: real PNG and PDF stored, bad files refused with nothing kept, access."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from domain.errors import AccessDenied, DomainError, NotFound
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.messages import attachments, service, storage
from persistence.audit import AuditEntry
from persistence.messages import Attachment, Message, Participant, Thread
from persistence.people import Person
from tests.conftest import point_data_dir
from tests.factory import World, build_world

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def png_bytes() -> bytes:
    """A real 1x1 red PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
            + chunk(b"IEND", b""))


def pdf_bytes() -> bytes:
    """A minimal one-page PDF."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The attachment folder, under this test's own data folder."""
    point_data_dir(monkeypatch, tmp_path / "data")
    yield tmp_path / "data" / "attachments"


async def actor_for(p: Person, role: Role, acr: str = "2") -> Actor:
    """The person acting in one role."""
    facts = await load_person_facts(p.id, NOW.date())
    assert facts is not None and role in facts.roles
    return facts.actor(role, acr)


async def thread_between(sender: Person, *readers: Person, sensitive: bool = False) -> tuple[Thread, Message]:
    """A thread with one message from the sender, and a seat for the sender and each reader."""
    thread = await Thread.create(subject="Tur i skoven", created_at=NOW, created_by=sender, last_message_at=NOW,
                                 message_count=1, sensitive=sensitive)
    message = await Message.create(thread=thread, sender=sender, sender_name=sender.first_name, body="Se bilag",
                                   sensitive=sensitive, created_at=NOW)
    for p in (sender, *readers):
        await Participant.create(thread=thread, person=p, joined_at=NOW, last_message_at=NOW)
    return thread, message


def stored_files(root: Path) -> list[Path]:
    """Every file under the attachments folder, temp files included."""
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
async def world(database: str) -> World:
    return await build_world()


async def test_a_real_png_and_pdf_are_stored_by_hash_and_fetched_back_by_the_uploader(
        world: World, files: Path) -> None:
    teacher = await actor_for(world.teacher, Role.STAFF)
    png, pdf = png_bytes(), pdf_bytes()
    image = await attachments.do_upload(teacher, filename="C:\\fotos\\skovtur.png", data=png, now=NOW)
    letter = await attachments.do_upload(teacher, filename="brev.PDF", data=pdf, now=NOW)
    assert (image.filename, image.content_type, image.size) == ("skovtur.png", "image/png", len(png))
    assert (letter.filename, letter.content_type) == ("brev.PDF", "application/pdf")
    view, path = await attachments.fetch(teacher, image.attachment_id)
    assert view == image and path.read_bytes() == png
    assert path == files / storage.digest(png)[:2] / storage.digest(png)
    assert len(stored_files(files)) == 2  # no temp file left behind
    row = await Attachment.get(id=letter.attachment_id)
    assert (row.message_id, row.uploader_id, row.sha256) == (None, world.teacher.id, storage.digest(pdf))


async def test_an_exe_renamed_pdf_and_a_50_mb_file_are_refused_with_nothing_stored(world: World, files: Path) -> None:
    teacher = await actor_for(world.teacher, Role.STAFF)
    with pytest.raises(DomainError) as refused:
        await attachments.do_upload(teacher, filename="faktura.pdf", data=b"MZ\x90\0" + b"\0" * 500, now=NOW)
    assert refused.value.key == "messages.attachment_type"
    with pytest.raises(DomainError) as refused:
        await attachments.do_upload(teacher, filename="film.pdf", data=b"%PDF-" + b"\0" * (50 * 1024 * 1024),
                                    now=NOW)
    assert refused.value.key == "messages.attachment_too_big" and refused.value.params == {"limit": "10 MB"}
    assert await Attachment.all().count() == 0 and stored_files(files) == []


async def test_a_guardian_cannot_fetch_an_attachment_of_a_thread_they_are_not_in(world: World, files: Path) -> None:
    teacher = await actor_for(world.teacher, Role.STAFF)
    plan = await attachments.do_upload(teacher, filename="plan.pdf", data=pdf_bytes(), now=NOW)
    note = await attachments.do_upload(teacher, filename="notat.png", data=png_bytes(), now=NOW)
    unsent = await attachments.do_upload(teacher, filename="udkast.png", data=png_bytes(), now=NOW)
    to_gitte = [f"person:{world.guardian.id}"]
    await service.do_send(teacher, subject="Skovtur", body="Se planen", recipient_keys=to_gitte,
                          attachment_ids=[plan.attachment_id], now=NOW)
    await service.do_send(teacher, subject="Om Anna", body="Se notatet", recipient_keys=to_gitte, sensitive=True,
                          attachment_ids=[note.attachment_id], now=NOW)
    guardian = await actor_for(world.guardian, Role.PARENT)
    other = await actor_for(world.other_guardian, Role.PARENT, acr="3")
    assert (await attachments.fetch(guardian, plan.attachment_id))[0] == plan
    with pytest.raises(AccessDenied):  # sensitive: only after logging in with MitID
        await attachments.fetch(guardian, note.attachment_id)
    assert (await attachments.fetch(await actor_for(world.guardian, Role.PARENT, acr="3"), note.attachment_id))[0] \
        == note
    for attachment_id in (plan.attachment_id, note.attachment_id, unsent.attachment_id):
        with pytest.raises(AccessDenied):
            await attachments.fetch(other, attachment_id)
    with pytest.raises(AccessDenied):
        await attachments.fetch(guardian, unsent.attachment_id)  # not sent yet: only the uploader
    with pytest.raises(NotFound):
        await attachments.fetch(other, unsent.attachment_id + 1000)
    assert await AuditEntry.filter(actor_person_id=world.other_guardian.id, outcome="refused").count() == 3


async def test_discarding_an_upload_keeps_the_file_while_another_row_shares_its_bytes(
        world: World, files: Path) -> None:
    teacher = await actor_for(world.teacher, Role.STAFF)
    first = await attachments.do_upload(teacher, filename="a.png", data=png_bytes(), now=NOW)
    second = await attachments.do_upload(teacher, filename="b.png", data=png_bytes(), now=NOW)
    with pytest.raises(AccessDenied):
        await attachments.do_discard_upload(await actor_for(world.guardian, Role.PARENT), first.attachment_id,
                                            now=NOW)
    await attachments.do_discard_upload(teacher, first.attachment_id, now=NOW)
    assert len(stored_files(files)) == 1
    await attachments.do_discard_upload(teacher, second.attachment_id, now=NOW)
    assert stored_files(files) == [] and await Attachment.all().count() == 0
    forgotten = await attachments.do_upload(teacher, filename="glemt.pdf", data=pdf_bytes(), now=NOW)
    assert await attachments.do_purge_stale_uploads(now=NOW + timedelta(hours=1)) == 0
    assert await attachments.do_purge_stale_uploads(now=NOW + timedelta(days=2)) == 1
    assert stored_files(files) == [] and not await Attachment.exists(id=forgotten.attachment_id)
