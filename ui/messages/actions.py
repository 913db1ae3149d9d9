"""What a reader can do with an open thread: forward, mark unread, mute, move, leave, delete for me."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.messages import folders, threads
from domain.messages.model import ThreadView
from ui.components import attempt, confirm, icon_button, named_dialog, refuse, section_heading
from ui.i18n import t

STAFF_ROLES = (Role.STAFF, Role.LEADER)


async def _move(actor: Actor, view: ThreadView) -> None:
    try:
        boxes = await folders.list_folders(actor)
    except DomainError as error:
        refuse(error)
        return
    options: dict[int, str] = {0: t("msg.thread.move_inbox"), **{f.id: f.name for f in boxes}}
    with named_dialog(t("msg.thread.move")) as dialog, ui.card().classes("w-80 max-w-full"):
        section_heading(t("msg.thread.move"))
        choice = ui.select(options, value=view.folder_id or 0).props("outlined dense").classes("w-full").mark(
            "move-folder")
        with ui.row():
            ui.button(t("common.cancel"), on_click=lambda: dialog.submit(None)).props("flat no-caps")
            ui.button(t("msg.thread.move"), on_click=lambda: dialog.submit(choice.value)).props("no-caps").mark(
                "confirm-move")
    picked = await dialog
    if picked is None:
        return
    await attempt(threads.do_move_to_folder(actor, view.thread_id, folder_id=int(picked) or None, now=utcnow()),
                  t("msg.thread.moved"))


def thread_actions(actor: Actor, view: ThreadView) -> None:
    """A menu of the thread's actions; the destructive ones ask first."""
    tid = view.thread_id

    async def leave() -> None:
        if await confirm(t("msg.thread.leave_confirm"), t("msg.thread.leave"), "confirm-leave"):
            await attempt(threads.do_leave(actor, tid, now=utcnow()), t("msg.thread.left"), "/beskeder")

    async def delete() -> None:
        if await confirm(t("msg.thread.delete_confirm"), t("msg.thread.delete"), "confirm-delete"):
            await attempt(threads.do_delete_for_me(actor, tid, now=utcnow()), t("msg.thread.deleted"), "/beskeder")

    async def mute() -> None:
        key = "msg.thread.unmuted_done" if view.muted else "msg.thread.muted_done"
        await attempt(threads.do_mute(actor, tid, muted=not view.muted, now=utcnow()), t(key), f"/beskeder/{tid}")

    with ui.row().classes("gap-1 items-center"):
        icon_button("forward", t("msg.thread.forward"), lambda: ui.navigate.to(f"/beskeder/ny?videresend={tid}"),
                    props="flat round").mark("forward")
        with icon_button("more_vert", t("msg.thread.more"), props="flat round").mark("thread-menu"):
            with ui.menu():
                ui.menu_item(t("msg.thread.forward"), on_click=lambda: ui.navigate.to(
                    f"/beskeder/ny?videresend={tid}"))
                ui.menu_item(t("msg.thread.mark_unread"), on_click=lambda: attempt(
                    threads.do_mark_unread(actor, tid, now=utcnow()), t("msg.thread.marked_unread"),
                    "/beskeder")).mark("mark-unread")
                ui.menu_item(t("msg.thread.unmute" if view.muted else "msg.thread.mute"), on_click=mute).mark(
                    "mute")
                if actor.role in STAFF_ROLES:
                    ui.menu_item(t("msg.thread.move"), on_click=lambda: _move(actor, view)).mark("move")
                ui.separator()
                ui.menu_item(t("msg.thread.leave"), on_click=leave).mark("leave")
                ui.menu_item(t("msg.thread.delete"), on_click=delete).mark("delete-for-me")
