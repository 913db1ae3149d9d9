"""The leader's page for KommeGå: pair and revoke wall screens, and edit the institution's settings."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import background_tasks, ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from domain.presence import admin, kiosk
from domain.presence.kiosk import ScreenView
from domain.presence.model import WALL_SCREENS_TOPIC, WallScreenChanged
from ui.components import empty_state, refuse
from ui.frame import frame, refusal
from ui.guard import page
from ui.i18n import error_text, fmt_datetime, t
from ui.live import follow
from ui.presence.kiosk_admin import ClosingDays, SettingsCard

PATH = "/leder/kommegaa"


def _screen_row(screen: ScreenView, revoke: Callable[[ScreenView], None]) -> None:
    with ui.card().classes("w-full q-pa-sm" + (" bg-grey-2" if screen.revoked_at else "")).mark(
            f"screen-{screen.id}"):
        with ui.row().classes("w-full items-center justify-between no-wrap"):
            with ui.column().classes("gap-0"):
                ui.label(screen.name).classes("text-subtitle1 text-weight-medium")
                details = []
                if screen.paired_at:
                    details.append(t("wallscreens.paired_at", at=fmt_datetime(screen.paired_at)))
                details.append(t("wallscreens.last_seen", at=fmt_datetime(screen.last_seen_at))
                               if screen.last_seen_at else t("wallscreens.never_seen"))
                ui.label(" · ".join(details)).classes("text-body2 text-grey-8")
                if screen.revoked_at:
                    ui.label(t("wallscreens.revoked", at=fmt_datetime(screen.revoked_at))).classes(
                        "text-body2 text-negative").mark(f"screen-revoked-{screen.id}")
            if not screen.revoked_at:
                ui.button(t("wallscreens.revoke"), icon="link_off", on_click=lambda: revoke(screen)).props(
                    "outline no-caps color=negative").mark(f"revoke-{screen.id}")


class ScreensCard:
    """The institution's wall screens, the pairing form, and live updates when any screen changes."""

    def __init__(self, actor: Actor, institution_id: int, rows: list[ScreenView]) -> None:
        self.actor, self.institution_id = actor, institution_id
        with ui.card().classes("w-full gap-2").mark("wall-screens") as self.card:
            ui.label(t("wallscreens.screens")).classes("text-h6")
            self.listing = ui.column().classes("w-full gap-2")
            ui.separator()
            ui.label(t("wallscreens.pair")).classes("text-subtitle1 text-weight-medium")
            ui.label(t("wallscreens.pair_hint")).classes("text-body2 text-grey-8")
            with ui.row().classes("items-start gap-2"):
                self.code = ui.input(t("wallscreens.code")).props(
                    "dense outlined inputmode=numeric maxlength=7").classes("w-40").mark("pair-code")
                self.name = ui.input(t("wallscreens.name")).props("dense outlined maxlength=120").mark("pair-name")
                ui.button(t("wallscreens.pair_button"), icon="link", on_click=self.pair).props("no-caps").mark(
                    "pair-screen")
            self.problem = ui.label("").classes("text-negative").mark("pair-error")
        self.draw(rows)

    def draw(self, rows: list[ScreenView]) -> None:
        """The list, active screens first."""
        self.listing.clear()
        with self.listing:
            if not rows:
                empty_state("tv_off", "wallscreens.empty")
            for screen in sorted(rows, key=lambda s: s.revoked_at is not None):
                _screen_row(screen, self.confirm_revoke)

    async def reload(self) -> None:
        """Read the list again (after this leader's change, or another's event)."""
        try:
            rows = await kiosk.screens(self.actor, self.institution_id)
        except DomainError:
            return
        with self.card:
            self.draw(rows)

    def on_event(self, event: Event) -> None:
        """A screen was paired or revoked somewhere: redraw if it is one of this institution's."""
        if isinstance(event, WallScreenChanged) and event.institution_id == self.institution_id:
            background_tasks.create(self.reload(), name="wall screens list")

    async def pair(self) -> None:
        """Pair the screen showing the code; a refusal keeps what was typed."""
        name = str(self.name.value or "").strip()
        try:
            await kiosk.do_pair(self.actor, self.institution_id, str(self.code.value or ""), name, now=utcnow())
        except DomainError as error:
            self.problem.set_text(error_text(error))
            return
        self.problem.set_text("")
        self.code.set_value("")
        self.name.set_value("")
        ui.notify(t("wallscreens.paired_done", name=name), type="positive")
        await self.reload()

    def confirm_revoke(self, screen: ScreenView) -> None:
        """Ask first: revoking stops the screen at once."""
        with ui.dialog() as dialog, ui.card().mark("revoke-dialog"):
            ui.label(t("wallscreens.revoke_confirm", name=screen.name))
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(t("wallscreens.revoke"), on_click=lambda: self.revoke(screen, dialog)).props(
                    "no-caps color=negative").mark("confirm-revoke")
        dialog.open()

    async def revoke(self, screen: ScreenView, dialog: ui.dialog) -> None:
        """Revoke after the leader confirmed."""
        dialog.close()
        try:
            await kiosk.do_revoke(self.actor, screen.id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("wallscreens.revoked_done"), type="positive")
        await self.reload()


@page(PATH, Role.LEADER, Role.ADMIN)
async def wall_screens(actor: Actor, institution: int | None = None) -> None:
    """A leader's wall screens and KommeGå settings: pairing, hours and closing days."""
    choices = await admin.administered_institutions(actor)
    with frame(actor, t("wallscreens.title")):
        if not choices:
            empty_state("domain_disabled", "wallscreens.none")
            return
        chosen = institution if institution is not None else choices[0].id
        if len(choices) > 1:
            ui.select({c.id: c.name for c in choices}, value=chosen if chosen in {c.id for c in choices}
                      else None, label=t("wallscreens.institution"),
                      on_change=lambda e: ui.navigate.to(f"{PATH}?institution={e.value}")).props(
                "dense outlined").classes("min-w-[18rem]").mark("institution-select")
        try:
            rows = await kiosk.screens(actor, chosen)
            settings = await admin.settings_for(actor, chosen)
        except DomainError as error:
            refusal(error.key)
            return
        screens = ScreensCard(actor, chosen, rows)
        follow(WALL_SCREENS_TOPIC, screens.on_event)
        with ui.row().classes("w-full gap-4 items-start"):
            with ui.column().classes("col-12 col-md gap-4"):
                SettingsCard(actor, settings)
            with ui.column().classes("col-12 col-md gap-4"):
                ClosingDays(actor, settings)
