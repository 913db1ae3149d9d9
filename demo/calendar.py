"""Demo Kalender: a school year of events for every group, institution and the kommune, invitations, closing days."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from dateutil.easter import easter
from tortoise.models import Model

from demo.dates import add_years, school_year
from demo.named import Named
from demo.rows import Demo, RowBook
from domain.calendar.model import Repeat, Scope
from domain.calendar.service import timing
from domain.clock import COPENHAGEN, age_on
from domain.identity.facts import CHILD_LOGIN_MIN_AGE
from domain.organisation.model import DAYCARE_KINDS, GroupKind, InstitutionKind, StaffRole
from persistence.calendar import CalendarEvent, Invitation
from persistence.identity import UserAccount
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, GroupMembership, Person
from persistence.presence import PresenceSettings

CALENDAR_TABLES: list[type[Model]] = [CalendarEvent, Invitation]
K = InstitutionKind
ANSWERS = ["ja"] * 14 + ["nej"] * 3 + ["maaske"] * 3
UPCOMING = {"klasse": ("Åbent hus i {g}", "16:00", "17:30", "Klasselokalet"),
            "stue": ("Forældrekaffe på {g}", "15:00", "16:00", "Stuen"),
            "hold": ("Fællesspisning for familierne, {g}", "17:00", "18:30", "Fællesrummet"),
            "tvaergaaende": ("Læsecafé for læsevenner og forældre", "16:00", "17:00", "Biblioteket")}


def school_days(today: date) -> tuple[date, date]:
    """The first and last school day of the school year holding today (Monday after 7 August, Friday by 25 June)."""
    year = school_year(today)
    first, last = date(year, 8, 8), date(year + 1, 6, 25)
    return first + timedelta(days=-first.weekday() % 7), last - timedelta(days=(last.weekday() - 4) % 7)


def _weekday(day: date, weekday: int) -> date:
    """The first day on or after a day that falls on a weekday (0 = Monday)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


