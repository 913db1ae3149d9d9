"""The opslag feed as a self-contained component: posts, comments, reporting, and live updates per institution."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from domain.posts import feed, reports, service
from domain.posts.model import COMMENT_MAX, REASON_MAX, CommentView, PostView, posts_topic
from ui.components import confirm, empty_state, named_dialog, refuse, section_heading
from ui.i18n import error_text, fmt_date, fmt_datetime, t
from ui.linked_text import linked_text
from ui.live import follow


class PostFeed:
    """One client's feed: reads the first page, and re-reads it when a followed institution's posts change."""

    def __init__(self, actor: Actor, empty_key: str, first: int | None, only: int | None = None) -> None:
        self.actor, self.empty_key = actor, empty_key
        self.first = first  # on Overblik only the first few posts, until the reader asks for all
        self.only = only  # one post (/opslag/{id}), its comments open
        self.opened: set[int] = set() if only is None else {only}  # posts whose comments stay open across a redraw
        self.root = ui.column().classes("w-full gap-3").mark("post-feed")

    async def build(self, heading: str) -> None:
        """Render the heading and the posts, then follow every institution that can post to this reader."""
        with self.root:
            section_heading(heading)
            await self.posts()
        for institution_id in await feed.feed_institutions(self.actor, today_local()):
            follow(posts_topic(institution_id), self.on_event, self.root.client)

    def on_event(self, _event: Event) -> None:
        """The event carries only ids: re-read the first page."""
        self.posts.refresh()

    @ui.refreshable_method
    async def posts(self) -> None:
        """The first page of the feed (or the one post)."""
        if self.only is not None:
            await self._one(self.only)
            return
        views = await feed.feed_for(self.actor, today=today_local())
        if not views:
            empty_state("campaign", self.empty_key)
        shown = views
        if self.first is not None:
            shown = views[:max(self.first, sum(1 for v in views if v.important))]
        for view in shown:
            await self._card(view)
        if len(shown) < len(views):
            ui.button(t("posts.show_all", count=len(views)), icon="expand_more", on_click=self._show_all).props(
                "flat no-caps").mark("posts-show-all")

    async def _one(self, post_id: int) -> None:
        try:
            view = await feed.post_view(self.actor, post_id, today=today_local())
        except DomainError as error:  # removed, expired, or not the reader's to see
            ui.label(error_text(error)).classes("text-negative").mark("post-missing")
            return
        await self._card(view)

    def _show_all(self) -> None:
        self.first = None
        self.posts.refresh()

    async def _card(self, view: PostView) -> None:
        with ui.card().classes("w-full q-pa-md gap-2").props(f"data-post={view.post_id}").mark(
                f"post-{view.post_id}"):
            with ui.row().classes("items-start justify-between w-full no-wrap gap-2"):
                with ui.column().classes("gap-1 min-w-0"):
                    if view.important:
                        ui.badge(t("posts.important"), color="negative").props("rounded").mark(
                            f"important-{view.post_id}")
                    ui.label(view.title).classes("text-subtitle1 text-weight-medium break-words")
                    ui.label(t("posts.by", author=view.author_name or "—", date=fmt_datetime(view.created_at))) \
                        .classes("text-caption text-grey-8")
                    audience = t("posts.to_groups", groups=", ".join(view.group_names)) if view.group_names else \
                        t("posts.to_all", institution=view.institution_name)
                    ui.label(audience).classes("text-caption text-grey-8 break-words")
                self._menu(view)
            linked_text(view.body).classes("whitespace-pre-wrap break-words").mark(f"post-body-{view.post_id}")
            if view.expires_on is not None:
                ui.label(t("posts.expires", date=fmt_date(view.expires_on))).classes("text-caption text-grey-7")
            if view.allow_comments or view.comment_count:
                await self._comments(view)
            else:
                ui.label(t("posts.comments_closed")).classes("text-caption text-grey-7")

    def _menu(self, view: PostView) -> None:
        with ui.button(icon="more_vert").props(f'flat round dense aria-label="{t("posts.menu")}"').mark(
                f"post-menu-{view.post_id}"):
            with ui.menu():
                ui.menu_item(t("posts.report"), on_click=lambda: self._report(view, None)).mark(
                    f"report-post-{view.post_id}")
                if view.can_remove:
                    ui.menu_item(t("posts.remove"), on_click=lambda: self._remove_post(view)).mark(
                        f"remove-post-{view.post_id}")

    async def _comments(self, view: PostView) -> None:
        expansion = ui.expansion(t("posts.comments", n=view.comment_count), icon="chat_bubble_outline",
                                 value=view.post_id in self.opened).classes("w-full").props("dense").mark(
            f"comments-{view.post_id}")
        with expansion:
            box = ui.column().classes("w-full gap-2")

        async def toggled(opened: bool) -> None:
            if not opened:
                self.opened.discard(view.post_id)
                return
            self.opened.add(view.post_id)
            await self._fill(view, box)

        expansion.on_value_change(lambda e: toggled(bool(e.value)))
        if view.post_id in self.opened:
            await self._fill(view, box)

    async def _fill(self, view: PostView, box: ui.column) -> None:
        try:
            comments = await feed.comments_for(self.actor, view.post_id, today=today_local())
        except DomainError as error:
            box.clear()
            with box:
                ui.label(error_text(error)).classes("text-negative")
            return
        box.clear()
        with box:
            if not comments:
                ui.label(t("posts.comment.none")).classes("text-caption text-grey-7")
            for comment in comments:
                self._comment(view, comment)
            if view.allow_comments:
                with ui.row().classes("w-full items-end no-wrap gap-2"):
                    field = ui.textarea(placeholder=t("posts.comment.placeholder")).props(
                        f"outlined dense autogrow maxlength={COMMENT_MAX}").classes("col-grow").mark(
                        f"comment-input-{view.post_id}")
                    field.props["aria-label"] = t("posts.comment.placeholder")  # a placeholder is no label
                    ui.button(icon="send", on_click=lambda: self._send(view, field)).props(
                        f'round dense color=primary aria-label="{t("posts.comment.send")}"').mark(
                        f"comment-send-{view.post_id}")

    def _comment(self, view: PostView, comment: CommentView) -> None:
        with ui.row().classes("w-full items-start justify-between no-wrap gap-2").mark(
                f"comment-{comment.comment_id}"):
            with ui.column().classes("gap-0 min-w-0"):
                ui.label(f"{comment.author_name} · {fmt_datetime(comment.created_at)}").classes(
                    "text-caption text-grey-8")
                linked_text(comment.body).classes("whitespace-pre-wrap break-words")
            with ui.row().classes("no-wrap gap-0"):
                ui.button(icon="flag", on_click=lambda: self._report(view, comment)).props(
                    f'flat round dense size=sm color=grey-7 aria-label="{t("posts.report")}"').mark(
                    f"report-comment-{comment.comment_id}")
                if comment.can_remove:
                    ui.button(icon="delete", on_click=lambda: self._remove_comment(comment)).props(
                        f'flat round dense size=sm color=negative aria-label="{t("posts.comment.remove")}"').mark(
                        f"remove-comment-{comment.comment_id}")

    async def _send(self, view: PostView, field: ui.textarea) -> None:
        try:
            await service.do_comment(self.actor, view.post_id, str(field.value or ""), now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        field.set_value("")
        self.opened.add(view.post_id)
        ui.notify(t("posts.comment.added"), type="positive")
        self.posts.refresh()

    def _report(self, view: PostView, comment: CommentView | None) -> None:
        with self.root, named_dialog(t("posts.report.title")) as dialog, ui.card().classes("w-full max-w-md"):
            section_heading(t("posts.report.title"))
            ui.label(t("posts.report.help", institution=view.institution_name)).classes("text-body2")
            quoted = comment.body if comment else view.title
            ui.label(quoted).classes("text-caption text-grey-8 break-words")
            reason = ui.textarea(t("posts.report.reason")).props(
                f"outlined autogrow maxlength={REASON_MAX}").classes("w-full").mark("report-reason")

            async def send() -> None:
                try:
                    await reports.do_report(self.actor, post_id=view.post_id,
                                            comment_id=comment.comment_id if comment else None,
                                            reason=str(reason.value or ""), now=utcnow())
                except DomainError as error:
                    refuse(error)
                    return
                dialog.close()
                ui.notify(t("posts.report.sent"), type="positive")

            with ui.row().classes("justify-end w-full"):
                ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(t("posts.report.send"), icon="flag", on_click=send).props("no-caps").mark("report-send")
        dialog.open()

    async def _remove_post(self, view: PostView) -> None:
        with self.root:
            if not await confirm(t("posts.remove.confirm", title=view.title), t("common.delete"), "confirm-remove"):
                return
        try:
            await service.do_remove_post(self.actor, view.post_id, now=utcnow())
        except DomainError as error:
            refuse(error)
        else:
            ui.notify(t("posts.removed"), type="positive")
        self.posts.refresh()

    async def _remove_comment(self, comment: CommentView) -> None:
        with self.root:
            if not await confirm(t("posts.comment.confirm_remove"), t("common.delete"), "confirm-remove"):
                return
        try:
            await service.do_remove_comment(self.actor, comment.comment_id, now=utcnow())
        except DomainError as error:
            refuse(error)
        else:
            ui.notify(t("posts.comment.removed"), type="positive")
        self.posts.refresh()


async def post_feed(actor: Actor, *, heading: str | None = None, empty_key: str | None = None,
                    first: int | None = None, only: int | None = None) -> None:
    """The posts the actor may see, important and newest first, live; with first, the rest behind a button.

    With only, just that post with its comments open (a search result's or a link's target), live as well.
    """
    staff = actor.role in (Role.STAFF, Role.LEADER)
    key = empty_key or ("posts.empty.staff" if staff else "posts.empty.family")
    await PostFeed(actor, key, first, only).build(heading or t("posts.feed"))
