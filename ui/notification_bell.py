"""The bell in the app bar: a live count of the person's unread notifications, a button to the centre."""

from __future__ import annotations

import logging

from nicegui import Client, app, background_tasks, context, ui

from domain.events import Event
from domain.identity.model import Actor
from domain.notifications import service
from domain.notifications.centre import notifications_topic
from ui.announce import announce
from ui.components import icon_button
from ui.i18n import current_language, t
from ui.live import follow

log = logging.getLogger(__name__)
PATH = "/notifikationer"
BELL_KEY = "notification_bell"


class _Bell:
    """This client's bell (one per page), counted with one query per NotificationsChanged."""

    def __init__(self, actor: Actor, client: Client, lang: str) -> None:
        self.actor, self.client, self.lang = actor, client, lang  # events arrive outside the page's context
        self.shown: list[tuple[ui.button, ui.badge]] = []
        self.count: int | None = None

    async def recount(self, _: Event | None = None) -> None:
        try:
            count = await service.unread_count(self.actor)
        except Exception:  # the bell is decoration; a failed count must not break the page around it
            log.exception("notification count failed for person %s", self.actor.person_id)
            return
        if self.count is not None and count > self.count:
            announce(t("nc.new", self.lang, n=count), self.client)
        self.count = count
        shown = str(count) if count < 100 else "99+"
        for button, badge in self.shown:
            if button.is_deleted:
                continue
            badge.set_text(shown)
            badge.set_visibility(count > 0)
            # The name carries the figure ("Notifikationer, 3 ulæste"); the badge itself is hidden from readers.
            name = t("nc.bell_unread", self.lang, n=shown) if count else t("nc.bell", self.lang)
            button.props(f'aria-label="{name}" data-unread={count}')


def _bell_of(actor: Actor) -> _Bell:
    """This client's bell; the first call starts the count and follows the person's topic (per-client storage)."""
    bell = app.storage.client.get(BELL_KEY)
    if not isinstance(bell, _Bell):
        bell = app.storage.client[BELL_KEY] = _Bell(actor, context.client, current_language())
        background_tasks.create(bell.recount(), name="notification bell")
        follow(notifications_topic(actor.person_id), bell.recount)
    return bell


def notification_bell(actor: Actor) -> ui.button:
    """A named button to /notifikationer with the live unread count (data-unread appears once counted)."""
    button = icon_button("notifications", t("nc.bell"), lambda: ui.navigate.to(PATH),
                         props="flat round dense color=white").mark("notification-bell")
    with button:
        badge = ui.badge("", color="negative").props("floating rounded aria-hidden=true").classes(
            "text-caption").mark("bell-badge")
    badge.set_visibility(False)
    _bell_of(actor).shown.append((button, badge))
    return button
