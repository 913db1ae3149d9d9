"""A signed-in person's profile: which e-mails they get, which data Sammen gave suppliers' widgets, and when."""

from __future__ import annotations

from nicegui import ui

from domain.identity.model import Actor
from domain.notifications.email_settings import email_settings
from domain.widgets.tokens import TokenRecordView, token_history
from ui.components import empty_state
from ui.contacts.card import contact_card
from ui.frame import frame
from ui.guard import SIGNED_IN, page
from ui.i18n import fmt_datetime, t
from ui.identity.remembered_devices import remembered_devices_card
from ui.notifications.devices import push_devices_card
from ui.notifications.email_card import email_card
from ui.notifications.preferences import notification_section

CLAIM_ORDER = ("role", "institutions", "children")


def claims_text(record: TokenRecordView) -> str:
    """The kinds of data a token carried, in words: 'din rolle, institutionsnumre, pseudonyme børne-id'er (2)'."""
    words = []
    for name in sorted(record.claims, key=lambda c: CLAIM_ORDER.index(c) if c in CLAIM_ORDER else len(CLAIM_ORDER)):
        words.append(t("claim.children", n=record.children) if name == "children" else
                     t(f"claim.{name}") if name in CLAIM_ORDER else name)
    return ", ".join(words)


def shared_table(records: list[TokenRecordView]) -> None:
    """The table of tokens given to widgets, newest first, or a friendly empty state."""
    if not records:
        empty_state("verified_user", "profile.shared_empty")
        return
    # A list rather than a table: it reads on a 390 px phone as well as on a desktop.
    with ui.column().classes("w-full gap-2").mark("shared-table"):
        for r in records:
            with ui.card().classes("w-full q-pa-sm").props("flat bordered"):
                with ui.row().classes("w-full items-baseline justify-between"):
                    ui.label(r.widget).classes("text-weight-medium")
                    ui.label(fmt_datetime(r.at)).classes("text-caption text-grey-8")
                ui.label(r.supplier).classes("text-caption text-grey-8")
                ui.label(f"{t('profile.col.data')}: {claims_text(r)}").classes("text-body2")


@page("/profil", *SIGNED_IN)
async def profile(actor: Actor) -> None:
    """The person's profile: which e-mails they get, what suppliers' widgets were given, their own data."""
    records = await token_history(actor)
    email = await email_settings(actor)
    with frame(actor, t("profile.title")):
        with ui.card().classes("w-full"):
            ui.label(actor.name).classes("text-subtitle1 text-weight-medium")
            ui.label(t(f"role.{actor.role.value}")).classes("text-grey-8")
        await contact_card(actor)  # phone, e-mail, picture and what the class may see
        await push_devices_card(actor)  # push on this device, and the devices that get it
        email_card(actor, email)
        await notification_section(actor)
        await remembered_devices_card(actor)
        with ui.card().classes("w-full gap-2"):
            ui.label(t("profile.shared")).classes("text-subtitle1 text-weight-medium")
            ui.label(t("profile.shared_hint")).classes("text-grey-8")
            shared_table(records)
        with ui.card().classes("w-full gap-2"):
            ui.label(t("export.mine")).classes("text-subtitle1 text-weight-medium")
            ui.label(t("export.mine_text")).classes("text-grey-8")
            if actor.acr != "3":  # the export itself leaves them out (domain/gdpr); this says why before the download
                ui.label(t("export.below_level3")).classes("text-grey-8").mark("export-below-level3")
                ui.link(t("export.step_up"), "/auth/login?acr=3&next=%2Fprofil").mark("export-step-up")
            ui.button(t("export.mine"), icon="download", on_click=lambda: ui.download.from_url(
                f"/indsigt/{actor.person_id}.zip")).props("outline no-caps").mark("export-mine")
