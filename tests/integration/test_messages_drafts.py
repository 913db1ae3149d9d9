"""Drafts on SQLite and PostgreSQL: saved as the author types at a fixed query cost, own drafts only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from domain.errors import DomainError, NotFound
from domain.identity.model import Role
from domain.messages import attachments, drafts
from domain.messages.model import BODY_MAX
from persistence.messages import Attachment, Draft
from tests.conftest import point_data_dir
from tests.factory import World, build_world
from tests.integration.test_messages_attachments import NOW, actor_for, png_bytes, stored_files, thread_between
from tests.querycount import count_queries


@pytest.fixture
async def world(database: str) -> World:
    return await build_world()


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    point_data_dir(monkeypatch, tmp_path / "data")
    yield tmp_path / "data" / "attachments"


async def test_a_draft_is_saved_as_the_author_types_in_one_query_per_save(world: World) -> None:
    teacher = await actor_for(world.teacher, Role.STAFF)
    draft_id = await drafts.do_save_draft(teacher, draft_id=None, thread_id=None, subject="Tur", body="",
                                          recipient_keys=["group_guardians:7"], sensitive=False, now=NOW)
    costs = []
    for n, body in enumerate(["H", "Hej", "Hej alle, på fredag går vi i skoven." * 50]):
        with count_queries() as statements:
            again = await drafts.do_save_draft(
                teacher, draft_id=draft_id, thread_id=None, subject="Tur", body=body,
                recipient_keys=["group_guardians:7", "person:3", "person:3"], sensitive=n == 2,
                now=NOW + timedelta(seconds=n))
        assert again == draft_id
        costs.append(len(statements))
    assert costs == [1, 1, 1]
    [view] = await drafts.list_drafts(teacher)
    assert (view.id, view.subject, view.recipient_keys, view.sensitive) == (
        draft_id, "Tur", ["group_guardians:7", "person:3"], True)
    assert view.body.startswith("Hej alle") and view.updated_at == NOW + timedelta(seconds=2)
    assert await Draft.all().count() == 1


async def test_drafts_are_private_and_bad_input_changes_nothing(world: World) -> None:
    teacher = await actor_for(world.teacher, Role.STAFF)
    guardian = await actor_for(world.guardian, Role.PARENT)
    other = await actor_for(world.other_guardian, Role.PARENT)
    thread, _ = await thread_between(world.teacher, world.guardian)
    reply = await drafts.do_save_draft(guardian, draft_id=None, thread_id=thread.id, subject="", body="Tak",
                                       recipient_keys=[], sensitive=False, now=NOW)
    assert (await drafts.load_draft(guardian, reply)).thread_id == thread.id
    with pytest.raises(DomainError):  # a reply draft in a thread the author cannot read
        await drafts.do_save_draft(other, draft_id=None, thread_id=thread.id, subject="", body="x",
                                   recipient_keys=[], sensitive=False, now=NOW)
    with pytest.raises(NotFound):
        await drafts.load_draft(other, reply)
    with pytest.raises(NotFound):
        await drafts.do_save_draft(other, draft_id=reply, thread_id=None, subject="", body="overskrevet",
                                   recipient_keys=[], sensitive=False, now=NOW)
    with pytest.raises(NotFound):
        await drafts.do_delete_draft(other, reply, now=NOW)
    for subject, body, keys in [("x" * 201, "", []), ("", "x" * (BODY_MAX + 1), []), ("", "", ["nobody:1"])]:
        with pytest.raises(DomainError) as refused:
            await drafts.do_save_draft(guardian, draft_id=reply, thread_id=thread.id, subject=subject, body=body,
                                       recipient_keys=keys, sensitive=False, now=NOW)
        assert refused.value.key in ("messages.too_long", "messages.bad_recipient")
    assert (await drafts.load_draft(guardian, reply)).body == "Tak"
    assert await drafts.list_drafts(teacher) == []


async def test_deleting_a_draft_removes_its_unsent_attachments_and_their_files(world: World, files: Path) -> None:
    teacher = await actor_for(world.teacher, Role.STAFF)
    draft_id = await drafts.do_save_draft(teacher, draft_id=None, thread_id=None, subject="Billeder", body="",
                                          recipient_keys=[], sensitive=False, now=NOW)
    photo = await attachments.do_upload(teacher, filename="tur.png", data=png_bytes(), now=NOW, draft_id=draft_id)
    assert (await drafts.load_draft(teacher, draft_id)).attachments == [photo]
    guardian = await actor_for(world.guardian, Role.PARENT)
    with pytest.raises(NotFound):  # nobody hangs files on another person's draft
        await attachments.do_upload(guardian, filename="x.png", data=png_bytes(), now=NOW, draft_id=draft_id)
    await drafts.do_delete_draft(teacher, draft_id, now=NOW)
    assert await Draft.all().count() == 0 and await Attachment.all().count() == 0
    assert stored_files(files) == []
