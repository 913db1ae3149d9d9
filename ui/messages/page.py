"""Beskeder: the inbox, composing, threads, the staff auto-reply, and attachment downloads."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from nicegui import app, ui

from domain.clock import utcnow
from domain.errors import DomainError, NotFound
from domain.identity.model import Actor, Role
from domain.messages import drafts, folders, inbox, shared
from domain.messages.describe import describe_recipients
from ui.error_pages import Id
from ui.frame import frame, refusal
from ui.guard import page
from ui.i18n import t
from ui.messages.autoreply import autoreply_form
from ui.messages.compose import Compose
from ui.messages.files import download
from ui.messages.forward import forward_compose
from ui.messages.inbox import InboxList
from ui.messages.sidebar import folder_tools, sidebar
from ui.messages.thread import ThreadPage

# The municipal admin writes to staff and to the roles in cross groups (a shutdown across school, BFO and club).
MESSAGE_ROLES = frozenset({Role.PARENT, Role.STAFF, Role.LEADER, Role.PPR, Role.CHILD, Role.ADMIN})
STAFF_ROLES = frozenset({Role.STAFF, Role.LEADER})


def _refused(actor: Actor, error: DomainError) -> None:
    with frame(actor, t("error.title")):
        refusal(error.key)


async def _box_name(actor: Actor, folder_id: int | None, inbox_id: int | None) -> str:
    """The heading of the box shown: the inbox, a folder or a shared inbox (refusals raise DomainError)."""
    if folder_id:
        return next((f.name for f in await folders.list_folders(actor) if f.id == folder_id), "")
    if inbox_id:
        return next((name for i, name, _ in await shared.my_shared_inboxes(actor) if i == inbox_id), "")
    return t("msg.inbox")


async def _inbox_page(actor: Actor, folder_id: int | None, inbox_id: int | None) -> None:
    try:
        name = await _box_name(actor, folder_id, inbox_id)
    except DomainError as error:
        _refused(actor, error)
        return
    if not name:
        _refused(actor, NotFound("messages.folder_missing" if folder_id else "messages.inbox_not_found"))
        return
    with frame(actor, t("msg.title")):
        with ui.row().classes("w-full items-center justify-between gap-2"):
            with ui.row().classes("items-center gap-1 min-w-0"):
                ui.label(name).classes("text-subtitle1 text-grey-8 ellipsis").mark("box-name")
                if folder_id:
                    folder_tools(actor, folder_id, name)
            ui.button(t("msg.new"), icon="edit", on_click=lambda: ui.navigate.to("/beskeder/ny")).props(
                "no-caps").mark("new-message")
        with ui.element("div").classes("w-full flex flex-col md:flex-row md:flex-nowrap gap-4"):
            with ui.column().classes("w-full md:w-64 shrink-0 gap-2 order-last md:order-first"):
                await sidebar(actor, folder_id, inbox_id)
            with ui.column().classes("col min-w-0 w-full gap-2"):
                await InboxList(actor, folder_id=folder_id, inbox_id=inbox_id).build()


async def _compose_page(actor: Actor, draft_id: int | None, forward_id: int | None, to: str = "") -> None:
    try:
        draft = await drafts.load_draft(actor, draft_id) if draft_id else None
        if forward_id is not None:
            compose = await forward_compose(actor, forward_id)
        else:
            # A key out of reach (or made up) in ?til= is left out, as for a draft's keys.
            keys = draft.recipient_keys if draft else [to[:60]] if to else []
            chips = await describe_recipients(actor, keys) if keys else []
            compose = Compose(actor, draft, chips)
    except DomainError as error:
        _refused(actor, error)
        return
    title = t("msg.compose.forward_title") if forward_id else t("msg.compose.title")
    with frame(actor, title):
        await compose.build()


async def _thread_page(actor: Actor, thread_id: int) -> None:
    try:
        view = await inbox.open_thread(actor, thread_id, now=utcnow())
    except DomainError as error:
        _refused(actor, error)
        return
    with frame(actor, view.subject):
        ThreadPage(actor, view).build()


def register() -> None:
    """Add /beskeder/fil/{attachment_id}: downloads check access every time."""

    @app.get("/beskeder/fil/{attachment_id}")
    async def file_route(request: Request, attachment_id: Id) -> Response:
        return await download(request, attachment_id)


@page("/beskeder", *MESSAGE_ROLES)
async def inbox_route(actor: Actor, mappe: int | None = None, postkasse: int | None = None) -> None:
    """The inbox, a folder of one's own (mappe) or an institution's fællespostkasse (postkasse)."""
    await _inbox_page(actor, mappe, postkasse)


@page("/beskeder/ny", *MESSAGE_ROLES)
async def compose_route(actor: Actor, kladde: int | None = None, videresend: int | None = None, til: str = "") -> None:
    """A new message, from a draft (kladde), forwarding a message (videresend) or to a recipient key (til)."""
    await _compose_page(actor, kladde, videresend, til)


@page("/beskeder/autosvar", *STAFF_ROLES)
async def autoreply_route(actor: Actor) -> None:
    """Staff's automatic reply while away."""
    with frame(actor, t("msg.auto.title")):
        await autoreply_form(actor)


@page("/beskeder/{thread_id}", *MESSAGE_ROLES)
async def thread_route(actor: Actor, thread_id: int) -> None:
    """One thread."""
    await _thread_page(actor, thread_id)
