"""Demo vacation request: Christmas for Skovlyskolens BFO and Solsikken, a third answered, Mette's children not."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from demo.named import Named
from demo.rows import Demo
from domain.clock import COPENHAGEN
from domain.presence.model import Action, DeviceKind, Status
from persistence.organisation import Institution
from persistence.people import Custody, Enrolment, Person
from persistence.presence import PlanEntry, PresenceChange, PresenceDay, PresenceSettings
from persistence.vacation import VacationAnswer, VacationRequest

TARGETS = ("999301", "999111")  # Skovlyskolens BFO and Solsikken
TITLE = "Juleferie"
NOTE = ("Fortæl os senest fristen, hvilke dage jeres barn kommer i juleferien, så vi kan planlægge bemandingen. "
        "Dage, hvor barnet holder fri, bliver registreret som ferie i KommeGå.")


def _utc(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(minutes // 60, minutes % 60), COPENHAGEN).astimezone(UTC)


def christmas(today: date) -> tuple[date, date]:
    """The next Christmas period (21 December to 1 January) that starts more than a week after today."""
    year = today.year if date(today.year, 12, 21) > today + timedelta(days=7) else today.year + 1
    return date(year, 12, 21), date(year + 1, 1, 1)


def _open_days(settings: PresenceSettings | None, first: date, last: date) -> list[date]:
    closed = {str(d.get("day")) for d in settings.closing_days} if settings else set()
    weekdays = set(settings.open_weekdays) if settings else {0, 1, 2, 3, 4}
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [d for d in days if d.isoformat() not in closed and d.weekday() in weekdays]


def build_vacation_demo(demo: Demo, named: Named) -> None:
    """One open request with about a third of the children answered, and their answers in KommeGå."""
    add_vacation_request(demo, named.people["demo-leder"], named.people["demo-foraelder"])


def add_vacation_request(demo: Demo, author: Person, unanswered_guardian: Person) -> VacationRequest:
    """The Christmas request; the children of one guardian stay unanswered so the Overblik card shows."""
    book = demo.book
    for table in (VacationRequest, VacationAnswer, PlanEntry, PresenceDay, PresenceChange):
        book.rows.setdefault(table, [])
    institutions = [i for i in book.all(Institution) if i.number in TARGETS]
    first, last = christmas(demo.today)
    request = book.add(VacationRequest, author_id=author.id, author_name=f"{author.first_name} {author.last_name}",
                       title=TITLE, note=NOTE, first_day=first, last_day=last,
                       deadline=_utc(demo.today + timedelta(days=7), 23 * 60 + 59),
                       institution_ids=[i.id for i in institutions], group_ids=[],
                       created_at=_utc(demo.today - timedelta(days=2), 9 * 60))
    people = {p.id: p for p in book.all(Person)}
    guardians: dict[int, list[int]] = defaultdict(list)
    for c in book.all(Custody):
        if c.valid_to is None or c.valid_to >= demo.today:
            guardians[c.child_id].append(c.guardian_id)
    mette = unanswered_guardian.id
    settings = {s.institution_id: s for s in book.rows.get(PresenceSettings, [])}
    rng, seen = Random("demo-vacation"), set()
    for e in book.all(Enrolment):
        active = e.start <= first and (e.end is None or e.end >= first)
        if not active or e.institution_id not in request.institution_ids or e.child_id in seen:
            continue
        seen.add(e.child_id)
        if mette in guardians[e.child_id] or not guardians[e.child_id] or rng.random() >= 1 / 3:
            continue
        guardian = people[guardians[e.child_id][0]]
        _answer(demo, rng, request, e.child_id, e.institution_id, guardian,
                _open_days(settings.get(e.institution_id), first, last))
    return request


def _answer(demo: Demo, rng: Random, request: VacationRequest, child_id: int, institution_id: int,
            guardian: Person, days: list[date]) -> None:
    """All days off, or the first days as usual (sometimes with times) and the rest off."""
    book, at = demo.book, _utc(demo.today - timedelta(days=rng.randint(0, 1)), rng.randint(17 * 60, 21 * 60))
    comes_until = 0 if rng.random() < 0.5 else rng.randint(1, max(1, len(days) // 2))
    with_times = rng.random() < 0.4
    for index, day in enumerate(days):
        comes = index < comes_until
        arrival, pickup = (480, 900) if comes and with_times else (None, None)
        book.add(VacationAnswer, request_id=request.id, child_id=child_id, day=day, comes=comes,
                 arrival_min=arrival, pickup_min=pickup, answered_by_id=guardian.id, answered_at=at)
        if arrival is not None:
            book.add(PlanEntry, child_id=child_id, day=day, arrival_min=arrival, pickup_min=pickup, updated_at=at,
                     updated_by=guardian.first_name)
        elif not comes:
            book.add(PresenceDay, person_id=child_id, institution_id=institution_id, day=day,
                     status=Status.VACATION, version=1, changed_at=at, changed_by=guardian.first_name)
            book.add(PresenceChange, person_id=child_id, institution_id=institution_id, day=day, at=at,
                     action=Action.REPORT_VACATION, from_status=Status.NOT_ARRIVED, to_status=Status.VACATION,
                     actor_person_id=guardian.id, actor_name=guardian.first_name, device=DeviceKind.PHONE)