class _Year:
    """The builder's state: who is where today, and the school year's holidays."""

    def __init__(self, demo: Demo, named: Named) -> None:
        self.demo, self.named, self.book, self.today = demo, named, demo.book, demo.today
        self.rng = Random("demo-calendar")  # own randomness: the rest of the demo stays as it was
        self.first, self.last = school_days(demo.today)
        year = self.first.year
        self.created = datetime.combine(min(self.first - timedelta(days=10), self.today), time(9), COPENHAGEN)
        self.now = datetime.combine(self.today, time(0), COPENHAGEN).astimezone(UTC)
        self.breaks = {  # the kommune's school holidays (first and last day)
            "Efterårsferie": (date.fromisocalendar(year, 42, 1), date.fromisocalendar(year, 42, 5)),
            "Juleferie": (_weekday(date(year, 12, 19), 0), date(year + 1, 1, 1)),
            "Vinterferie": (date.fromisocalendar(year + 1, 7, 1), date.fromisocalendar(year + 1, 7, 5)),
            "Påskeferie": (easter(year + 1) - timedelta(days=6), easter(year + 1) - timedelta(days=4)),
        }
        people = {p.id: p for p in self.book.all(Person)}
        self.people = people
        self.named_ids = {p.id for p in named.people.values()}
        self.guardians: dict[int, list[int]] = defaultdict(list)
        for c in self.book.all(Custody):
            if c.valid_from <= self.today and (c.valid_to is None or c.valid_to >= self.today) \
                    and people[c.guardian_id].active:
                self.guardians[c.child_id].append(c.guardian_id)
        self.of_group: dict[int, set[int]] = defaultdict(set)
        self.of_institution: dict[int, set[int]] = defaultdict(set)
        for e in self.book.all(Enrolment):
            if e.start <= self.today and (e.end is None or e.end >= self.today) and people[e.child_id].active:
                self.of_institution[e.institution_id].add(e.child_id)
                if e.group_id is not None:
                    self.of_group[e.group_id].add(e.child_id)
        self.staff_of_group: dict[int, list[Person]] = defaultdict(list)
        for m in self.book.all(GroupMembership):
            if people[m.person_id].is_child:
                if people[m.person_id].active:
                    self.of_group[m.group_id].add(m.person_id)
            else:
                self.staff_of_group[m.group_id].append(people[m.person_id])
        self.staff_of: dict[int, list[Person]] = defaultdict(list)
        self.leader_of: dict[int, Person] = {}
        for w in self.book.all(Employment):
            if w.end is None or w.end >= self.today:
                self.staff_of[w.institution_id].append(people[w.person_id])
                if w.role == StaffRole.LEDER:
                    self.leader_of.setdefault(w.institution_id, people[w.person_id])

    def skipped(self, day: date, start: str) -> list[str]:
        """The occurrence keys of a weekly series that fall in the school holidays."""
        keys = []
        for low, high in self.breaks.values():
            for n in range((high - low).days + 1):
                when = low + timedelta(days=n)
                if when.weekday() == day.weekday():
                    keys.append(datetime.combine(when, _clock(start)).isoformat(timespec="minutes"))
        return sorted(keys)

    def event(self, where: Group | Institution | Person | None, title: str, day: date, start: str | None = None,
              end: str | None = None, *, last_day: date | None = None, repeat: Repeat = Repeat.NONE,
              place: str = "", description: str = "", organiser: Person | None = None, private: bool = False,
              skip: Iterable[str] = (), created: datetime | None = None) -> CalendarEvent:
        """One event stored the way do_create_event stores it (all-day when no clock times are given)."""
        all_day = start is None
        first = datetime.combine(day, _clock(start) if start else time())
        until = datetime.combine(last_day or day, _clock(end) if end else time())
        times = timing(all_day=all_day, start=first, end=until, repeat=repeat,
                       repeat_until=self.last if repeat is not Repeat.NONE else None)
        if isinstance(where, Group):
            scope, keys = Scope.GROUP, {"group_id": where.id}
        elif isinstance(where, Institution):
            scope, keys = Scope.INSTITUTION, {"institution_id": where.id}
        elif isinstance(where, Person):
            scope, keys = Scope.PERSON, {"person_id": where.id}
        else:
            scope, keys = Scope.MUNICIPALITY, {}
        made = created or self.created
        if made > times.starts_at:
            made = times.starts_at - timedelta(days=7)
        return self.book.add(
            CalendarEvent, municipality_id=self.demo.municipality_id, scope=scope.value, **keys,
            organiser_id=organiser.id if organiser else None,
            organiser_name=f"{organiser.first_name} {organiser.last_name}" if organiser else "",
            title=title, description=description, place=place, all_day=all_day, starts_at=times.starts_at,
            ends_at=times.ends_at, rrule=times.rule, repeat_until=times.repeat_until,
            exdates=sorted(set(skip)), private=private, reminder_minutes=None, reminded_through=None,
            invitations_open=False, created_at=made.astimezone(UTC), cancelled_at=None)

    def invite(self, row: CalendarEvent, children: Iterable[int], share: float) -> None:
        """Invite the children's guardians (and the children of 10 and over) as do_create_event does."""
        row.invitations_open = True
        wanted: dict[int, int | None] = {}
        kids = sorted(children)
        for child in kids:
            for guardian in sorted(self.guardians.get(child, [])):
                wanted.setdefault(guardian, child)
        for child in kids:
            born = self.people[child].birth_date
            if born is not None and age_on(born, self.today) >= CHILD_LOGIN_MIN_AGE:
                wanted.setdefault(child, None)
        past = row.starts_at <= self.now
        for person, via in wanted.items():
            answer, at = "", None
            if person in self.named_ids:  # the named users see an answered past and an open future
                answer = "ja" if past else ""
            elif self.rng.random() < share:
                answer = self.rng.choice(ANSWERS)
            if answer:
                latest = min(row.starts_at, self.now)
                at = max(row.created_at, latest - timedelta(minutes=self.rng.randint(60, 14 * 24 * 60)))
            self.book.add(Invitation, event_id=row.id, person_id=person, via_child_id=via, answer=answer,
                          answered_at=at)

    def organiser(self, group: Group | None, institution_id: int | None) -> Person | None:
        """A member of staff in the group, else the institution's leader or someone working there."""
        if group is not None and self.staff_of_group.get(group.id):
            return self.staff_of_group[group.id][group.id % len(self.staff_of_group[group.id])]
        if institution_id is None:
            return None
        return self.leader_of.get(institution_id) or next(iter(self.staff_of.get(institution_id, [])), None)

    def upcoming(self, offset: int) -> date:
        """A weekday some days from today (Monday to Thursday)."""
        day = self.today + timedelta(days=offset)
        while day.weekday() > 3:
            day += timedelta(days=1)
        return day

    def answered_share(self, day: date) -> float:
        """How many have answered: most of them once the day has passed, fewer the further ahead it lies."""
        return 0.85 if day < self.today else max(0.15, 0.6 - (day - self.today).days / 200)


