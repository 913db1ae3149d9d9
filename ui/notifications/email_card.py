"""The E-mail card on the profile: the address Sammen has, and a switch per kind of e-mail, saved at once."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.notifications import email_settings
from domain.notifications.model import EmailKind, EmailSettingsView
from ui.components import attempt
from ui.i18n import t


async def _save(actor: Actor, kind: EmailKind, on: bool) -> None:
    """Store one switch and say so."""
    done = t("email.saved.on" if on else "email.saved.off", kind=t(f"email.kind.{kind.value}"))
    await attempt(email_settings.do_set_email(actor, kind, on=on, now=utcnow()), done=done)


def email_card(actor: Actor, view: EmailSettingsView) -> None:
    """The card: where e-mail goes, then one switch per kind, each stored the moment it is flipped."""
    with ui.card().classes("w-full gap-2").mark("email-card"):
        ui.label(t("email.card.title")).classes("text-subtitle1 text-weight-medium")
        ui.label(t("email.card.address", address=view.address) if view.address else
                 t("email.card.no_address")).classes("text-grey-8")
        for kind in EmailKind:
            ui.switch(t(f"email.kind.{kind.value}"), value=view.on(kind),
                      on_change=lambda e, k=kind: _save(actor, k, bool(e.value))).mark(f"email-{kind.value}")
            if kind is EmailKind.URGENT:
                ui.label(t("email.kind.urgent_hint")).classes("text-caption text-grey-8 q-ml-xl")
