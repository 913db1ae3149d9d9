"""The 'Send påmindelse' dialog: channel, an editable Danish text, who gets it and who is skipped, then one click."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.rollout import reminders
from domain.rollout.missing import LoginList
from domain.rollout.reminders import Channel, ReminderPlan
from ui.announce import announce
from ui.components import named_dialog, section_heading
from ui.i18n import error_text, t, tn


def skipped_lines(plan: ReminderPlan) -> list[str]:
    """Each skipped person named with the reason."""
    return [t(f"remind.skip.{why.value}", name=name) for name, why in plan.skipped]


def done_text(result: reminders.ReminderResult) -> str:
    """What the sender is told once it went."""
    key = "remind.done_email" if result.channel is Channel.EMAIL else "remind.done"
    text = tn(key, result.sent)
    return f"{text} {t('remind.done_skipped', n=len(result.skipped))}" if result.skipped else text


class ReminderDialog:
    """One reminder from one list; after sending it calls `sent` so the page shows who was reminded today."""

    def __init__(self, actor: Actor, login_list: LoginList, chosen: Sequence[int] | None,
                 sent: Callable[[], Awaitable[None]]) -> None:
        self.actor, self.list, self.chosen, self.sent = actor, login_list, list(chosen) if chosen else None, sent
        self.plan: ReminderPlan | None = None

    def first_channel(self) -> Channel:
        """The project team writes to guardians only by e-mail, so its dialog starts there."""
        return Channel.EMAIL if self.actor.role in (Role.PROJECT_TEAM, Role.ADMIN) else Channel.MESSAGE

    async def open(self) -> None:
        """Build and show the dialog, with the count for a message (the default channel)."""
        with named_dialog(t("remind.title")) as self.dialog, ui.card().classes("q-pa-md w-full max-w-xl gap-2"):
            section_heading(t("remind.title"))
            self.channel = ui.radio({Channel.MESSAGE.value: t("remind.channel.message"),
                                     Channel.EMAIL.value: t("remind.channel.email")}, value=self.first_channel().value,
                                    on_change=self.refresh).props('inline aria-label="' + t("remind.channel") + '"')
            self.channel.mark("remind-channel")
            ui.label(t("remind.message_hint")).classes("text-caption text-grey-8")
            self.subject = ui.input(t("remind.subject"), value=reminders.DEFAULT_SUBJECT).classes("w-full").mark(
                "remind-subject")
            self.text = ui.textarea(t("remind.text"), value=reminders.default_text(self.list, self.actor)).props(
                "outlined autogrow").classes("w-full").mark("remind-text")
            ui.label(t("remind.text_hint")).classes("text-caption text-grey-8")
            self.count = ui.label("").classes("text-body1 text-weight-medium").props("role=status").mark(
                "remind-count")
            self.skipped = ui.column().classes("gap-0 text-body2").mark("remind-skipped")
            self.error = ui.label("").classes("text-negative").props("role=alert").mark("remind-error")
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("common.cancel"), on_click=self.dialog.close).props("flat no-caps")
                self.send = ui.button("", icon="send", on_click=self.do_send).props("no-caps").mark("remind-send")
        self.dialog.on("hide", self.dialog.delete)
        await self.refresh()
        self.dialog.open()

    async def refresh(self) -> None:
        """Ask the domain who this channel reaches and show it before anything is sent."""
        self.error.set_text("")
        try:
            self.plan = await reminders.check_reminder(self.actor, self.list.institution_id, self.list.group_id,
                                                       self.chosen, Channel(self.channel.value))
        except DomainError as error:
            self.plan = None
            self.error.set_text(error_text(error))
        n = self.plan.count if self.plan else 0
        self.count.set_text(tn("remind.count", n))
        self.send.set_text(tn("remind.send", n))
        self.send.set_enabled(n > 0)
        self.skipped.clear()
        if self.plan and self.plan.skipped:
            with self.skipped:
                ui.label(t("remind.skipped", n=len(self.plan.skipped)))
                with ui.element("ul").classes("q-my-none q-pl-md"):
                    for line in skipped_lines(self.plan):
                        with ui.element("li"):
                            ui.label(line).classes("text-grey-9")

    async def do_send(self) -> None:
        """Send once; a refusal is shown in the dialog and nothing is sent."""
        self.send.set_enabled(False)
        try:
            result = await reminders.do_send_reminder(
                self.actor, self.list.institution_id, self.list.group_id, self.chosen, Channel(self.channel.value),
                subject=self.subject.value or "", text=self.text.value or "", now=utcnow())
        except DomainError as error:
            self.error.set_text(error_text(error))
            self.send.set_enabled(True)
            return
        text = done_text(result)
        ui.notify(text, type="positive", multi_line=True)
        announce(text)
        self.dialog.close()
        await self.sent()
