"""Rollout demo data: the deck's two project plans, a current school programme, readiness and login history.

The deck's plans ("Projektplan for dagtilbud", "Projektplan for BFO og klub") keep their real 2019-2021
dates. A month range in the deck ("feb. 2019 - okt. 2020") becomes the first day of the first month to the
last day of the last month (2019-02-01..2020-10-31); "sommer 2021" is June-August 2021; "uge 44 2020" is the
Monday of ISO week 44. The school programme is current, so its dates are relative to the injected day.
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.named import Named
from demo.rows import Demo, RowBook, insert_tables
from domain.clock import COPENHAGEN
from domain.organisation.model import InstitutionKind
from domain.rollout.adoption import do_backfill_snapshots
from domain.rollout.model import (
    AREA_OF_KIND,
    Area,
    ChecklistAction,
    MilestoneStatus,
    ObservedKey,
    Phase,
    ReadinessItem,
    SpanKind,
    Track,
)
from persistence.identity import LoginRecord, UserAccount
from persistence.organisation import Institution
from persistence.people import Custody, Enrolment, Person
from persistence.rollout import (
    ChecklistEntry,
    ChecklistItem,
    ChecklistTick,
    Milestone,
    Programme,
    Span,
    Survey,
    SurveyAnswer,
    SurveyInstitution,
    SurveyParticipant,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)
from persistence.survey_reach import SurveySending

# Inserted after the seed's own tables, in foreign-key order.
ROLLOUT_TABLES: list[type[Model]] = [Programme, Span, Milestone, ChecklistItem, ChecklistTick, ChecklistEntry,
                                     LoginRecord, Survey, SurveyInstitution, SurveySection, SurveyQuestion,
                                     SurveyParticipant, SurveyResponse, SurveyAnswer, SurveySending]
SNAPSHOT_DAYS = 30
LOGIN_WINDOW_DAYS = 60

# Share of guardians who have ever logged in, per area (each institution varies around it).
LOGIN_SHARE = {Area.DAGTILBUD: 0.80, Area.BFO_KLUB: 0.55, Area.SKOLE: 0.20}
LOGIN_SPREAD = 0.08
LAPSED_SHARE = 0.5  # of those who first logged in over 30 days ago, how many have not been back since

TRACK_LABELS = {
    Track.ANVENDELSESSTRATEGI: "Anvendelsesstrategi",
    Track.IT_DATA: "IT og data, persondata",
    Track.KURSER_INFO: "Kurser og information",
    Track.SUPPORT: "Support",
}
PHASE_LABELS = {
    Phase.UDRULNING: "Udrulning",
    Phase.TILPASNING_DRIFT: "Tilpasning og drift",
    Phase.SUPPORT: "Support",
    Phase.EVALUERING: "Evaluering og opfølgning",
}


def month_start(year: int, month: int) -> date:
    """The first day of a month."""
    return date(year, month, 1)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, monthrange(year, month)[1])


def iso_monday(year: int, week: int) -> date:
    """The Monday of an ISO week ('uge 44 2020')."""
    return date.fromisocalendar(year, week, 1)


@dataclass(frozen=True)
class SpanSpec:
    """One dated stretch of a track or phase."""

    kind: SpanKind
    key: str
    label: str
    start: date
    end: date


@dataclass(frozen=True)
class MilestoneSpec:
    """One milestone, attached to the phase with the given key."""

    title: str
    owner: str
    due: date
    status: MilestoneStatus
    phase: Phase
    notes: str = ""


def _track(track: Track, start: date, end: date, detail: str = "") -> SpanSpec:
    label = f"{TRACK_LABELS[track]}: {detail}" if detail else TRACK_LABELS[track]
    return SpanSpec(SpanKind.TRACK, track.value, label, start, end)


def _phase(phase: Phase, start: date, end: date, detail: str = "") -> SpanSpec:
    label = f"{PHASE_LABELS[phase]} ({detail})" if detail else PHASE_LABELS[phase]
    return SpanSpec(SpanKind.PHASE, phase.value, label, start, end)


def dagtilbud_plan() -> tuple[list[SpanSpec], list[MilestoneSpec]]:
    """'Projektplan for dagtilbud overordnet': 3 spor og 3 faser, 2019-2021."""
    spans = [
        _track(Track.ANVENDELSESSTRATEGI, month_start(2020, 8), month_end(2020, 11)),
        _track(Track.IT_DATA, month_start(2019, 2), month_end(2020, 10)),
        _track(Track.KURSER_INFO, month_start(2020, 9), month_end(2020, 11), "superbrugere"),
        _track(Track.KURSER_INFO, month_start(2021, 1), month_end(2021, 3), "personale og forældre"),
        _track(Track.SUPPORT, month_start(2021, 1), month_end(2021, 5)),
        _phase(Phase.UDRULNING, date(2020, 9, 8), date(2020, 11, 20)),
        _phase(Phase.TILPASNING_DRIFT, month_start(2021, 1), month_end(2021, 4)),
        _phase(Phase.SUPPORT, month_start(2021, 1), month_end(2021, 5)),
        _phase(Phase.EVALUERING, month_start(2021, 6), month_end(2021, 8)),
    ]
    done = MilestoneStatus.DONE
    milestones = [
        MilestoneSpec("Anvendelsesbeslutning DDL uge 44 2020", "Dagtilbudsledelsen (DDL)", iso_monday(2020, 44),
                      done, Phase.UDRULNING, "Indgår i informationssporet."),
        MilestoneSpec("Superbrugerkursus uge 46", "Projektgruppen", iso_monday(2020, 46), done, Phase.UDRULNING),
        MilestoneSpec("Personale og forældre informeret", "Dagtilbudslederne", month_end(2021, 3), done,
                      Phase.TILPASNING_DRIFT),
        MilestoneSpec("Evaluering af udrulningen i dagtilbud", "Projektgruppen", month_end(2021, 8), done,
                      Phase.EVALUERING),
    ]
    return spans, milestones


def bfo_klub_plan() -> tuple[list[SpanSpec], list[MilestoneSpec]]:
    """'Projektplan for BFO og klub': BFO in autumn 2020, klub in summer 2021."""
    spans = [
        _track(Track.ANVENDELSESSTRATEGI, month_start(2020, 8), month_end(2020, 9), "BFO"),
        _track(Track.ANVENDELSESSTRATEGI, month_start(2021, 6), month_end(2021, 8), "klub"),
        _track(Track.IT_DATA, month_start(2019, 2), month_end(2020, 10)),
        _track(Track.KURSER_INFO, month_start(2020, 9), month_end(2021, 6), "superbrugere og personale 2020-21"),
        _track(Track.KURSER_INFO, month_start(2021, 5), month_end(2021, 5), "forældre"),
        _track(Track.SUPPORT, month_start(2021, 1), month_end(2021, 5), "egne superbrugere"),
        _phase(Phase.UDRULNING, date(2020, 9, 8), month_end(2020, 12)),
        _phase(Phase.TILPASNING_DRIFT, month_start(2021, 6), month_end(2021, 8)),
        _phase(Phase.SUPPORT, month_start(2021, 1), month_end(2021, 5)),
        _phase(Phase.EVALUERING, month_start(2021, 9), month_end(2021, 11)),
    ]
    done = MilestoneStatus.DONE
    milestones = [
        MilestoneSpec("Superbrugere personale 2020-21", "BFO-lederne", date(2020, 12, 18), done, Phase.UDRULNING),
        MilestoneSpec("Forældreinformation maj 2021", "Projektgruppen", month_end(2021, 5), done, Phase.SUPPORT),
        MilestoneSpec("Klub anvendelse sommer 2021", "Klublederne", month_end(2021, 8), done,
                      Phase.TILPASNING_DRIFT),
    ]
    return spans, milestones


def skole_plan(today: date) -> tuple[list[SpanSpec], list[MilestoneSpec]]:
    """The current school programme: today-120..today+240 days, today inside the Udrulning phase."""

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    spans = [
        _track(Track.ANVENDELSESSTRATEGI, day(-120), day(-60)),
        _track(Track.IT_DATA, day(-120), day(-30)),
        _track(Track.KURSER_INFO, day(-70), day(20), "superbrugere og lærere"),
        _track(Track.KURSER_INFO, day(30), day(90), "forældre og elever"),
        _track(Track.SUPPORT, day(-30), day(240)),
        _phase(Phase.UDRULNING, day(-60), day(45)),
        _phase(Phase.TILPASNING_DRIFT, day(46), day(150)),
        _phase(Phase.SUPPORT, day(46), day(180)),
        _phase(Phase.EVALUERING, day(181), day(240)),
    ]
    milestones = [
        MilestoneSpec("Anvendelsesbeslutning i skoleledelsen", "Skolelederne", day(-55), MilestoneStatus.DONE,
                      Phase.UDRULNING),
        MilestoneSpec("Superbrugerkursus for skolerne", "Projektgruppen", day(-30), MilestoneStatus.DONE,
                      Phase.UDRULNING),
        MilestoneSpec("Forældrebrev om Sammen sendt til indskolingen", "Skolesekretariatet", day(-7),
                      MilestoneStatus.IN_PROGRESS, Phase.UDRULNING, "Venter på godkendelse af teksten."),
        MilestoneSpec("Alle lærere har været på kursus", "Pædagogisk IT-vejleder", day(20),
                      MilestoneStatus.IN_PROGRESS, Phase.UDRULNING),
        MilestoneSpec("Første besked til alle forældre", "Skolelederne", day(60), MilestoneStatus.PLANNED,
                      Phase.TILPASNING_DRIFT),
        MilestoneSpec("Evaluering af udrulningen i skolerne", "Projektgruppen", day(220), MilestoneStatus.PLANNED,
                      Phase.EVALUERING),
    ]
    return spans, milestones


def build_rollout(demo: Demo, named: Named) -> None:
    """Add programmes, readiness ticks and login history to the demo's rows (after the accounts)."""
    for table in ROLLOUT_TABLES:
        demo.book.rows.setdefault(table, [])
    checklists = {
        Area.DAGTILBUD: _programme(demo.book, Area.DAGTILBUD, "Projektplan for dagtilbud", *dagtilbud_plan()),
        Area.BFO_KLUB: _programme(demo.book, Area.BFO_KLUB, "Projektplan for BFO og klub", *bfo_klub_plan()),
        Area.SKOLE: _programme(demo.book, Area.SKOLE, "Udrulning i skolerne", *skole_plan(demo.today)),
    }
    _readiness(demo, named.people["demo-projektgruppe"].id, checklists)
    _logins(demo, {person.id for person in named.people.values()})


