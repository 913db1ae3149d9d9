"""The urgent broadcast at the top of a guardian's Overblik: red, until they say they have read it; live."""

from __future__ import annotations

from nicegui import ui

from domain.broadcast import service
from domain.broadcast.model import (
    BannerItem,
    BroadcastEnded,
    BroadcastRead,
    BroadcastSent,
    guardian_topic,
    institution_topic,
)
from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from ui.components import refuse
from ui.i18n import fmt_datetime, t
from ui.live import follow


class Banner:
    """This page's unread broadcasts; events add, remove and redraw them without a query."""

    def __init__(self, actor: Actor, items: list[BannerItem]) -> None:
        self.actor = actor
        self.items = {item.id: item for item in items}
        self.done: set[int] = set()
        self.box = ui.column().classes("w-full gap-2")

    def draw(self) -> None:
        """Render the banners, newest first (user text only as labels, never HTML)."""
        self.box.clear()
        with self.box:
            for item in sorted(self.items.values(), key=lambda i: (i.created_at, i.id), reverse=True):
                with ui.card().classes("w-full bg-red-1").style("border-left: 6px solid #c10015").props(
                        f'data-broadcast="{item.id}" role="alert"').mark(f"broadcast-banner-{item.id}"):
                    with ui.row().classes("items-center no-wrap gap-2"):
                        ui.icon("campaign", color="negative", size="md")
                        ui.label(t("broadcast.banner.label")).classes("text-caption text-negative text-uppercase")
                    ui.label(item.title).classes("text-h6 text-negative")
                    ui.label(item.body).classes("whitespace-pre-wrap")
                    ui.label(fmt_datetime(item.created_at)).classes("text-caption text-grey-8")
                    ui.button(t("broadcast.banner.read"), icon="done", color="negative",
                              on_click=lambda i=item.id: self.mark_read(i)).props(
                        f'no-caps data-x="broadcast-read-{item.id}"').mark(f"broadcast-read-{item.id}")

    async def mark_read(self, broadcast_id: int) -> None:
        """Record the read, then hide the banner."""
        try:
            await service.do_mark_read(self.actor, broadcast_id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self._drop(broadcast_id)

    def _drop(self, broadcast_id: int) -> None:
        self.done.add(broadcast_id)
        if self.items.pop(broadcast_id, None) is not None:
            self.draw()

    def on_event(self, event: Event) -> None:
        """A new broadcast appears; an ended one, or one read on another device, disappears."""
        if isinstance(event, BroadcastSent) and event.broadcast_id not in self.items and \
                event.broadcast_id not in self.done:
            self.items[event.broadcast_id] = BannerItem(event.broadcast_id, event.title, event.body,
                                                        event.created_at)
            self.draw()
        elif isinstance(event, BroadcastEnded | BroadcastRead):
            self._drop(event.broadcast_id)


async def broadcast_banner(actor: Actor) -> None:
    """For a guardian: the unread active broadcasts as red banners that follow new ones live."""
    if actor.role is not Role.PARENT:
        return
    banner = Banner(actor, await service.unread_for_guardian(actor))
    banner.draw()
    # One topic per institution, not per guardian: a send to 5,000 guardians is a few dozen publishes.
    for institution_id in await service.guardian_institutions(actor, utcnow()):
        follow(institution_topic(institution_id), banner.on_event)
    follow(guardian_topic(actor.person_id), banner.on_event)