def build_calendar_demo(demo: Demo, named: Named) -> None:
    """Add a school year of events, invitations and closing days (after KommeGå, whose settings it extends)."""
    for table in CALENDAR_TABLES:
        demo.book.rows.setdefault(table, [])
    year = _Year(demo, named)
    _municipality(year)
    institutions = {i.id: i for i in demo.book.all(Institution)}
    for inst in institutions.values():
        _institution(year, inst)
    for group in demo.book.all(Group):
        _group(year, group, institutions.get(group.institution_id or 0))
    _personal(year)
    _closing_days(year, institutions)


def _municipality(y: _Year) -> None:
    admin = y.named.people.get("demo-admin")
    y.event(None, "Skolestart", y.first, organiser=admin, description="Første skoledag efter sommerferien.")
    for title, (low, high) in y.breaks.items():
        y.event(None, title, low, last_day=high, organiser=admin)
    y.event(None, "Sidste skoledag", y.last, organiser=admin)
    y.event(None, "Sommerferie", y.last + timedelta(days=3), last_day=y.last + timedelta(days=44), organiser=admin)
    meeting = _weekday(date(y.first.year, 10, 1), 2)
    y.event(None, "Informationsmøde om Sammen", meeting, "19:00", "20:30", place="Rådhuset, byrådssalen",
            organiser=y.named.people.get("demo-projektgruppe"),
            description="Vi viser den nye app og svarer på spørgsmål. Alle forældre er velkomne.")


def _institution(y: _Year, inst: Institution) -> None:
    kind = InstitutionKind(inst.kind)
    boss = y.organiser(None, inst.id)
    kids = y.of_institution.get(inst.id, set())
    year = y.first.year
    y.event(inst, "Personalemøde", _weekday(y.first + timedelta(days=1), 1), "17:00", "19:00", repeat=Repeat.BIWEEKLY,
            place="Personalerummet", organiser=boss, private=True, description="Dagsorden sendes ud dagen før.")
    if kind in DAYCARE_KINDS:
        meeting = _weekday(date(year, 9, 8) + timedelta(days=7 * (inst.id % 3)), 1 + inst.id % 3)
        row = y.event(inst, f"Forældremøde i {inst.name}", meeting, "19:00", "21:00", place=inst.name, organiser=boss,
                      description="Vi fortæller om året, der kommer, og vælger forældrebestyrelse.")
        y.invite(row, kids, y.answered_share(meeting))
        y.event(inst, "Julefest for børn og forældre", _weekday(date(year, 12, 10), 3), "15:00", "17:00",
                place=inst.name, organiser=boss)
        y.event(inst, "Fastelavn", easter(year + 1) - timedelta(days=48), "09:30", "11:30", organiser=boss,
                description="Kom gerne udklædt. Vi slår katten af tønden.")
        y.event(inst, "Sommerfest", _weekday(date(year + 1, 6, 4), 4), "15:00", "18:00", organiser=boss,
                place="Legepladsen")
    elif kind is K.SKOLE:
        y.event(inst, "Fotografering", _weekday(date(year, 9, 1), 2), "08:00", "14:00", organiser=boss)
        y.event(inst, "Motionsdag", y.breaks["Efterårsferie"][0] - timedelta(days=3), organiser=boss,
                description="Vi løber om skolen. Husk løbetøj og vand.")
        y.event(inst, "Juleafslutning i kirken", y.breaks["Juleferie"][0] - timedelta(days=3), "09:00", "10:00",
                place="Sammenby Kirke", organiser=boss)
        week = date.fromisocalendar(year + 1, 10, 1)
        y.event(inst, "Emneuge: Verden omkring os", week, last_day=week + timedelta(days=4), organiser=boss)
        y.event(inst, "Skolefest", _weekday(date(year + 1, 3, 1), 3), "18:00", "21:00", organiser=boss,
                place="Hallen")
    else:
        y.event(inst, "Julehygge", _weekday(date(year, 12, 1), 2), "15:00", "17:00", organiser=boss,
                place=inst.name)
        y.event(inst, "Sommerfest", _weekday(date(year + 1, 6, 10), 3), "16:00", "19:00", organiser=boss,
                place="Udeområdet")


