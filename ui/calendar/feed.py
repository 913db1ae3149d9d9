"""The private subscription address: made once and shown once with a copy button, or stopped after a confirmation."""

from __future__ import annotations

from nicegui import ui

from domain.calendar import feeds
from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from ui.components import confirm, named_dialog, refuse, section_heading
from ui.i18n import t


def feed_urls(public_url: str, token: str) -> tuple[str, str]:
    """The https address and the webcal one a phone opens straight in its calendar."""
    https = f"{public_url}/kalender/feed/{token}.ics"
    return https, "webcal://" + https.split("://", 1)[1]


class FeedPanel:
    """The subscription section of one open page."""

    def __init__(self, actor: Actor, active: bool, public_url: str) -> None:
        self.actor, self.active, self.public_url = actor, active, public_url
        self.token = ""

    @ui.refreshable_method
    def build(self) -> None:
        """Explanation, the address once it is made, and the buttons."""
        ui.label(t("cal.feed.intro")).classes("text-body2")
        if self.token:
            https, webcal = feed_urls(self.public_url, self.token)
            ui.label(t("cal.feed.shown_once")).classes("text-body2 text-weight-bold text-negative")
            url = ui.input(value=https).props("outlined dense readonly").classes("w-full").mark("cal-feed-url")
            url.props["aria-label"] = t("a11y.cal.feed_url")  # a bare address field says nothing to a screen reader
            with ui.row().classes("items-center gap-2"):
                ui.button(t("cal.feed.copy"), icon="content_copy", on_click=lambda: self.copy(https)).props(
                    "no-caps").mark("cal-feed-copy")
                ui.link(t("cal.feed.open_webcal"), webcal).classes("text-primary").mark("cal-feed-webcal")
            ui.label(t("cal.feed.iphone")).classes("text-caption text-grey-8")
            ui.label(t("cal.feed.android")).classes("text-caption text-grey-8")
        elif self.active:
            ui.label(t("cal.feed.active")).classes("text-body2").mark("cal-feed-state")
        else:
            ui.label(t("cal.feed.none")).classes("text-body2 text-grey-8").mark("cal-feed-state")
        with ui.row().classes("items-center gap-2"):
            ui.button(t("cal.feed.new_again" if self.active else "cal.feed.create"), icon="link",
                      on_click=self.create).props("no-caps outline").mark("cal-feed-create")
            if self.active:
                ui.button(t("cal.feed.revoke"), icon="link_off", on_click=self.revoke).props(
                    "flat no-caps color=negative").mark("cal-feed-revoke")

    def copy(self, url: str) -> None:
        """Put the address on the clipboard."""
        ui.clipboard.write(url)
        ui.notify(t("cal.feed.copied"), type="positive")

    async def create(self) -> None:
        """A new address (any earlier one stops working); shown only now."""
        try:
            self.token = await feeds.do_create_feed(self.actor, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.active = True
        self.build.refresh()

    async def revoke(self) -> None:
        """Stop the address after a confirmation."""
        if not await confirm(t("cal.feed.revoke_confirm"), t("cal.feed.revoke"), "cal-feed-revoke-confirm"):
            return
        try:
            await feeds.do_revoke_feed(self.actor, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.token, self.active = "", False
        ui.notify(t("cal.feed.revoked"), type="positive")
        self.build.refresh()


async def feed_dialog(actor: Actor, public_url: str) -> None:
    """Open the subscription settings in a dialog."""
    active = await feeds.has_feed(actor)
    with named_dialog(t("cal.feed.title")) as dialog, ui.card().classes("w-full q-pa-md gap-2").style(
            "max-width:560px").mark("cal-feed-dialog"):
        with ui.row().classes("w-full items-center no-wrap"):
            section_heading(t("cal.feed.title")).classes("col")
            close = ui.button(icon="close", on_click=dialog.close).props("flat round dense")
            close.props["aria-label"] = t("cal.close")
        FeedPanel(actor, active, public_url).build()
    dialog.on("hide", dialog.delete)
    dialog.open()
