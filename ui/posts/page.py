"""Opslag for staff and leaders (/opslag): write a post, the institutions' feed, and the leader's reports."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from domain.posts import feed, reports, service
from domain.posts.model import BODY_MAX, TITLE_MAX, PostingPlace, ReportOutcome, ReportView, post_reports_topic
from ui.components import confirm, empty_state, refuse, section_heading
from ui.dates import date_input, problem
from ui.error_pages import Id
from ui.frame import frame
from ui.guard import page
from ui.i18n import fmt_datetime, t
from ui.live import follow
from ui.posts.feed import post_feed


def _write_form(actor: Actor, places: list[PostingPlace]) -> None:
    """The form to write a post; the feed below shows it once published (through the event)."""
    by_id = {p.institution_id: p for p in places}

    def group_options(institution_id: int) -> dict[int, str]:
        return {g.group_id: g.name for g in by_id[institution_id].groups}

    with ui.card().classes("w-full").mark("write-post"):
        section_heading(t("posts.write"))
        place = ui.select({p.institution_id: p.name for p in places}, value=places[0].institution_id,
                          label=t("posts.field.institution")).props("outlined dense").classes("w-full").mark(
            "post-institution")
        groups = ui.select(group_options(places[0].institution_id), multiple=True, value=[],
                           label=t("posts.field.groups")).props("outlined dense use-chips").classes("w-full").mark(
            "post-groups")

        def place_changed() -> None:
            groups.set_options(group_options(int(place.value)), value=[])

        place.on_value_change(place_changed)
        title = ui.input(t("posts.field.title")).props(f"outlined dense maxlength={TITLE_MAX}").classes(
            "w-full").mark("post-title")
        body = ui.textarea(t("posts.field.body")).props(f"outlined autogrow maxlength={BODY_MAX}").classes(
            "w-full").mark("post-body")
        with ui.row().classes("w-full items-center gap-4"):
            important = ui.checkbox(t("posts.field.important")).mark("post-important")
            comments = ui.checkbox(t("posts.field.comments"), value=True).mark("post-comments")
        expires = date_input(t("posts.field.expires"), None, optional=True, past=False).classes(
            "w-full sm:w-64").mark("post-expires")

        async def publish() -> None:
            text = str(expires.value or "").strip()
            expires_on = expires.checked()
            if text and expires_on is None:
                ui.notify(problem(expires) or t("posts.error.bad_date"), type="negative")
                return
            try:
                await service.do_publish(actor, institution_id=int(place.value), group_ids=list(groups.value or []),
                                         title=str(title.value or ""), body=str(body.value or ""),
                                         important=bool(important.value), expires_on=expires_on,
                                         allow_comments=bool(comments.value), now=utcnow())
            except DomainError as error:
                refuse(error)
                return
            for field in (title, body, expires):
                field.set_value("")
            groups.set_value([])
            important.set_value(False)
            ui.notify(t("posts.published"), type="positive")

        ui.button(t("posts.publish"), icon="campaign", on_click=publish).props("no-caps").mark("post-publish")


class ReportList:
    """The leader's open reports, re-read when one is filed or handled at their institutions."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.reloads = 0

    async def build(self) -> None:
        """The section, following each of the leader's institutions."""
        with ui.column().classes("w-full gap-2").mark("post-reports") as self.root:
            section_heading(t("posts.reports.title"))
            self.list = ui.column().classes("w-full gap-2")
        await self.reload()
        for institution_id in sorted(self.actor.leader_institutions):
            follow(post_reports_topic(institution_id), self.on_event, self.root.client)

    async def on_event(self, _event: Event) -> None:
        """Something changed: re-read the open reports."""
        await self.reload()

    async def reload(self) -> None:
        """One card per open report; of overlapping reloads (a click's and its event's) only the newest draws."""
        self.reloads += 1
        mine = self.reloads
        open_now = await reports.open_reports(self.actor)
        if mine != self.reloads or self.list.is_deleted:
            return
        # Cleared and drawn in one turn: an async refresh cleared first and drew after its query, so two or three
        # overlapping ones each added their own "no open reports" card.
        self.list.clear()
        with self.list:
            if not open_now:
                empty_state("verified_user", "posts.reports.empty")
            for report in open_now:
                self._card(report)

    def _card(self, r: ReportView) -> None:
        with ui.card().classes("w-full q-pa-md gap-1 bg-orange-1").mark(f"report-{r.report_id}"):
            what = t("posts.reports.comment", title=r.post_title) if r.comment_id else \
                t("posts.reports.post", title=r.post_title)
            ui.label(what).classes("text-subtitle2 break-words")
            ui.label(r.content).classes("whitespace-pre-wrap break-words q-pa-sm bg-white rounded-borders")
            ui.label(t("posts.reports.author", name=r.content_author or "—")).classes("text-caption text-grey-8")
            ui.label(t("posts.reports.by", name=r.reporter_name, date=fmt_datetime(r.created_at))).classes(
                "text-caption text-grey-8")
            ui.label(t("posts.reports.reason", reason=r.reason)).classes("break-words")
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("posts.reports.dismiss"), on_click=lambda: self._handle(r, ReportOutcome.DISMISSED)) \
                    .props("flat no-caps").mark(f"dismiss-report-{r.report_id}")
                ui.button(t("posts.reports.remove"), icon="delete", color="negative",
                          on_click=lambda: self._handle(r, ReportOutcome.REMOVED)).props("no-caps").mark(
                    f"remove-report-{r.report_id}")

    async def _handle(self, r: ReportView, outcome: ReportOutcome) -> None:
        removing = outcome is ReportOutcome.REMOVED
        question = t("posts.reports.confirm_remove" if removing else "posts.reports.confirm_dismiss")
        with self.root:
            if not await confirm(question, t("posts.confirm"), "confirm-report"):
                return
        # The clicked card is gone once the report's event has redrawn the list: speak from the section instead.
        with self.root:
            try:
                await reports.do_handle_report(self.actor, r.report_id, outcome=outcome.value, now=utcnow())
            except DomainError as error:
                refuse(error)
            else:
                ui.notify(t("posts.reports.removed" if removing else "posts.reports.dismissed"), type="positive")
        await self.reload()


async def _posts_page(actor: Actor) -> None:
    places = await feed.posting_places(actor, today_local())
    with frame(actor, t("posts.title")):
        with ui.column().classes("w-full max-w-3xl gap-4"):
            if places:
                _write_form(actor, places)
            else:
                empty_state("campaign", "posts.no_places")
            if actor.role is Role.LEADER:
                await ReportList(actor).build()
            await post_feed(actor, heading=t("posts.feed.staff"), empty_key="posts.empty.staff")


@page("/opslag", Role.STAFF, Role.LEADER)
async def posts_page(actor: Actor) -> None:
    """Staff write posts to their institution or groups, and the leader moderates reports."""
    await _posts_page(actor)


POST_PAGES = {Role.STAFF: "/opslag", Role.LEADER: "/opslag", Role.PARENT: "/overblik", Role.CHILD: "/mig"}


@page("/opslag/{post_id}", *POST_PAGES)
async def post_route(actor: Actor, post_id: Id) -> None:
    """One post with its comments open, for anyone who may see it (where a search result or a link opens it)."""
    with frame(actor, t("posts.one.title")):
        with ui.column().classes("w-full max-w-3xl gap-4"):
            ui.link(t("posts.one.back"), POST_PAGES[actor.role]).classes("text-body2").mark("post-back")
            await post_feed(actor, heading=t("posts.one.heading"), only=int(post_id))
