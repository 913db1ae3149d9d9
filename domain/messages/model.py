"""The vocabulary of beskeder: recipient choices, inbox and thread read models, and the events screens follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.events import Event

SUBJECT_MAX = 200
BODY_MAX = 20_000
UNDO_SECONDS = 10
INBOX_PAGE = 20
PARTICIPANTS_NAMED = 12  # a thread to 2,000 guardians names the first few and counts the rest


# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.


def thread_topic(thread_id: int) -> str:
    """The open pages of one thread."""
    return f"thread:{thread_id}"


def inbox_topic(person_id: int) -> str:
    """One person's inbox and unread badge."""
    return f"inbox:{person_id}"


def shared_inbox_topic(inbox_id: int) -> str:
    """An institution's fællespostkasse."""
    return f"shared-inbox:{inbox_id}"


class RecipientKind(StrEnum):
    """What a chosen recipient stands for; groups and roles are resolved to persons when sent."""

    PERSON = "person"
    GROUP_GUARDIANS = "group_guardians"
    GROUP_STAFF = "group_staff"
    GROUP_CHILDREN = "group_children"
    GROUP_ALL = "group_all"
    SHARED_INBOX = "shared_inbox"
    INSTITUTION_STAFF = "institution_staff"


@dataclass(frozen=True)
class RecipientChoice:
    """One recipient-field entry: a person, a role in a group or institution, or a shared inbox (by institution)."""

    kind: RecipientKind
    ref_id: int
    label: str
    detail: str = ""

    @property
    def key(self) -> str:
        """A stable text key for forms and drafts ("group_guardians:12")."""
        return f"{self.kind.value}:{self.ref_id}"

    @staticmethod
    def parse_key(key: str) -> tuple[RecipientKind, int]:
        """The kind and id a key names (ValueError when malformed)."""
        kind, _, ref = key.partition(":")
        return RecipientKind(kind), int(ref)


@dataclass(frozen=True)
class ThreadSummary:
    """One row of an inbox: what the reader sees before opening the thread."""

    thread_id: int
    subject: str
    last_message_at: datetime
    last_sender_name: str
    snippet: str
    unread: int
    muted: bool
    sensitive: bool
    folder_id: int | None
    inbox_id: int | None = None


@dataclass(frozen=True)
class InboxPage:
    """A page of threads, newest first, with the total unread for the badge."""

    threads: list[ThreadSummary]
    has_more: bool
    unread_threads: int


@dataclass(frozen=True)
class AttachmentView:
    """A file on a message as the reader sees it."""

    attachment_id: int
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class MessageView:
    """One message as the reader may see it; body is empty and hidden is true when a step-up is needed."""

    message_id: int
    sender_id: int | None
    sender_name: str
    on_behalf_of: str
    body: str
    sensitive: bool
    hidden: bool
    auto_reply: bool
    created_at: datetime
    attachments: list[AttachmentView] = field(default_factory=list)


@dataclass(frozen=True)
class ThreadView:
    """A thread opened by one reader: its messages, who takes part, and the reader's own settings."""

    thread_id: int
    subject: str
    participants: list[str]
    messages: list[MessageView]
    muted: bool
    folder_id: int | None
    needs_step_up: bool
    inbox_id: int | None = None
    participant_total: int = 0
    answerable: bool = True  # false for a notice (an invitation, a reminder) that no one sent and no one else reads


@dataclass(frozen=True)
class SendResult:
    """What the sender learns: the thread, the message, how many received it, and why it became sensitive."""

    thread_id: int
    message_id: int
    recipient_count: int
    forced_sensitive: bool
    undo_until: datetime


def thread_reach(thread_id: int, person_ids: tuple[int, ...], inbox_ids: tuple[int, ...]) -> tuple[str, ...]:
    """The topics of a thread's open page and of the inboxes of everyone in it."""
    return (thread_topic(thread_id), *(inbox_topic(p) for p in person_ids), *(shared_inbox_topic(i) for i in inbox_ids))


@dataclass(frozen=True)
class MessageSent(Event):
    """A message reached a thread; carries no text, so notifications can never leak a sensitive body."""

    thread_id: int
    message_id: int
    sender_id: int | None
    recipient_ids: tuple[int, ...]
    inbox_ids: tuple[int, ...] = ()

    @property
    def topics(self) -> tuple[str, ...]:
        """The open thread, and the inbox of every person and shared inbox in it."""
        return thread_reach(self.thread_id, self.recipient_ids, self.inbox_ids)


@dataclass(frozen=True)
class MessageRetracted(Event):
    """The sender took a message back within the undo window."""

    thread_id: int
    message_id: int
    recipient_ids: tuple[int, ...]
    inbox_ids: tuple[int, ...] = ()

    @property
    def topics(self) -> tuple[str, ...]:
        """Same reach as the message it undoes."""
        return thread_reach(self.thread_id, self.recipient_ids, self.inbox_ids)


@dataclass(frozen=True)
class InboxChanged(Event):
    """One reader's own view changed (read, unread, moved, muted, left, deleted) on one of their devices."""

    person_id: int
    thread_id: int
    inbox_id: int | None = None

    @property
    def topics(self) -> tuple[str, ...]:
        """Every open device of that reader, and every colleague watching the shared inbox it concerned."""
        return (inbox_topic(self.person_id), *((shared_inbox_topic(self.inbox_id),) if self.inbox_id else ()))
