"""The vocabulary of opslag: limits, read models of the feed and reports, and the events screens follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.events import Event

TITLE_MAX = 200
BODY_MAX = 10_000
COMMENT_MAX = 2_000
REASON_MAX = 500
FEED_PAGE = 20


# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.


def posts_topic(institution_id: int) -> str:
    """The feeds of an institution."""
    return f"posts:{institution_id}"


def post_reports_topic(institution_id: int) -> str:
    """The leader's list of reported posts of an institution."""
    return f"post-reports:{institution_id}"


class ReportOutcome(StrEnum):
    """What the leader decided about reported content."""

    REMOVED = "removed"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class PostView:
    """One post as a feed shows it, with what the reader may do with it."""

    post_id: int
    institution_id: int
    institution_name: str
    author_name: str
    title: str
    body: str
    important: bool
    expires_on: date | None
    allow_comments: bool
    created_at: datetime
    group_names: tuple[str, ...]
    comment_count: int
    can_remove: bool


@dataclass(frozen=True)
class CommentView:
    """One comment under a post."""

    comment_id: int
    post_id: int
    author_name: str
    body: str
    created_at: datetime
    can_remove: bool


@dataclass(frozen=True)
class ReportView:
    """An open report as the leader sees it: the content as text, who reported it and why."""

    report_id: int
    post_id: int
    comment_id: int | None
    institution_name: str
    post_title: str
    content: str
    content_author: str
    reporter_name: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class GroupChoice:
    """A group a post can be addressed to."""

    group_id: int
    name: str


@dataclass(frozen=True)
class PostingPlace:
    """An institution the actor may post to, with its groups."""

    institution_id: int
    name: str
    groups: tuple[GroupChoice, ...]


@dataclass(frozen=True)
class PostPublished(Event):
    """A post was published; open feeds of the institution re-read their first page."""

    post_id: int
    institution_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Feeds that follow the institution."""
        return (posts_topic(self.institution_id),)


@dataclass(frozen=True)
class PostRemoved(Event):
    """A post was removed by its author or the leader."""

    post_id: int
    institution_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Feeds that follow the institution, and the leader's reports."""
        return (posts_topic(self.institution_id), post_reports_topic(self.institution_id))


@dataclass(frozen=True)
class CommentAdded(Event):
    """A comment was added under a post."""

    post_id: int
    comment_id: int
    institution_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Feeds that follow the institution."""
        return (posts_topic(self.institution_id),)


@dataclass(frozen=True)
class CommentRemoved(Event):
    """A comment was removed by its author or the leader."""

    post_id: int
    comment_id: int
    institution_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Feeds that follow the institution, and the leader's reports."""
        return (posts_topic(self.institution_id), post_reports_topic(self.institution_id))


@dataclass(frozen=True)
class ReportChanged(Event):
    """A report was filed or handled; the leader's list of open reports re-reads itself."""

    report_id: int
    institution_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """The leaders' report lists of the institution."""
        return (post_reports_topic(self.institution_id),)
