"""What a notification is, where it can go, each role's defaults and quiet hours (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.events import Event
from domain.identity.model import Role

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
TITLE_MAX, BODY_MAX, LINK_MAX = 200, 300, 300
DEFAULT_QUIET_FROM, DEFAULT_QUIET_TO, DEFAULT_DIGEST_AT = 21 * 60, 7 * 60, 17 * 60  # minutes after midnight


class Category(StrEnum):
    """What happened, as a person chooses how to hear about it."""

    MESSAGE = "message"  # a new message or a reply
    IMPORTANT_POST = "post"  # a post marked Vigtigt
    INVITATION = "invitation"  # an invitation to an event
    EVENT_CHANGE = "event"  # an event moved or cancelled
    REMINDER = "reminder"  # a reminder of an event or a conference
    DEADLINE = "deadline"  # a form or vacation request about to close
    CONFERENCE = "conference"  # a conference slot booked or moved
    PRESENCE = "presence"  # KommeGå: checked in, checked out
    CRISIS = "crisis"  # a krisebesked: always shown, ignores quiet hours
    GALLERY = "gallery"  # new photos in an album of the child's group


class Channel(StrEnum):
    """Where a notification goes besides the centre in the app (which always has it)."""

    PUSH = "push"  # to each of the person's devices with a push subscription
    EMAIL = "email"  # an e-mail at once
    DIGEST = "digest"  # a line in the daily e-mail summary


# Sensible defaults per role: a parent hears about messages, important posts and crises on the phone; staff get the
# day's summary instead of a buzz per message. A person's own choice (a NotificationChoice row) wins.
_PARENT_PUSH = {Category.MESSAGE, Category.IMPORTANT_POST, Category.INVITATION, Category.EVENT_CHANGE,
                Category.REMINDER, Category.DEADLINE, Category.CONFERENCE, Category.CRISIS}
_STAFF_PUSH = {Category.CRISIS, Category.CONFERENCE}
_DIGEST = {Category.MESSAGE, Category.IMPORTANT_POST, Category.INVITATION, Category.EVENT_CHANGE, Category.DEADLINE}


def default_on(role: Role, category: Category, channel: Channel) -> bool:
    """Whether a person of this role gets this category on this channel before choosing anything."""
    if category is Category.CRISIS and channel is not Channel.DIGEST:
        return True
    if channel is Channel.PUSH:
        return category in (_PARENT_PUSH if role in {Role.PARENT, Role.CHILD} else _STAFF_PUSH)
    if channel is Channel.DIGEST:
        return role not in {Role.PARENT, Role.CHILD} and category in _DIGEST
    return False  # e-mail at once is chosen, not given


@dataclass(frozen=True)
class QuietHours:
    """The minutes after midnight (Copenhagen) between which nothing buzzes but a krisebesked."""

    start: int = DEFAULT_QUIET_FROM
    end: int = DEFAULT_QUIET_TO

    def holds(self, minute: int) -> bool:
        """Whether a minute of the day lies in the quiet hours (which may run past midnight)."""
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end

    def release(self, at: datetime) -> datetime:
        """When something raised at this instant may go out: at once, or when the quiet hours end (UTC)."""
        local = at.astimezone(COPENHAGEN)
        if not self.holds(local.hour * 60 + local.minute):
            return at
        end = datetime.combine(local.date(), time(self.end // 60, self.end % 60), COPENHAGEN)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), time(self.end // 60, self.end % 60), COPENHAGEN)
        return end.astimezone(at.tzinfo)


def next_digest(at: datetime, minute: int) -> datetime:
    """The first daily-summary time at or after an instant (UTC)."""
    local = at.astimezone(COPENHAGEN)
    when = datetime.combine(local.date(), time(minute // 60, minute % 60), COPENHAGEN)
    if when < local:
        when = datetime.combine(local.date() + timedelta(days=1), time(minute // 60, minute % 60), COPENHAGEN)
    return when.astimezone(at.tzinfo)


@dataclass(frozen=True)
class NewNotification:
    """What a use case tells one person, already safe: no message text, no health data, no other family's child."""

    person_id: int
    category: Category
    title: str
    link: str
    source: str  # the cause ("message:12"): telling a person twice about one cause is one notification
    body: str = ""
    sensitive: bool = False  # a følsom message: the title says so and nothing else leaves the server


@dataclass(frozen=True)
class NotificationView:
    """One line of the notification centre."""

    id: int
    category: Category
    title: str
    body: str
    link: str
    created_at: datetime
    read: bool


def notifications_topic(person_id: int) -> str:
    """The topic a person's open pages follow for the bell's count."""
    return f"notifications:{person_id}"


@dataclass(frozen=True)
class NotificationsChanged(Event):
    """Some people got notifications or read them: their bells recount."""

    person_ids: tuple[int, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(notifications_topic(p) for p in self.person_ids)
