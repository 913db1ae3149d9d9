"""Writing a message: recipients, subject, body, sensitive flag, attachments, drafts saved as you type, send."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from nicegui import background_tasks, ui
from nicegui.events import UploadEventArguments

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.messages import attachments, drafts, service
from domain.messages.model import BODY_MAX, SUBJECT_MAX, AttachmentView, RecipientChoice
from ui.accessibility.parts import name_upload
from ui.components import icon_button, refuse
from ui.i18n import t
from ui.messages.format import size_text
from ui.messages.recipients import RecipientPicker
from ui.messages.undo import remember

SAVE_DELAY = 1.0


class Compose:
    """One client's message being written, kept as a draft while typing."""

    def __init__(self, actor: Actor, draft: drafts.DraftView | None = None, chosen: Sequence[RecipientChoice] = (),
                 subject: str = "", body: str = "", forward_thread: int | None = None) -> None:
        self.actor = actor
        self.draft_id = draft.id if draft else None
        self.files: list[AttachmentView] = list(draft.attachments) if draft else []
        self.subject = draft.subject if draft else subject
        self.body = draft.body if draft else body
        self.sensitive = draft.sensitive if draft else False
        self.forward_thread = forward_thread
        self.picker = RecipientPicker(actor, list(chosen), self.changed)
        self.generation = 0
        self.lock = asyncio.Lock()
        self.sent = False

    def _values(self) -> tuple[str, str, bool]:
        return str(self.subject_field.value or ""), str(self.body_field.value or ""), bool(self.sensitive_box.value)

    def changed(self) -> None:
        """Something was typed or chosen: save the draft once typing pauses for a second."""
        if self.forward_thread is not None:  # a forward quotes its thread when sent; there is no draft of it
            return
        self.generation += 1
        background_tasks.create(self._save_later(self.generation), name="save draft")

    async def _save_later(self, generation: int) -> None:
        await asyncio.sleep(SAVE_DELAY)
        if generation == self.generation and not self.sent:
            await self.save_now(quiet=True)

    async def save_now(self, quiet: bool = False) -> bool:
        """Store the draft; one save at a time so a new draft is created only once."""
        subject, body, sensitive = self._values()
        if self.draft_id is None and not (subject.strip() or body.strip() or self.picker.chosen):
            return True
        async with self.lock:
            if self.sent:
                return False
            try:
                self.draft_id = await drafts.do_save_draft(
                    self.actor, draft_id=self.draft_id, thread_id=None, subject=subject, body=body,
                    recipient_keys=self.picker.keys, sensitive=sensitive, now=utcnow())
            except DomainError as error:
                if not quiet:
                    refuse(error)
                self.status.set_text("")
                return False
        self.status.set_text(t("msg.draft_saved"))
        return True

    async def upload(self, event: UploadEventArguments) -> None:
        """Check and store a file for this message; refusals are told in Danish and store nothing."""
        if self.draft_id is None:
            await self.save_now()
        try:
            view = await attachments.do_upload(self.actor, filename=event.file.name, data=await event.file.read(),
                                               now=utcnow(), draft_id=self.draft_id)
        except DomainError as error:
            refuse(error)
            return
        finally:
            event.sender.reset()  # type: ignore[attr-defined]
        self.files.append(view)
        self.file_list.refresh()
        ui.notify(t("msg.attach.uploaded", name=view.filename), type="positive")

    async def discard(self, file: AttachmentView) -> None:
        """Remove an unsent file."""
        try:
            await attachments.do_discard_upload(self.actor, file.attachment_id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.files = [f for f in self.files if f.attachment_id != file.attachment_id]
        self.file_list.refresh()

    @ui.refreshable_method
    def file_list(self) -> None:
        """The files attached so far, with name and size."""
        for file in self.files:
            with ui.row().classes("items-center no-wrap gap-2 w-full min-w-0").mark(f"upload-{file.attachment_id}"):
                ui.icon("picture_as_pdf" if file.content_type == "application/pdf" else "image")
                ui.label(file.filename).classes("ellipsis min-w-0")
                ui.label(size_text(file.size)).classes("text-caption text-grey-8 shrink-0")
                icon_button("close", t("msg.attach.remove_named", name=file.filename), lambda f=file: self.discard(f))

    async def send(self) -> None:
        """Send to the chosen recipients; a refusal changes nothing, success goes to the thread with undo."""
        subject, body, sensitive = self._values()
        async with self.lock:
            try:
                if self.forward_thread is not None:
                    result = await service.do_forward(self.actor, self.forward_thread,
                                                      recipient_keys=self.picker.keys, note=body, now=utcnow())
                else:
                    result = await service.do_send(
                        self.actor, recipient_keys=self.picker.keys, subject=subject, body=body,
                        sensitive=sensitive, attachment_ids=[f.attachment_id for f in self.files],
                        draft_id=self.draft_id, now=utcnow())
            except DomainError as error:
                refuse(error)
                return
            self.sent = True
        remember(result)
        ui.navigate.to(f"/beskeder/{result.thread_id}")

    async def delete_draft(self) -> None:
        """Throw the draft away, with its unsent files."""
        if self.draft_id is None:
            self.sent = True
            ui.navigate.to("/beskeder")
            return
        if self.draft_id is not None:
            async with self.lock:
                try:
                    await drafts.do_delete_draft(self.actor, self.draft_id, now=utcnow())
                except DomainError as error:
                    refuse(error)
                    return
                self.sent = True  # no later save may bring it back
        ui.notify(t("msg.draft_deleted"), type="positive")
        ui.navigate.to("/beskeder")

    async def build(self) -> None:
        """The form."""
        with ui.card().classes("w-full").props("flat bordered").mark("compose"):
            await self.picker.build()
            forward = self.forward_thread is not None
            self.subject_field = ui.input(t("msg.compose.subject"), value=self.subject).props(
                f"outlined dense maxlength={SUBJECT_MAX}" + (" readonly" if forward else "")).classes(
                "w-full").mark("subject")
            self.body_field = ui.textarea(t("msg.compose.note" if forward else "msg.compose.body"),
                                          value=self.body).props(
                f"outlined autogrow maxlength={BODY_MAX}").classes("w-full").mark("body")
            self.sensitive_box = ui.checkbox(t("msg.compose.sensitive"), value=self.sensitive).mark("sensitive")
            self.sensitive_box.set_visibility(not forward)
            for element in (self.subject_field, self.body_field, self.sensitive_box):
                element.on_value_change(self.changed)
            if forward:
                ui.label(t("msg.compose.forward_hint")).classes("text-caption text-grey-8")
            self.file_list()
            upload = ui.upload(label=t("msg.compose.attach"), auto_upload=True, on_upload=self.upload,
                      max_file_size=attachments.MAX_BYTES,
                      on_rejected=lambda: ui.notify(t("messages.attachment_too_big", limit=attachments.LIMIT_TEXT),
                                                    type="negative")).props(
                'accept=".pdf,.jpg,.jpeg,.png,.gif,.webp" flat bordered').classes("w-full").mark("upload")
            name_upload(upload, t("msg.compose.attach"))
            upload.set_visibility(not forward)
            with ui.row().classes("w-full items-center justify-between"):
                # A polite status: "Kladde gemt" is heard without leaving the field being typed in.
                self.status = ui.label("").classes("text-caption text-grey-7").props(
                    "role=status aria-live=polite").mark("draft-status")
                with ui.row().classes("gap-2"):
                    if not forward:
                        ui.button(t("msg.draft_delete"), icon="delete", on_click=self.delete_draft).props(
                            "flat no-caps color=negative").mark("delete-draft")
                    ui.button(t("msg.compose.send"), icon="send", on_click=self.send).props("no-caps").mark("send")
