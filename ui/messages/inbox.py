"""The inbox list: threads newest first, search, load more, and live reordering on new messages."""

from __future__ import annotations

from nicegui import ui

from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor
from domain.messages import inbox
from domain.messages.model import InboxPage, ThreadSummary, inbox_topic, shared_inbox_topic
from ui.components import empty_state, refuse
from ui.i18n import t
from ui.live import follow
from ui.messages.format import when


def thread_row(summary: ThreadSummary) -> None:
    """One thread in the list: subject, last sender, snippet, time; bold with a count when unread."""
    weight = "text-weight-bold" if summary.unread else ""
    with ui.link(target=f"/beskeder/{summary.thread_id}").classes(
            "w-full no-underline text-black").props(f"data-thread={summary.thread_id}"):
        with ui.card().classes("w-full q-pa-sm").props("flat bordered"):
            with ui.row().classes("w-full items-center no-wrap gap-2"):
                with ui.column().classes("gap-0 col min-w-0"):
                    with ui.row().classes("items-center no-wrap gap-1 w-full min-w-0"):
                        if summary.sensitive:
                            ui.icon("lock", size="xs", color="grey-8").tooltip(t("msg.sensitive"))
                        ui.label(summary.subject).classes(f"ellipsis min-w-0 {weight}")
                        if summary.unread:
                            ui.badge(str(summary.unread), color="primary").props("rounded")
                    ui.label(summary.last_sender_name).classes(f"text-body2 ellipsis {weight}")
                    snippet = t("msg.sensitive_snippet") if summary.sensitive and not summary.snippet \
                        else summary.snippet
                    ui.label(snippet).classes("text-caption text-grey-8 ellipsis w-full")
                with ui.column().classes("items-end gap-0 shrink-0"):
                    ui.label(when(summary.last_message_at)).classes(f"text-caption {weight}")
                    if summary.muted:
                        ui.icon("volume_off", size="xs", color="grey-7").tooltip(t("msg.muted"))


class InboxList:
    """One client's list of threads for one box (own inbox, a folder or a shared inbox)."""

    def __init__(self, actor: Actor, folder_id: int | None = None, inbox_id: int | None = None) -> None:
        self.actor = actor
        self.folder_id = folder_id
        self.inbox_id = inbox_id
        self.query = ""
        self.threads: list[ThreadSummary] = []
        self.has_more = False

    async def _page(self, before: ThreadSummary | None) -> InboxPage | None:
        try:
            return await inbox.inbox_page(self.actor, before=before.last_message_at if before else None,
                                          before_thread_id=before.thread_id if before else None,
                                          search=self.query, folder_id=self.folder_id, inbox_id=self.inbox_id)
        except DomainError as error:
            refuse(error)
            return None

    async def reload(self, _: Event | None = None) -> None:
        """Fetch the first page again (a new message moves its thread to the top)."""
        page = await self._page(None)
        if page is not None:
            self.threads, self.has_more = list(page.threads), page.has_more
            self.rows.refresh()

    async def more(self) -> None:
        """Append the next page, keyed by the oldest thread shown."""
        page = await self._page(self.threads[-1] if self.threads else None)
        if page is not None:
            known = {s.thread_id for s in self.threads}
            self.threads += [s for s in page.threads if s.thread_id not in known]
            self.has_more = page.has_more
            self.rows.refresh()

    async def search(self, text: str) -> None:
        """Show only threads whose subject or text matches."""
        self.query = text.strip()
        await self.reload()

    @ui.refreshable_method
    def rows(self) -> None:
        """The thread rows, or an empty state that says what to do."""
        if not self.threads:
            empty_state("mail_outline", "msg.empty_search" if self.query else "msg.empty")
            return
        with ui.column().classes("w-full gap-1").mark("thread-list"):
            for summary in self.threads:
                thread_row(summary)
        if self.has_more:
            ui.button(t("msg.load_more"), on_click=self.more).props("flat no-caps").classes(
                "self-center").mark("load-more")

    async def build(self) -> None:
        """Search field and list; follows the reader's inbox (and the shared inbox) for live changes."""
        field = ui.input(placeholder=t("msg.search")).props(  # a name of its own: a placeholder is no label
            f'outlined dense clearable debounce=400 aria-label="{t("msg.search_label")}"').classes(
            "w-full").mark("inbox-search")
        field.on_value_change(lambda e: self.search(str(e.value or "")))
        with field.add_slot("prepend"):
            ui.icon("search")
        page = await self._page(None)
        if page is not None:
            self.threads, self.has_more = list(page.threads), page.has_more
        self.rows()
        topic = shared_inbox_topic(self.inbox_id) if self.inbox_id else inbox_topic(self.actor.person_id)
        follow(topic, self.reload)
