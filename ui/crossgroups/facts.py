"""A cross group's purpose, owner and expiry, as the group page shows them."""

from __future__ import annotations

from nicegui import ui

from domain.crossgroups.model import CrossGroupInfo
from domain.dates import show_day
from ui.i18n import t


def cross_facts(info: CrossGroupInfo) -> None:
    """Purpose, owner, expiry and member count in one card."""
    with ui.card().classes("w-full q-pa-sm").mark("crossgroup-info"):
        if info.purpose:
            ui.label(t("crossgroups.group.purpose", text=info.purpose)).classes("text-body1")
        ui.label(t("crossgroups.group.owner", name=info.owner_name or "—")).classes("text-grey-8")
        ui.label(f"{t('crossgroups.expires')}: {show_day(info.expires_on) if info.expires_on else '—'}").classes(
            "text-grey-8")
        ui.label(t("crossgroups.member_count", n=info.member_count)).classes("text-grey-8")
        if info.archived:
            ui.badge(t("crossgroups.archived.label"), color="grey-8")