def _programme(book: RowBook, area: Area, name: str, spans: list[SpanSpec], stones: list[MilestoneSpec]
               ) -> dict[ReadinessItem, ChecklistItem]:
    """One programme with its spans, milestones and checklist; a milestone hangs on its phase of the same key."""
    programme = book.add(Programme, area=area, name=name, start=min(s.start for s in spans),
                         end=max(s.end for s in spans))
    phases: dict[str, Span] = {}
    for spec in spans:
        span = book.add(Span, programme_id=programme.id, kind=spec.kind, key=spec.key, label=spec.label,
                        start=spec.start, end=spec.end)
        if spec.kind is SpanKind.PHASE:
            phases[spec.key] = span
    for stone in stones:
        phase = phases[stone.phase.value]
        assert phase.start <= stone.due, stone.title
        book.add(Milestone, programme_id=programme.id, phase_id=phase.id, title=stone.title, owner=stone.owner,
                 due=stone.due, status=stone.status, notes=stone.notes)
    return _checklist(book, programme, phases)


# The first checklist's six items, now data: title, owner, days before the Udrulning phase ends, observed key.
CHECKLIST: list[tuple[ReadinessItem, str, str, int, ObservedKey | None]] = [
    (ReadinessItem.SUPERUSERS, "Superbrugere udpeget", "Lederen", 60, ObservedKey.SUPERUSERS),
    (ReadinessItem.STAFF_TRAINED, "Personale uddannet", "Superbrugerne", 30, None),
    (ReadinessItem.GUARDIANS_INFORMED, "Forældre informeret", "Lederen", 20, None),
    (ReadinessItem.WALL_SCREEN_PAIRED, "Vægskærm parret", "IT-supporten", 10, ObservedKey.WALL_SCREEN_PAIRED),
    (ReadinessItem.KOMMEGAA_IN_USE, "KommeGå i brug", "Lederen", 0, ObservedKey.KOMMEGAA_IN_USE),
    (ReadinessItem.FIRST_MESSAGE, "Første besked sendt", "Lederen", 0, ObservedKey.FIRST_MESSAGE),
]
# Items of the later phases, with no tick yet in any institution: they show what the plan asks next.
LATER_ITEMS: list[tuple[Phase, str, str]] = [
    (Phase.TILPASNING_DRIFT, "Faste rutiner for beskeder aftalt", "Lederen"),
    (Phase.EVALUERING, "Evaluering besvaret", "Projektgruppen"),
]


