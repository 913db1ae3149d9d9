"""The kinds of e-mail a person can turn off, and what their settings look like."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

UNSUBSCRIBE_PATH = "/email/afmeld"  # + "/<token>": the page a bulk e-mail's one-click link opens


class EmailKind(StrEnum):
    """A kind of bulk e-mail, turned on or off as a whole."""

    REMINDERS = "reminders"  # calendar and conference reminders
    URGENT = "urgent"  # the urgent broadcast's fallback to guardians who have not read it
    SURVEYS = "surveys"  # invitations to evaluation surveys and reminders to answer them
    DIGEST = "digest"  # the daily summary of notifications (its per-category lines are chosen on the profile)


@dataclass(frozen=True)
class EmailSettingsView:
    """One person's e-mail: the address Sammen has (may be empty) and the kinds they turned off."""

    address: str
    off: frozenset[EmailKind]

    def on(self, kind: EmailKind) -> bool:
        """Whether this kind of e-mail is sent to them."""
        return kind not in self.off
