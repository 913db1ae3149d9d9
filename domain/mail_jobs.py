"""The e-mail jobs (broadcast fallback, reminders) run once a minute on the process clock, in the one jobs process."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from domain.minute_jobs import MinuteJobs
from domain.settings import SmtpSettings

Sender = Callable[..., Awaitable[int]]  # (smtp, public_url, *, now) -> how many e-mails went out


class EmailJobs(MinuteJobs[Sender]):
    """Runs every sender once a minute; a pass still going makes the next tick skip."""

    kind = "e-mail job"

    def __init__(self, smtp: SmtpSettings, public_url: str, senders: Sequence[Sender]) -> None:
        super().__init__(senders)
        self.smtp, self.public_url = smtp, public_url

    async def run_job(self, job: Sender, now: datetime) -> int:
        """Send what this sender has due."""
        return await job(self.smtp, self.public_url, now=now)