def _checklist(book: RowBook, programme: Programme, phases: dict[str, Span]) -> dict[ReadinessItem, ChecklistItem]:
    """The programme's checklist: the six first items in its Udrulning phase, then one item per later phase."""
    rollout = phases[Phase.UDRULNING.value]
    out = {}
    for position, (key, title, owner, days_before, observed) in enumerate(CHECKLIST, start=1):
        out[key] = book.add(ChecklistItem, programme_id=programme.id, phase_id=rollout.id, title=title, owner=owner,
                            deadline=rollout.end - timedelta(days=days_before), position=position, observed=observed)
    for position, (phase, title, owner) in enumerate(LATER_ITEMS, start=len(CHECKLIST) + 1):
        span = phases[phase.value]
        book.add(ChecklistItem, programme_id=programme.id, phase_id=span.id, title=title, owner=owner,
                 deadline=span.end, position=position, observed=None)
    return out


# The order in which each area works through the hand-ticked items (superusers are observed, never ticked).
READINESS_ORDER = {
    Area.DAGTILBUD: [ReadinessItem.STAFF_TRAINED, ReadinessItem.GUARDIANS_INFORMED, ReadinessItem.FIRST_MESSAGE,
                     ReadinessItem.WALL_SCREEN_PAIRED, ReadinessItem.KOMMEGAA_IN_USE],
    Area.BFO_KLUB: [ReadinessItem.STAFF_TRAINED, ReadinessItem.GUARDIANS_INFORMED, ReadinessItem.KOMMEGAA_IN_USE,
                    ReadinessItem.WALL_SCREEN_PAIRED, ReadinessItem.FIRST_MESSAGE],
    Area.SKOLE: [ReadinessItem.STAFF_TRAINED, ReadinessItem.GUARDIANS_INFORMED, ReadinessItem.FIRST_MESSAGE,
                 ReadinessItem.WALL_SCREEN_PAIRED, ReadinessItem.KOMMEGAA_IN_USE],
}
# How many of those items are ticked: daycare and BFO/klub far along, schools early.
READINESS_STAGE = {Area.DAGTILBUD: (3, 5), Area.BFO_KLUB: (2, 5), Area.SKOLE: (0, 2)}
DONE_NOTES = {
    ReadinessItem.STAFF_TRAINED: "Personalemøde med gennemgang afholdt",
    ReadinessItem.GUARDIANS_INFORMED: "Informationsbrev sendt og forældremøde holdt",
    ReadinessItem.FIRST_MESSAGE: "Første nyhedsbrev sendt i Sammen",
    ReadinessItem.WALL_SCREEN_PAIRED: "Skærmen hænger ved indgangen",
    ReadinessItem.KOMMEGAA_IN_USE: "Alle grupper tjekker ind og ud",
}
WAITING_NOTES = {
    ReadinessItem.STAFF_TRAINED: "Kursus planlagt efter ferien",
    ReadinessItem.GUARDIANS_INFORMED: "Brevet er skrevet, sendes snart",
    ReadinessItem.FIRST_MESSAGE: "Venter på at alle forældre er oprettet",
    ReadinessItem.WALL_SCREEN_PAIRED: "Skærmen er bestilt",
    ReadinessItem.KOMMEGAA_IN_USE: "Afventer netværk i garderoben",
}


