"""A signed-in person's profile in sections: contact, notifications and devices, consents, stamkort, widgets, data."""

from __future__ import annotations

from nicegui import ui

from domain.identity.model import Actor, Role
from domain.notifications.email_settings import email_settings
from domain.widgets.tokens import token_history
from ui.contacts.card import contact_card
from ui.frame import frame
from ui.guard import SIGNED_IN, page
from ui.i18n import t
from ui.identity.profile_sections import consents_summary, section, section_nav, stamkort_lines
from ui.identity.remembered_devices import remembered_devices_card
from ui.identity.widget_sharing import shared_list
from ui.notifications.devices import push_devices_card
from ui.notifications.email_card import email_card
from ui.notifications.preferences import notification_section


def _export(actor: Actor) -> None:
    ui.label(t("export.mine_text")).classes("text-grey-8")
    if actor.acr != "3":  # the export itself leaves them out (domain/gdpr); this says why before the download
        ui.label(t("export.below_level3")).classes("text-grey-8").mark("export-below-level3")
        ui.link(t("export.step_up"), "/auth/login?acr=3&next=%2Fprofil").mark("export-step-up")
    ui.button(t("export.mine"), icon="download", on_click=lambda: ui.download.from_url(
        f"/indsigt/{actor.person_id}.zip")).props("outline no-caps").mark("export-mine")


@page("/profil", *SIGNED_IN)
async def profile(actor: Actor) -> None:
    """The person's profile: a section navigation, then each section under its own h2."""
    records = await token_history(actor)
    email = await email_settings(actor)
    guardian = actor.role is Role.PARENT
    anchors = ["kontakt", "notifikationer", *(["samtykker", "stamkort"] if guardian else []), "widgets", "data"]
    with frame(actor, t("profile.title")):
        with ui.card().classes("w-full"):
            ui.label(actor.name).classes("text-subtitle1 text-weight-medium")
            ui.label(t(f"role.{actor.role.value}")).classes("text-grey-8")
        section_nav(anchors)
        with section("kontakt", "profile.section.contact"):
            if guardian:
                await contact_card(actor)  # phone, e-mail, picture and what the class may see
            else:
                ui.label(t("profile.contact.other_roles")).classes("text-grey-8")
        with section("notifikationer", "profile.section.notify"):
            await notification_section(actor)
            email_card(actor, email)
            await push_devices_card(actor)  # push on this device, and the devices that get it
            await remembered_devices_card(actor)
        if guardian:
            with section("samtykker", "profile.section.consents"):
                await consents_summary(actor)
            with section("stamkort", "profile.section.stamkort"):
                await stamkort_lines(actor)
        with section("widgets", "profile.section.widgets"):
            ui.label(t("profile.shared_hint")).classes("text-grey-8")
            shared_list(records)
        with section("data", "profile.section.export"):
            _export(actor)
