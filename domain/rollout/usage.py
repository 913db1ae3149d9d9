"""Use per week and institution: the share of expected attendances checked in digitally, and messages sent."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.calendar.holidays import holidays_between
from domain.clock import day_start
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.organisation.service import active_institution_rows
from domain.presence.model import ABSENT, PRESENCE_KINDS
from persistence.messages import Message
from persistence.people import Enrolment
from persistence.presence import PresenceDay
from persistence.queries import active_on

WEEKS = 8


@dataclass(frozen=True)
class WeekUse:
    """One institution's week (named by its Monday): expected attendances, digital check-ins, messages sent."""

    week: date
    institution_id: int
    expected: int
    checked_in: int
    messages: int

    @property
    def share(self) -> float | None:
        """Checked in digitally out of expected, at most 1; None where no attendance was expected."""
        return min(1.0, self.checked_in / self.expected) if self.expected else None


@dataclass(frozen=True)
class UsageInstitution:
    """An institution the figures name, and whether children check in there at all."""

    institution_id: int
    name: str
    checks_in: bool


@dataclass(frozen=True)
class Usage:
    """The last weeks' use per institution."""

    weeks: tuple[date, ...]
    institutions: tuple[UsageInstitution, ...]
    rows: tuple[WeekUse, ...]

    def total(self, week: date, institution_ids: frozenset[int] | None = None) -> WeekUse:
        """A week summed over the institutions (all when None)."""
        mine = [r for r in self.rows if r.week == week and (institution_ids is None or r.institution_id in
                                                            institution_ids)]
        return WeekUse(week, 0, sum(r.expected for r in mine), sum(r.checked_in for r in mine),
                       sum(r.messages for r in mine))


def monday(day: date) -> date:
    """The Monday of a day's week."""
    return day - timedelta(days=day.weekday())


def open_days(first: date, last: date) -> list[date]:
    """Weekdays that are not public holidays, from first to last."""
    holidays = {d for d, _ in holidays_between(first, last)}
    return [first + timedelta(days=n) for n in range((last - first).days + 1)
            if (first + timedelta(days=n)).weekday() < 5 and first + timedelta(days=n) not in holidays]


async def _per_day(query: object, first: date, last: date) -> dict[tuple[date, int], int]:
    rows = await query.filter(day__gte=first, day__lte=last, is_staff=False).annotate(  # type: ignore[attr-defined]
        n=Count("id")).group_by("day", "institution_id").values_list("day", "institution_id", "n")
    return {(d, int(i)): int(n) for d, i, n in rows}


async def _messages(weeks: list[date], last: date) -> dict[tuple[date, int], int]:
    """Messages per week at the sender's institutions, as staff or as guardian of a child there (2 per week)."""
    out: dict[tuple[date, int], int] = defaultdict(int)
    for week in weeks:
        since, until = day_start(week), day_start(min(week + timedelta(days=7), last + timedelta(days=1)))
        sent = Message.filter(created_at__gte=since, created_at__lt=until, auto_reply=False)
        staff = await sent.filter(active_on(week, "sender__employments__start", "sender__employments__end")).annotate(
            n=Count("id", distinct=True)).group_by("sender__employments__institution_id").values_list(
            "sender__employments__institution_id", "n")
        family = await sent.filter(
            active_on(week, "sender__custodies_held__valid_from", "sender__custodies_held__valid_to"),
            active_on(week, "sender__custodies_held__child__enrolments__start",
                      "sender__custodies_held__child__enrolments__end")).annotate(
            n=Count("id", distinct=True)).group_by("sender__custodies_held__child__enrolments__institution_id"
                                                   ).values_list(
            "sender__custodies_held__child__enrolments__institution_id", "n")
        for institution_id, n in [*staff, *family]:
            if institution_id is not None:
                out[(week, int(institution_id))] += int(n)
    return dict(out)


async def weekly_use(actor: Actor, today: date, weeks: int = WEEKS) -> Usage:
    """The last weeks (this one so far included) for the project team: about 2 + 3 per week queries."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    institutions = await active_institution_rows()
    mondays = [monday(today) - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    first, last = mondays[0], today
    enrolled: dict[tuple[date, int], int] = {}
    for week in mondays:  # the children enrolled on the week's Monday stand for the week
        rows = await Enrolment.filter(active_on(week), child__active=True).annotate(n=Count("id")).group_by(
            "institution_id").values_list("institution_id", "n")
        enrolled.update({(week, int(i)): int(n) for i, n in rows})
    absent = await _per_day(PresenceDay.filter(status__in=[s.value for s in ABSENT]), first, last)
    checked = await _per_day(PresenceDay.filter(arrived_at__isnull=False), first, last)
    messages = await _messages(mondays, last)
    days = open_days(first, last)
    checks_in = {i: InstitutionKind(kind) in PRESENCE_KINDS for i, _, kind in institutions}
    out = []
    for week in mondays:
        week_days = [d for d in days if monday(d) == week]
        for institution_id, _, _ in institutions:
            expected = 0
            if checks_in[institution_id]:
                children = enrolled.get((week, institution_id), 0)
                expected = sum(max(0, children - absent.get((d, institution_id), 0)) for d in week_days)
            done = sum(checked.get((d, institution_id), 0) for d in week_days)
            out.append(WeekUse(week, institution_id, expected, done, messages.get((week, institution_id), 0)))
    return Usage(tuple(mondays), tuple(UsageInstitution(i, n, checks_in[i]) for i, n, _ in institutions), tuple(out))
