"""The urgent broadcast's limits, read models and events (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.events import Event

TITLE_MAX = 200
BODY_MAX = 5000
MINUTES_MIN, MINUTES_MAX = 5, 1440
ALL_TOPIC = "broadcast:all"


def broadcast_topic(broadcast_id: int) -> str:
    """The topic the sender's detail view follows for read figures."""
    return f"broadcast:{broadcast_id}"


def institution_topic(institution_id: int) -> str:
    """The topic open Overblik pages of an institution's guardians follow (one per institution, not per guardian)."""
    return f"broadcast-inst:{institution_id}"


def guardian_topic(guardian_id: int) -> str:
    """The topic a guardian's other open devices follow, so a read banner disappears everywhere."""
    return f"broadcast-guardian:{guardian_id}"


@dataclass(frozen=True)
class Place:
    """An institution the sender can choose, with its area."""

    id: int
    name: str
    area: str


@dataclass(frozen=True)
class BannerItem:
    """An unread, active broadcast as a guardian sees it on Overblik."""

    id: int
    title: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class InstitutionFigure:
    """How many guardians of one institution received and read a broadcast."""

    institution_id: int
    name: str
    recipients: int
    read: int

    @property
    def percent(self) -> int:
        """The share read, as a whole percent."""
        return round(100 * self.read / self.recipients) if self.recipients else 0


@dataclass(frozen=True)
class BroadcastSummary:
    """One broadcast in the sender's list and detail."""

    id: int
    title: str
    body: str
    created_at: datetime
    ended_at: datetime | None
    email_after_minutes: int | None
    recipients: int
    read: int
    emailed: int

    @property
    def active(self) -> bool:
        """Still shown on Overblik and /krise."""
        return self.ended_at is None


@dataclass(frozen=True)
class PublicItem:
    """What the public page /krise shows of an active broadcast."""

    id: int
    title: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class BroadcastSent(Event):
    """A broadcast went out; it carries its text so open pages need no query to show it."""

    broadcast_id: int
    title: str
    body: str
    created_at: datetime
    institution_ids: tuple[int, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        """The public page, the sender's list, and one topic per institution for guardians' Overblik."""
        return (ALL_TOPIC, *(institution_topic(i) for i in self.institution_ids))


@dataclass(frozen=True)
class BroadcastRead(Event):
    """A guardian read a broadcast; the figures of these institutions changed."""

    broadcast_id: int
    guardian_id: int
    institution_ids: tuple[int, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        """The sender's figures and the guardian's other devices."""
        return (broadcast_topic(self.broadcast_id), guardian_topic(self.guardian_id))


@dataclass(frozen=True)
class BroadcastEnded(Event):
    """The sender ended a broadcast: it leaves Overblik and /krise."""

    broadcast_id: int
    institution_ids: tuple[int, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        """Everyone who shows it."""
        return (ALL_TOPIC, broadcast_topic(self.broadcast_id), *(institution_topic(i) for i in self.institution_ids))
