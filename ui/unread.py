"""The unread badge on the Beskeder navigation buttons, kept current by the reader's inbox events."""

from __future__ import annotations

import logging

from nicegui import Client, app, background_tasks, context, ui

from domain.events import Event
from domain.identity.model import Actor
from domain.messages import inbox
from domain.messages.model import inbox_topic
from ui.announce import announce
from ui.i18n import current_language, t, tn
from ui.live import follow

log = logging.getLogger(__name__)


class _Badges:
    """The badges of one client (drawer and header), counted with one query per event."""

    def __init__(self, actor: Actor, client: Client, lang: str) -> None:
        self.actor, self.client, self.lang = actor, client, lang  # events arrive outside the page's context
        self.shown: list[tuple[ui.button, ui.badge, tuple[str, str] | None]] = []
        self.count: int | None = None

    async def recount(self, _: Event | None = None) -> None:
        try:
            count = await inbox.unread_count(self.actor)
        except Exception:  # the badge is decoration; a failed count must not break the page around it
            log.exception("unread count failed for person %s", self.actor.person_id)
            return
        if self.count is not None and count > self.count:  # heard once per page, not once per badge
            announce(t("msg.unread.new", self.lang, unread=tn("msg.unread", count, self.lang)), self.client)
        self.count = count
        for button, badge, named in self.shown:
            if button.is_deleted:
                continue
            shown = str(count) if count < 100 else "99+"
            badge.set_text(shown)
            badge.set_visibility(count > 0)
            # The name carries the figure in words ("Beskeder – 4 ulæste beskeder"), not a bare "4" from the badge.
            if named:
                button.props(f'aria-label="{named[count > 0].format(n=shown)}"')
            else:
                words = f"{button.text} – {tn('msg.unread', count, self.lang)}" if count else button.text
                button.props(f'aria-label="{words}"')
            # Tests and scripts read the figure from the button itself, shown or not.
            button.props(f"data-unread={count}")


BADGES_KEY = "msg_unread_badges"


def _badges_of(actor: Actor) -> _Badges:
    """This client's badges; the first call starts the count and the subscription (per-client storage)."""
    badges = app.storage.client.get(BADGES_KEY)
    if not isinstance(badges, _Badges):
        badges = app.storage.client[BADGES_KEY] = _Badges(actor, context.client, current_language())
        background_tasks.create(badges.recount(), name="unread badge")
        follow(inbox_topic(actor.person_id), badges.recount)
    return badges


def unread_badge(actor: Actor, button: ui.button, named: tuple[str, str] | None = None) -> None:
    """Put a live count of unread threads on a navigation button (data-unread appears once counted).

    An icon button passes its names without and with unread threads ("Menu", "Menu, {n} ulæste").
    """
    with button:
        # aria-hidden: the button's name says the figure in words; the badge alone would be read as a bare "4"
        badge = ui.badge("", color="negative").props("floating rounded aria-hidden=true").classes(
            "text-caption").mark("unread-badge")
    badge.set_visibility(False)
    _badges_of(actor).shown.append((button, badge, named))
