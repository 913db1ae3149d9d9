"""Reminders and deadlines for the notification centre, once a minute in the one jobs process, e-mail on or off."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from domain.calendar.reminder_notes import do_remind_due_events
from domain.conferences.reminder_notes import do_remind_due_slots
from domain.crossgroups.jobs import do_tend_cross_groups
from domain.forms.deadline_notes import do_remind_form_deadlines
from domain.minute_jobs import MinuteJobs
from domain.vacation.deadline_notes import do_remind_vacation_deadlines

Producer = Callable[[datetime], Awaitable[int]]  # (now) -> how many notifications were new
PRODUCERS: tuple[Producer, ...] = (do_remind_due_events, do_remind_due_slots, do_remind_form_deadlines,
                                   do_remind_vacation_deadlines, do_tend_cross_groups)


class DueNotifications(MinuteJobs[Producer]):
    """Runs every producer once a minute; each is idempotent through its cause, so a rerun tells no one twice."""

    kind = "notification job"

    def __init__(self, producers: Sequence[Producer] = PRODUCERS) -> None:
        super().__init__(producers)

    async def run_job(self, job: Producer, now: datetime) -> int:
        """Make the notifications this producer has due."""
        return await job(now)
