"""/notifikationer: what happened, newest first, each a link that opens its item and marks it read; live."""

from __future__ import annotations

from fastapi.responses import RedirectResponse
from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor
from domain.notifications import service
from domain.notifications.centre import Category, NotificationView, notifications_topic
from ui.frame import frame, refusal
from ui.guard import SIGNED_IN, page
from ui.i18n import current_language, fmt_datetime, t
from ui.live import follow
from ui.notification_bell import PATH

PAGE = 30
ICONS = {Category.MESSAGE: "mail", Category.IMPORTANT_POST: "campaign", Category.INVITATION: "event",
         Category.EVENT_CHANGE: "edit_calendar", Category.REMINDER: "alarm", Category.DEADLINE: "hourglass_bottom",
         Category.CONFERENCE: "forum", Category.PRESENCE: "how_to_reg", Category.CRISIS: "warning",
         Category.GALLERY: "photo_library"}


def _row(view: NotificationView, lang: str) -> None:
    """One notification as a link; unread is said in words and bold type, not by colour alone."""
    with ui.element("li").classes("w-full").props(f"data-notification={view.id} data-read={str(view.read).lower()}"):
        link = ui.link(target=f"{PATH}/{view.id}").classes(
            "flex no-wrap items-start gap-3 w-full q-pa-sm rounded-borders no-underline text-grey-10 "
            + ("bg-blue-1" if not view.read else "bg-white"))
        with link:
            ui.icon(ICONS.get(view.category, "notifications"), size="sm",
                    color="negative" if view.category is Category.CRISIS else "primary").props("aria-hidden=true")
            with ui.column().classes("gap-0 min-w-0 grow"):
                with ui.row().classes("items-center gap-2 no-wrap"):
                    if not view.read:
                        ui.label(t("nc.unread", lang)).classes(
                            "text-caption text-white bg-primary q-px-xs rounded-borders shrink-0").mark("unread-mark")
                    ui.label(t(f"nc.cat.{view.category.value}", lang)).classes("text-caption text-grey-8")
                ui.label(view.title).classes("break-words " + ("text-weight-bold" if not view.read else ""))
                if view.body:
                    ui.label(view.body).classes("text-body2 text-grey-9 break-words")
                ui.label(fmt_datetime(view.created_at, lang)).classes("text-caption text-grey-8")


class Centre:
    """The list of one open page: re-read when the person's notifications change."""

    def __init__(self, actor: Actor) -> None:
        self.actor, self.lang = actor, current_language()  # a live redraw runs outside the page's request
        self.limit = PAGE

    @ui.refreshable_method
    async def show(self) -> None:
        views = await service.list_notifications(self.actor, limit=self.limit + 1)
        more, views = len(views) > self.limit, views[: self.limit]
        unread = await service.unread_count(self.actor)
        with ui.row().classes("items-center justify-between w-full gap-2"):
            key = "nc.count.none" if not unread else ("nc.count.one" if unread == 1 else "nc.count.other")
            ui.label(t(key, self.lang, n=unread)).classes("text-subtitle1").mark("unread-summary")
            mark_all = ui.button(t("nc.mark_all", self.lang), icon="done_all", on_click=self.mark_all).props(
                "outline no-caps").mark("mark-all")
            mark_all.set_enabled(unread > 0)
        if not views:
            with ui.card().classes("w-full items-center q-pa-lg").mark("empty"):
                ui.icon("notifications_none", size="xl", color="grey-7").props("aria-hidden=true")
                ui.label(t("nc.empty", self.lang)).classes("text-grey-9 text-center")
            return
        with ui.element("ul").classes("w-full column gap-1 q-pa-none q-ma-none").style("list-style: none").mark(
                "notifications"):
            for view in views:
                _row(view, self.lang)
        if more:
            ui.button(t("nc.more", self.lang), icon="expand_more", on_click=self.more).props(
                "flat no-caps").mark("more")

    async def mark_all(self) -> None:
        await service.do_mark_all_read(self.actor, now=utcnow())
        ui.notify(t("nc.marked_all"), type="positive")
        self.show.refresh()

    async def more(self) -> None:
        self.limit += PAGE
        self.show.refresh()

    def changed(self, _: Event) -> None:
        self.show.refresh()


@page(PATH, *SIGNED_IN)
async def notifications(actor: Actor) -> None:
    """The notification centre of whoever is signed in."""
    centre = Centre(actor)
    with frame(actor, t("nc.title")):
        await centre.show()
    follow(notifications_topic(actor.person_id), centre.changed)


@page(PATH + "/{notification_id}", *SIGNED_IN)
async def open_notification(actor: Actor, notification_id: int) -> RedirectResponse | None:
    """Mark one's own notification read and go to its item; someone else's is refused."""
    try:
        link = await service.do_mark_read(actor, notification_id, now=utcnow())
    except DomainError as error:
        with frame(actor, t("nc.title")):
            refusal(error.key)
        return None
    # Only a path on this site: a stored link never sends anyone elsewhere.
    target = link if link.startswith("/") and not link.startswith("//") else PATH
    return RedirectResponse(target, status_code=303)
