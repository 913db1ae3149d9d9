"""Demo: the daycare survey's invitation and a reminder, both by e-mail and long sent (so no e-mail waits)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from demo.rows import Demo
from domain.clock import COPENHAGEN
from domain.rollout.survey_reach import SendKind
from persistence.people import Person
from persistence.rollout import Survey
from persistence.survey_reach import SurveySending

REMINDER_AFTER_DAYS = 14


def build_sendings(demo: Demo, survey: Survey, asked: list[int], answered: dict[int, date], team_id: int) -> None:
    """An e-mail invitation on the survey's first day to everyone asked with an address, and a reminder two weeks
    later to those of them who had not answered by then; as the service records them once the mail job is done."""
    wanted = set(asked)
    with_address = {p.id for p in demo.book.all(Person) if p.email and p.id in wanted}
    first = survey.created_at.astimezone(COPENHAGEN).date()
    reminder_day = first + timedelta(days=REMINDER_AFTER_DAYS)
    if reminder_day >= demo.today:
        return
    not_yet = {p for p in with_address if answered.get(p, reminder_day) >= reminder_day}
    for kind, day, reached in ((SendKind.INVITATION, first, with_address), (SendKind.REMINDER, reminder_day, not_yet)):
        demo.book.add(SurveySending, survey_id=survey.id, kind=kind.value, by_message=False, by_email=True,
                      sent_by_id=team_id, sent_at=datetime.combine(day, time(9, 5), tzinfo=COPENHAGEN),
                      messages=0, emails=len(reached))
