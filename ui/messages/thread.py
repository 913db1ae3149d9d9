"""An open thread: messages oldest first, sensitive gating with step-up, reply, and live updates."""

from __future__ import annotations

from urllib.parse import quote

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor
from domain.messages import inbox, service
from domain.messages.model import MessageView, ThreadView, thread_topic
from ui.components import refuse
from ui.frame import refusal
from ui.i18n import fmt_datetime, t
from ui.linked_text import linked_text
from ui.live import follow
from ui.messages.actions import thread_actions
from ui.messages.format import size_text
from ui.messages.undo import remember, take_pending, undo_notice


def step_up_url(thread_id: int) -> str:
    """Where a lower session goes to log in again at assurance level 3 and come back to the thread."""
    return f"/auth/login?acr=3&next={quote(f'/beskeder/{thread_id}', safe='')}"


def message_card(message: MessageView, thread_id: int) -> None:
    """One message: who, when, for whom, the text as plain text, and its files as download links."""
    with ui.card().classes("w-full q-pa-sm").props(f"flat bordered data-message={message.message_id}"):
        with ui.row().classes("w-full items-baseline justify-between gap-x-2 gap-y-0"):
            with ui.row().classes("items-baseline gap-x-2 gap-y-0 min-w-0"):
                ui.label(message.sender_name).classes("text-weight-medium")
                if message.on_behalf_of:
                    ui.label(t("msg.thread.on_behalf", name=message.sender_name,
                               inbox=message.on_behalf_of)).classes("text-caption text-grey-8")
                if message.auto_reply:
                    ui.badge(t("msg.thread.auto_reply"), color="grey-6").props("outline")
            ui.label(fmt_datetime(message.created_at)).classes("text-caption text-grey-8")
        if message.hidden:
            with ui.row().classes("items-center gap-2").mark(f"hidden-{message.message_id}"):
                ui.icon("lock", color="warning")
                ui.label(t("msg.thread.hidden"))
                ui.button(t("msg.thread.step_up"), icon="verified_user",
                          on_click=lambda: ui.navigate.to(step_up_url(thread_id))).props(
                    f"no-caps data-href={step_up_url(thread_id)}").mark("step-up")
            return
        if message.sensitive:
            ui.icon("lock", size="xs", color="grey-7").tooltip(t("msg.sensitive"))
        # User text is text with preserved line breaks, never HTML or markdown; only http(s) addresses are links.
        linked_text(message.body).classes("w-full").style("white-space: pre-wrap; overflow-wrap: anywhere").mark(
            f"body-{message.message_id}")
        for file in message.attachments:
            with ui.row().classes("items-center gap-1 no-wrap min-w-0"):
                ui.icon("attach_file", size="xs")
                ui.link(file.filename, f"/beskeder/fil/{file.attachment_id}").classes("ellipsis").props(
                    "download").mark(f"file-{file.attachment_id}")
                ui.label(size_text(file.size)).classes("text-caption text-grey-8")


class ThreadPage:
    """One client's view of one thread."""

    def __init__(self, actor: Actor, view: ThreadView) -> None:
        self.actor = actor
        self.view = view
        self.reply_all = False
        self.gone = False

    async def reload(self, _: Event | None = None) -> None:
        """Open the thread again: a new message appears, a retracted one disappears."""
        try:
            self.view = await inbox.open_thread(self.actor, self.view.thread_id, now=utcnow())
        except DomainError:
            self.gone = True
        self.messages.refresh()

    @ui.refreshable_method
    def messages(self) -> None:
        """The messages, oldest first."""
        if self.gone:
            refusal("error.not_found")
            return
        with ui.column().classes("w-full gap-2").mark("messages"):
            for message in self.view.messages:
                message_card(message, self.view.thread_id)

    def _last_sender(self) -> str | None:
        """Whom a plain reply reaches: the latest other sender (None when only the reader has written)."""
        others = [m for m in self.view.messages if m.sender_id != self.actor.person_id]
        return others[-1].sender_name if others else None

    @ui.refreshable_method
    def reply_box(self) -> None:
        """Reply to the sender by default; reply-all only when chosen."""
        if not self.view.answerable:
            ui.label(t("msg.thread.no_reply")).classes("text-body2 text-grey-8").mark("no-reply")
            return
        sender = self._last_sender()
        target = t("msg.thread.reply_to", name=sender) if sender and not self.reply_all else t(
            "msg.thread.reply_to_all")
        with ui.card().classes("w-full").props("flat bordered").mark("reply-box"):
            ui.label(target).classes("text-caption text-grey-8").mark("reply-target")
            body = ui.textarea(t("msg.compose.body")).props("outlined autogrow").classes("w-full").mark(
                "reply-body")
            sensitive = ui.checkbox(t("msg.compose.sensitive")).props("dense").mark("reply-sensitive")
            with ui.row().classes("gap-2"):
                ui.button(t("msg.thread.reply"), icon="reply",
                          on_click=lambda: self.send(str(body.value or ""), bool(sensitive.value))).props(
                    "no-caps").mark("send-reply")
                other = t("msg.thread.reply") if self.reply_all else t("msg.thread.reply_all")
                ui.button(other, icon="reply_all", on_click=self.toggle_all).props("flat no-caps").mark(
                    "toggle-reply-all")

    def toggle_all(self) -> None:
        """Switch between replying to the sender and to everyone."""
        self.reply_all = not self.reply_all
        self.reply_box.refresh()

    async def send(self, body: str, sensitive: bool = False) -> None:
        """Send the reply; refusals change nothing."""
        try:
            result = await service.do_reply(self.actor, self.view.thread_id, body=body, reply_all=self.reply_all,
                                            sensitive=sensitive, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        if result.thread_id != self.view.thread_id:  # a reply to one of many starts its own thread
            remember(result)
            ui.navigate.to(f"/beskeder/{result.thread_id}")
            return
        self.reply_all = False
        self.reply_box.refresh()
        self.notices.clear()
        with self.notices:
            undo_notice(self.actor, result, after_undo=f"/beskeder/{self.view.thread_id}")

    def build(self) -> None:
        """Participants, messages, actions and the reply box; follows the thread live."""
        view = self.view
        with ui.row().classes("w-full items-center justify-between gap-2"):
            ui.button(t("msg.thread.back"), icon="arrow_back", on_click=lambda: ui.navigate.to("/beskeder")).props(
                "flat no-caps dense")
            thread_actions(self.actor, view)
        with ui.row().classes("items-center gap-1"):
            if view.needs_step_up:
                ui.icon("lock", color="warning")
            names = ", ".join(view.participants)
            if view.participant_total > len(view.participants):
                names += " " + t("msg.thread.and_more", n=view.participant_total - len(view.participants))
            ui.label(f"{t('msg.thread.participants')}: {names}").classes("text-caption text-grey-8").mark(
                "participants")
        self.notices = ui.column().classes("w-full")
        pending = take_pending(view.thread_id)
        if pending is not None:
            with self.notices:
                undo_notice(self.actor, pending)
        self.messages()
        self.reply_box()
        follow(thread_topic(view.thread_id), self.reload)