def _group(y: _Year, group: Group, inst: Institution | None) -> None:
    kind = InstitutionKind(inst.kind) if inst is not None else None
    who = y.organiser(group, inst.id if inst else None)
    kids = y.of_group.get(group.id, set())
    year = y.first.year
    grade = int(group.name.split(".")[0]) if kind is K.SKOLE and group.name[:1].isdigit() else -1
    if group.kind == GroupKind.TVAERGAAENDE:
        if group.expires_on is not None and group.expires_on < y.today:
            return
    elif kind is K.SKOLE:
        gym = _weekday(y.first, group.id % 5)
        y.event(group, "Idræt", gym, "10:00", "11:30", repeat=Repeat.WEEKLY, place="Hallen", organiser=who,
                skip=y.skipped(gym, "10:00"))
        if grade in (3, 4):
            swim = _weekday(y.first, (group.id + 2) % 5)
            y.event(group, "Svømmeundervisning", swim, "12:30", "14:00", repeat=Repeat.BIWEEKLY, organiser=who,
                    place="Sammenby Svømmehal", skip=y.skipped(swim, "12:30"))
        meeting = _weekday(date(year, 8, 24) + timedelta(days=7 * (group.id % 4)), group.id % 4)
        row = y.event(group, f"Forældremøde i {group.name}", meeting, "19:00", "20:30", organiser=who,
                      place="Klasselokalet", description="Vi præsenterer årsplanen og aftaler legegrupper.")
        y.invite(row, kids, y.answered_share(meeting))
        y.event(group, "Klassens julefrokost", y.breaks["Juleferie"][0] - timedelta(days=4), "10:00", "12:00",
                organiser=who, description="Tag en lille ret med til det fælles bord.")
        if grade in (6, 8):
            camp = _weekday(date(year + 1, 5, 10) + timedelta(days=7 * (group.id % 3)), 0)
            y.event(group, "Lejrskole", camp, last_day=camp + timedelta(days=2), organiser=who,
                    place="Lejrskolen Skovbakken")
        trip = _weekday(date(year, 10, 1) + timedelta(days=group.id % 40), 3)
        y.event(group, "Teatertur", trip, "09:00", "13:00", place="Sammenby Teater", organiser=who)
    elif kind in DAYCARE_KINDS:
        walk = _weekday(y.first, 1 + group.id % 3)
        y.event(group, "Tur i skoven", walk, "09:30", "12:30", repeat=Repeat.BIWEEKLY, place="Sammenby Skov",
                organiser=who, description="Husk tøj efter vejret og gummistøvler.")
        y.event(group, "Bedsteforældredag", _weekday(date(year, 10, 15), group.id % 5), "10:00", "12:00",
                organiser=who)
        lucia = date(year, 12, 13)
        y.event(group, "Luciaoptog", lucia if lucia.weekday() < 5 else _weekday(lucia, 0), "09:00", "09:30",
                organiser=who)
        y.event(group, "Tur til Zoologisk Have", _weekday(date(year + 1, 5, 18), group.id % 5), "08:30",
                "14:30", organiser=who, description="Vi kører i bus fra institutionen kl. 8.30.")
    elif kind is K.BFO:
        sport = _weekday(y.first, group.id % 5)
        y.event(group, "Boldspil i hallen", sport, "14:00", "15:30", repeat=Repeat.WEEKLY, place="Hallen",
                organiser=who, skip=y.skipped(sport, "14:00"))
        winter = y.breaks["Vinterferie"][0] + timedelta(days=2)
        y.event(group, "Ferietur til Naturcentret", winter, "09:00", "15:00", organiser=who)
    elif kind is K.KLUB:
        night = _weekday(y.first, 1 + group.id % 3)
        y.event(group, "Klubaften", night, "18:30", "21:00", repeat=Repeat.WEEKLY, place=inst.name if inst else "",
                organiser=who, skip=y.skipped(night, "18:30"))
        y.event(group, "Klubtur til Lalandia", _weekday(date(year + 1, 4, 20), 5), organiser=who)
    if kind in DAYCARE_KINDS or 0 <= grade <= 3:
        _birthdays(y, group, who, kids)
    title, start, end, place = UPCOMING[str(group.kind)]
    day = y.upcoming(3 + group.id % 9)
    row = y.event(group, title.format(g=group.name), day, start, end, place=place, organiser=who,
                  created=datetime.combine(y.today - timedelta(days=3), time(9), COPENHAGEN))
    y.invite(row, kids, y.answered_share(day))


