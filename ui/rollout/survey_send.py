"""Sending a survey's invitation or a reminder from the team's list: the channels, a progress bar, the count."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.rollout.survey_reach import Channel, SendingView, SendKind, do_send_survey
from ui.components import named_dialog, refuse, section_heading
from ui.i18n import fmt_datetime, t


def history(rounds: list[SendingView], lang: str) -> None:
    """One line per invitation or reminder sent: when, and how many it reached where that may be told."""
    for s in rounds:
        counts = (t("survey.send.history.hidden", lang) if s.messages is None or s.emails is None
                  else t("survey.send.history.counts", lang, messages=s.messages, emails=s.emails))
        ui.label(f"{t(f'survey.send.history.{s.kind.value}', lang, date=fmt_datetime(s.sent_at, lang))} · {counts}"
                 ).classes("text-body2 text-grey-8")


def send_button(actor: Actor, survey_id: int, rounds: list[SendingView], on_sent: Callable[[], Awaitable[None]]
                ) -> None:
    """'Send invitation' until one is sent, then 'Send påmindelse'."""
    invited = any(s.kind is SendKind.INVITATION for s in rounds)
    kind = SendKind.REMINDER if invited else SendKind.INVITATION
    ui.button(t(f"survey.send.{kind.value}"), icon="notifications_active" if invited else "send",
              on_click=lambda: send_dialog(actor, survey_id, kind, on_sent)).props("flat no-caps").mark(
        f"send-{kind.value}-{survey_id}")


def send_dialog(actor: Actor, survey_id: int, kind: SendKind, on_sent: Callable[[], Awaitable[None]]) -> None:
    """Choose message, e-mail or both; the send shows its progress and ends with how many it reached."""
    heading = t(f"survey.send.{kind.value}")
    with named_dialog(heading) as dialog, ui.card().classes("w-full max-w-md gap-2").mark("send-dialog"):
        section_heading(heading)
        ui.label(t(f"survey.send.{kind.value}.intro")).classes("text-body2")
        ui.label(t("survey.send.channels")).classes("text-subtitle2")
        by_message = ui.checkbox(t("survey.send.channel.message"), value=True).mark("send-message")
        by_email = ui.checkbox(t("survey.send.channel.email"), value=True).mark("send-email")
        bar = ui.linear_progress(value=0, show_value=False).props("instant-feedback").classes("w-full")
        status = ui.label("").classes("text-body2").props('role=status aria-live=polite').mark("send-status")
        bar.set_visibility(False)

        def progress(done: int, of: int) -> None:
            bar.set_visibility(True)
            bar.set_value(done / of if of else 1)
            status.set_text(t("survey.send.progress", done=done, of=of))

        async def go() -> None:
            channels = frozenset(c for c, box in ((Channel.MESSAGE, by_message), (Channel.EMAIL, by_email))
                                 if box.value)
            send.disable()
            try:
                sent = await do_send_survey(actor, survey_id, kind, channels, now=utcnow(), progress=progress)
            except DomainError as error:
                refuse(error)
                send.enable()
                return
            dialog.close()
            done = (t("survey.send.done_hidden") if sent.messages is None or sent.emails is None
                    else t("survey.send.done", messages=sent.messages, emails=sent.emails))
            ui.notify(done, type="positive", multi_line=True)
            await on_sent()

        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
            send = ui.button(t("survey.send.go"), icon="send", on_click=go).props("no-caps").mark("send-go")
    dialog.open()
