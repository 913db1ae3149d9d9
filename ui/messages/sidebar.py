"""Beside the inbox: shared inboxes and folders with their counts (staff), drafts, and the auto-reply link."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from domain.messages import drafts, folders, shared
from domain.messages.model import shared_inbox_topic
from ui.components import icon_button, named_dialog, refuse, section_heading
from ui.i18n import t
from ui.live import follow
from ui.messages.format import when

STAFF_ROLES = (Role.STAFF, Role.LEADER)


def _box_link(label: str, target: str, count: int, active: bool, marker: str, icon: str,
              colour: str = "primary") -> None:
    with ui.item(on_click=lambda: ui.navigate.to(target)).props(
            f"dense clickable {'active' if active else ''}").mark(marker):
        with ui.item_section().props("avatar"):
            ui.icon(icon)
        with ui.item_section():
            ui.item_label(label).classes("ellipsis")
        if count:
            with ui.item_section().props("side"):
                ui.badge(str(count), color=colour).props(f"rounded data-count={count}")


async def _new_folder(actor: Actor) -> None:
    chosen = await _ask_name(t("msg.folder_new"), "", t("msg.folder_new"))
    if chosen is None:
        return
    try:
        folder_id = await folders.do_create_folder(actor, name=str(chosen), now=utcnow())
    except DomainError as error:
        refuse(error)
        return
    ui.notify(t("msg.folder_created"), type="positive")
    ui.navigate.to(f"/beskeder?mappe={folder_id}")


async def _ask_name(title: str, value: str, action: str) -> str | None:
    with named_dialog(title) as dialog, ui.card().classes("w-80 max-w-full"):
        section_heading(title)
        name = ui.input(t("msg.folder_name"), value=value).props("outlined dense autofocus").classes("w-full").mark(
            "folder-name")
        with ui.row():
            ui.button(t("common.cancel"), on_click=lambda: dialog.submit(None)).props("flat no-caps")
            ui.button(action, on_click=lambda: dialog.submit(name.value)).props("no-caps").mark("save-folder")
    chosen = await dialog
    return None if chosen is None else str(chosen)


def folder_tools(actor: Actor, folder_id: int, name: str) -> None:
    """Rename or delete the folder being shown (its threads go back to the inbox)."""

    async def rename() -> None:
        new = await _ask_name(t("msg.folder_rename"), name, t("common.save"))
        if new is None:
            return
        try:
            await folders.do_rename_folder(actor, folder_id, name=new, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.navigate.to(f"/beskeder?mappe={folder_id}")

    async def delete() -> None:
        from ui.components import confirm

        if not await confirm(t("msg.folder_confirm_delete", name=name), t("msg.folder_delete"), "confirm-folder"):
            return
        try:
            await folders.do_delete_folder(actor, folder_id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.navigate.to("/beskeder")

    with ui.row().classes("gap-1"):
        icon_button("edit", t("msg.folder_rename"), rename).mark("rename-folder")
        icon_button("folder_delete", t("msg.folder_delete"), delete, props="flat round dense color=negative").mark(
            "delete-folder")


async def _staff_boxes(actor: Actor, folder_id: int | None, inbox_id: int | None) -> None:
    """Shared inboxes (live counts) and folders."""
    boxes = await shared.my_shared_inboxes(actor)

    @ui.refreshable
    def shared_list() -> None:
        if not boxes:
            return
        ui.item_label(t("msg.shared_inboxes")).props("header").classes("text-weight-medium")
        for box_id, name, unread in boxes:
            _box_link(name, f"/beskeder?postkasse={box_id}", unread, box_id == inbox_id, f"shared-{box_id}", "inbox")

    async def again(_: Event) -> None:
        nonlocal boxes
        boxes = await shared.my_shared_inboxes(actor)
        shared_list.refresh()

    with ui.list().classes("w-full").mark("shared-inboxes"):
        shared_list()
    for box_id, _, _ in boxes:
        follow(shared_inbox_topic(box_id), again)
    with ui.list().classes("w-full").mark("folders"):
        ui.item_label(t("msg.folders")).props("header").classes("text-weight-medium")
        for folder in await folders.list_folders(actor):
            _box_link(folder.name, f"/beskeder?mappe={folder.id}", folder.thread_count, folder.id == folder_id,
                      f"folder-{folder.id}", "folder", colour="grey-6")
        with ui.item(on_click=lambda: _new_folder(actor)).props("dense clickable").mark("new-folder"):
            with ui.item_section().props("avatar"):
                ui.icon("create_new_folder")
            with ui.item_section():
                ui.item_label(t("msg.folder_new"))
    ui.button(t("msg.autoreply"), icon="event_busy", on_click=lambda: ui.navigate.to("/beskeder/autosvar")).props(
        "flat no-caps align=left").classes("w-full").mark("autoreply-link")


async def sidebar(actor: Actor, folder_id: int | None, inbox_id: int | None) -> None:
    """The boxes and drafts beside the inbox list."""
    try:
        if actor.role in STAFF_ROLES:
            with ui.list().classes("w-full"):
                _box_link(t("msg.inbox"), "/beskeder", 0, not folder_id and not inbox_id, "own-inbox", "inbox")
            await _staff_boxes(actor, folder_id, inbox_id)
        mine = await drafts.list_drafts(actor)
    except DomainError as error:
        refuse(error)
        return
    if not mine:
        return
    with ui.list().classes("w-full").mark("drafts"):
        ui.item_label(t("msg.drafts")).props("header").classes("text-weight-medium")
        for draft in mine:
            with ui.item(on_click=lambda d=draft.id: ui.navigate.to(f"/beskeder/ny?kladde={d}")).props(
                    "dense clickable").mark(f"draft-{draft.id}"):
                with ui.item_section():
                    ui.item_label(draft.subject or t("msg.draft_untitled")).classes("ellipsis")
                    ui.item_label(when(draft.updated_at)).props("caption")
