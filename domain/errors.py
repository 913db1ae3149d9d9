"""Domain errors: each carries a translation key so the UI can say it in the user's language."""

from __future__ import annotations


class DomainError(Exception):
    """Something a user asked for that Sammen refuses, with a message key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class AccessDenied(DomainError):
    """The access policy said no; an audit entry has been written."""


class NotFound(DomainError):
    """The thing asked for does not exist (or is not visible to the actor)."""


# Not a DomainError: pages that turn a refusal into an empty state must not hide an outage that way.
class DatabaseUnavailable(Exception):
    """The database cannot be reached just now (restarting, stopped, unreachable); retrying later may succeed."""

    key = "db.reconnecting"

    def __init__(self, cause: str = "") -> None:
        super().__init__(cause or "database unavailable")
        self.cause = cause
