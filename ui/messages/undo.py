"""The "Sendt til N — Fortryd" notice that stays for the undo window, shown after a send or a reply."""

from __future__ import annotations

from datetime import datetime

from nicegui import app, ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.messages import service
from domain.messages.model import SendResult
from ui.components import refuse
from ui.i18n import t, tn

PENDING_KEY = "msg_sent"


def remember(result: SendResult) -> None:
    """Keep a fresh send in the browser session so the page the sender lands on can offer undo."""
    app.storage.user[PENDING_KEY] = {"message_id": result.message_id, "thread_id": result.thread_id,
                                     "count": result.recipient_count, "forced": result.forced_sensitive,
                                     "until": result.undo_until.isoformat()}


def take_pending(thread_id: int) -> SendResult | None:
    """The send remembered for this thread, once (later visits do not offer undo again)."""
    data = app.storage.user.pop(PENDING_KEY, None)
    if not isinstance(data, dict) or data.get("thread_id") != thread_id:
        return None
    return SendResult(thread_id=thread_id, message_id=int(data["message_id"]), recipient_count=int(data["count"]),
                      forced_sensitive=bool(data["forced"]), undo_until=datetime.fromisoformat(data["until"]))


def undo_notice(actor: Actor, result: SendResult, after_undo: str = "/beskeder") -> None:
    """A card saying how many received it, why it became sensitive, and a Fortryd button until the window closes."""
    remaining = (result.undo_until - utcnow()).total_seconds()
    with ui.card().classes("w-full bg-green-1").props("flat bordered").mark("sent-notice") as card:
        ui.label(tn("msg.compose.sent", result.recipient_count)).classes("text-weight-medium")
        if result.forced_sensitive:
            with ui.row().classes("items-center no-wrap gap-2"):
                ui.icon("lock", color="warning")
                ui.label(t("msg.compose.forced_sensitive")).mark("forced-sensitive")
        undo = ui.button(t("msg.compose.undo"), icon="undo").props("outline no-caps").mark("undo-send")

    async def take_back() -> None:
        try:
            await service.do_undo_send(actor, result.message_id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("msg.compose.undone"), type="info")
        ui.navigate.to(after_undo)

    undo.on_click(take_back)
    if remaining <= 0:
        undo.delete()
    else:
        ui.timer(remaining, lambda: None if undo.is_deleted else undo.delete(), once=True)
    if not result.forced_sensitive:
        ui.timer(max(remaining, 0) + 5, lambda: None if card.is_deleted else card.delete(), once=True)