def _readiness(demo: Demo, by_person_id: int, checklists: dict[Area, dict[ReadinessItem, ChecklistItem]]) -> None:
    """Ticks by the project team at every institution, each with its history entry; the next open item may carry
    a note."""
    book, rng = demo.book, demo.rng
    by_name = next(f"{p.first_name} {p.last_name}" for p in book.all(Person) if p.id == by_person_id)
    for inst in book.all(Institution):
        area = AREA_OF_KIND[InstitutionKind(inst.kind)]
        order = READINESS_ORDER[area]
        stage = rng.randint(*READINESS_STAGE[area])
        age = rng.randint(3, 50) if area is Area.SKOLE else rng.randint(30, 110)
        for position, item in enumerate(order[:stage]):
            at = moment(demo.today - timedelta(days=max(1, age - 7 * position)), rng, 8, 16)
            comment = DONE_NOTES[item] if rng.random() < 0.4 else ""
            _tick(book, inst.id, checklists[area][item].id, True, by_person_id, by_name, at, comment)
        if stage < len(order) and rng.random() < 0.5:
            item = order[stage]
            at = moment(demo.today - timedelta(days=rng.randint(1, 10)), rng, 8, 16)
            _tick(book, inst.id, checklists[area][item].id, False, by_person_id, by_name, at, WAITING_NOTES[item])