def _birthdays(y: _Year, group: Group, who: Person | None, kids: set[int]) -> None:
    """Each child's birthday in the school year is celebrated in the room or class (a Friday for a weekend)."""
    for child in sorted(kids):
        person = y.people[child]
        if person.birth_date is None:
            continue
        for year in (y.first.year, y.last.year):
            day = add_years(person.birth_date, year - person.birth_date.year)
            if y.first <= day <= y.last:
                day -= timedelta(days=max(0, day.weekday() - 4))
                if any(low <= day <= high for low, high in y.breaks.values()):
                    continue  # no one is there to sing
                y.event(group, f"Fødselsdag: {person.first_name}", day, "09:00", "09:45", organiser=who,
                        description=f"Vi fejrer {person.first_name} med sang og flag.")


def _personal(y: _Year) -> None:
    people = y.named.people
    plans = [
        ("demo-foraelder", "Lægetid", 2, "08:15", "08:45", "Lægehuset"),
        ("demo-foraelder", "Fødselsdag hos farmor", 7, None, None, ""),
        ("demo-foraelder-klub", "Møde med banken", 4, "16:00", "17:00", ""),
        ("demo-paedagog-bfo", "Tandlæge", 5, "07:30", "08:00", ""),
        ("demo-paedagog-vuggestue", "Førstehjælpskursus", 6, "09:00", "15:00", "Rådhuset"),
        ("demo-laerer", "Kursus i læsevejledning", 4, "09:00", "15:00", "UC Sammenby"),
        ("demo-leder", "Ledermøde i kommunen", 3, "13:00", "15:00", "Rådhuset"),
        ("demo-projektgruppe", "Status på udrulningen", 2, "10:00", "11:00", "Rådhuset"),
        ("demo-admin", "Budgetmøde", 5, "09:00", "11:00", "Rådhuset"),
        ("demo-ppr", "Supervision", 3, "14:00", "15:30", ""),
        ("demo-barn-klub", "Fodboldkamp", 8, "10:00", "12:00", "Sammenby Stadion"),
    ]
    for subject, title, offset, start, end, place in plans:
        person = people.get(subject)
        if person is not None:
            day = y.today + timedelta(days=offset)
            if start is not None:
                day = y.upcoming(offset)
            y.event(person, title, day, start, end, place=place, organiser=person,
                    created=datetime.combine(y.today - timedelta(days=1), time(20), COPENHAGEN))
    for subject, title, weekday, start, end in (("demo-foraelder", "Løbeklub", 2, "19:00", "20:00"),
                                               ("demo-barn-klub", "Fodboldtræning", 0, "16:30", "18:00")):
        person = people.get(subject)
        if person is not None:
            y.event(person, title, _weekday(y.first, weekday), start, end, repeat=Repeat.WEEKLY, organiser=person)


def _closing_days(y: _Year, institutions: dict[int, Institution]) -> None:
    """Christmas Eve, New Year's Eve, the day after Ascension, Constitution Day and a July week, never today."""
    year = y.first.year
    ascension = easter(year + 1) + timedelta(days=39)
    july = date.fromisocalendar(year + 1, 29, 1)
    days = {date(year, 12, 24): "Juleaftensdag", date(year, 12, 31): "Nytårsaftensdag",
            ascension + timedelta(days=1): "Dagen efter Kristi himmelfart", date(year + 1, 6, 5): "Grundlovsdag",
            **{july + timedelta(days=n): "Sommerlukket" for n in range(5)}}
    for settings in y.book.rows.get(PresenceSettings, []):
        if settings.institution_id not in institutions:
            continue
        have = {str(entry.get("day")) for entry in settings.closing_days if isinstance(entry, dict)}
        added = [{"day": d.isoformat(), "reason": r} for d, r in sorted(days.items())
                 if d != y.today and d.isoformat() not in have]
        settings.closing_days = sorted([*settings.closing_days, *added], key=lambda entry: str(entry.get("day")))



def named_of(book: RowBook) -> Named:
    """The named demo users found through their accounts, for callers holding only the rows."""
    people = {p.id: p for p in book.all(Person)}
    return Named(people={a.oidc_subject: people[a.person_id] for a in book.all(UserAccount)
                         if a.oidc_subject.startswith("demo-")})
