"""Folders of threads, each owned by one member of staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.messages.model import InboxChanged
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.messages import Folder, Participant

NAME_MAX = 60
# InboxChanged with this thread id tells the owner's devices that the folder list changed.
FOLDERS_CHANGED = 0


@dataclass(frozen=True)
class FolderView:
    """A folder in the owner's list, with how many of their threads it holds."""

    id: int
    name: str
    thread_count: int


async def check_folders(actor: Actor, action: str) -> None:
    """Only staff and leaders keep folders; a refusal is audited."""
    await audit.check(access.can_use_message_folders(actor), actor, action)


def checked_name(name: str) -> str:
    """The folder name without surrounding space, 1 to 60 characters, or a DomainError."""
    clean = " ".join(name.split())
    if not 1 <= len(clean) <= NAME_MAX:
        raise DomainError("messages.folder_name", max=NAME_MAX)
    return clean


async def own_folder(actor: Actor, folder_id: int) -> Folder:
    """One of the actor's own folders, or NotFound."""
    folder = await Folder.get_or_none(id=folder_id, owner_id=actor.person_id)
    if folder is None:
        raise NotFound("messages.folder_missing")
    return folder


async def list_folders(actor: Actor) -> list[FolderView]:
    """The actor's folders by name, each with its count of threads still in view (one query)."""
    await check_folders(actor, "messages.list_folders")
    in_view = Q(seats__left_at__isnull=True) & Q(seats__deleted_at__isnull=True)
    rows = await Folder.filter(owner_id=actor.person_id).annotate(
        n=Count("seats", _filter=in_view)).order_by("name", "id").values_list("id", "name", "n")
    return [FolderView(int(i), str(name), int(n or 0)) for i, name, n in rows]


async def _name_free(actor: Actor, name: str, except_id: int | None = None) -> None:
    clash = Folder.filter(owner_id=actor.person_id, name__iexact=name)
    if except_id is not None:
        clash = clash.exclude(id=except_id)
    if await clash.exists():
        raise DomainError("messages.folder_exists", name=name)


async def do_create_folder(actor: Actor, *, name: str, now: datetime) -> int:
    """A new folder with a name the actor does not already use (letter case ignored)."""
    check_typed_text(name)
    await check_folders(actor, "messages.create_folder")
    clean = checked_name(name)
    await _name_free(actor, clean)
    async with committing(transaction) as outbox:
        try:
            folder = await Folder.create(owner_id=actor.person_id, name=clean)
        except IntegrityError as clash:
            # Two devices created the same name at once; the unique (owner, name) lets one win.
            raise DomainError("messages.folder_exists", name=clean) from clash
        outbox.add(InboxChanged(actor.person_id, FOLDERS_CHANGED))
    return int(folder.id)


async def do_rename_folder(actor: Actor, folder_id: int, *, name: str, now: datetime) -> None:
    """Give one of the actor's folders a new, unused name."""
    check_typed_text(name)
    await check_folders(actor, "messages.rename_folder")
    folder = await own_folder(actor, folder_id)
    clean = checked_name(name)
    await _name_free(actor, clean, except_id=folder.id)
    async with committing(transaction) as outbox:
        try:
            await Folder.filter(id=folder.id).update(name=clean)
        except IntegrityError as clash:
            raise DomainError("messages.folder_exists", name=clean) from clash
        outbox.add(InboxChanged(actor.person_id, FOLDERS_CHANGED))


async def do_delete_folder(actor: Actor, folder_id: int, *, now: datetime) -> None:
    """Delete one of the actor's folders; its threads go back to the inbox."""
    await check_folders(actor, "messages.delete_folder")
    folder = await own_folder(actor, folder_id)
    async with committing(transaction) as outbox:
        await Participant.filter(folder_id=folder.id).update(folder_id=None)
        await Folder.filter(id=folder.id).delete()
        outbox.add(InboxChanged(actor.person_id, FOLDERS_CHANGED))