def _tick(book: RowBook, institution_id: int, item_id: int, ticked: bool, by_person_id: int, by_name: str,
          at: datetime, comment: str) -> None:
    """A cell's state and the one history entry that set it."""
    book.add(ChecklistTick, institution_id=institution_id, item_id=item_id, ticked=ticked, by_person_id=by_person_id,
             by_name=by_name, at=at, comment=comment)
    book.add(ChecklistEntry, institution_id=institution_id, item_id=item_id,
             action=ChecklistAction.TICK if ticked else ChecklistAction.UNTICK, by_person_id=by_person_id,
             by_name=by_name, at=at, comment=comment)


def moment(day: date, rng: Random, first_hour: int, last_hour: int) -> datetime:
    """A Copenhagen time of day on a day, as a UTC moment."""
    local = time(rng.randint(first_hour, last_hour), rng.randrange(60), rng.randrange(60))
    return datetime.combine(day, local, tzinfo=COPENHAGEN).astimezone(UTC)


def current_institutions(book: RowBook, today: date) -> dict[int, set[int]]:
    """For each guardian with custody today, the institutions their children attend today."""
    attends: dict[int, set[int]] = defaultdict(set)
    for row in book.all(Enrolment):
        if row.start <= today and (row.end is None or row.end >= today):
            attends[row.child_id].add(row.institution_id)
    guardians: dict[int, set[int]] = defaultdict(set)
    for custody in book.all(Custody):
        if custody.valid_from <= today and (custody.valid_to is None or custody.valid_to >= today):
            guardians[custody.guardian_id] |= attends.get(custody.child_id, set())
    return guardians


def _logins(demo: Demo, skip_person_ids: set[int]) -> None:
    """Login history for a varying share of guardians per institution; last_login_at follows the records.

    A guardian logs in with the highest chance among their children's institutions. The named demo users get
    no history: their logins are the ones the tests and the demo itself make.
    """
    book, rng, today = demo.book, demo.rng, demo.today
    rate = {inst.id: LOGIN_SHARE[AREA_OF_KIND[InstitutionKind(inst.kind)]]
            + rng.uniform(-LOGIN_SPREAD, LOGIN_SPREAD) for inst in book.all(Institution)}
    guardians = current_institutions(book, today)
    for account in book.all(UserAccount):
        institutions = guardians.get(account.person_id)
        if not institutions or account.person_id in skip_person_ids:
            continue
        if rng.random() >= max(rate[i] for i in institutions):
            continue
        days = _login_days(rng)
        moments = sorted(moment(today - timedelta(days=d), rng, 6, 22) for d in days)
        for at in moments:
            book.add(LoginRecord, account_id=account.id, at=at, acr="3" if rng.random() < 0.3 else "2")
        account.last_login_at = moments[-1]


def _login_days(rng: Random) -> list[int]:
    """Days ago of one guardian's logins: a first login within the window, then some returns.

    Some guardians have not been back for more than 30 days, so the 30-day figure stays below 'ever'.
    """
    first = rng.randint(1, LOGIN_WINDOW_DAYS)
    returns = rng.randint(0, 6)
    if first > SNAPSHOT_DAYS and rng.random() < LAPSED_SHARE:
        return [first, *(rng.randint(SNAPSHOT_DAYS + 1, first) for _ in range(min(returns, 2)))]
    latest = rng.randint(1, min(first, SNAPSHOT_DAYS))
    return [first, latest, *(rng.randint(latest, first) for _ in range(returns))]


# --- evaluation surveys -------------------------------------------------------------------------------------------

async def insert_rollout(book: RowBook, conn: BaseDBAsyncClient, today: date) -> int:
    """Insert the rollout rows inside the seed's transaction, move PostgreSQL sequences, store snapshots.

    The snapshots for the last 30 days are computed from the login records just inserted, so the trend
    chart has data on first start; returns the number of snapshot rows.
    """
    await insert_tables(book, conn, ROLLOUT_TABLES)
    return await do_backfill_snapshots(today, SNAPSHOT_DAYS)
