"""A municipality for the rollout benchmark: institutions, checklists, people with logins and one big survey.

Everything is written with bulk inserts (a few seconds at full scale), not through the domain's one-at-a-time
rules: the benchmark measures reading, and the builder only has to be quick and exact about the sizes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.organisation.model import GroupKind, InstitutionKind, MunicipalRole, StaffRole
from domain.rollout.model import (
    AREA_OF_KIND,
    OPTION_KINDS,
    Area,
    Audience,
    ChecklistAction,
    ObservedKey,
    Phase,
    QuestionKind,
    SpanKind,
)
from persistence.identity import LoginRecord, UserAccount
from persistence.organisation import Group, Institution, Municipality
from persistence.people import Custody, Employment, Enrolment, GroupMembership, MunicipalAssignment, Person
from persistence.rollout import (
    AdoptionSnapshot,
    ChecklistEntry,
    ChecklistItem,
    ChecklistTick,
    Programme,
    Span,
    Survey,
    SurveyAnswer,
    SurveyInstitution,
    SurveyParticipant,
    SurveyQuestion,
    SurveyResponse,
    Wave,
    WaveMember,
)

BATCH = 2000  # rows per INSERT: well under SQLite's 32,766 bound parameters for every table here
TEAM_SUBJECT = "bench-projektgruppe"
FIRST = ["Anna", "Bo", "Clara", "Emil", "Frida", "Ida", "Karl", "Laura", "Mads", "Noah", "Oskar", "Sofie",
         "Ærle", "Øjvind", "Åse", "Zakarias"]
LAST = ["Andersen", "Berg", "Hansen", "Jensen", "Larsen", "Nielsen", "Pedersen", "Ærø", "Østergaard", "Ågesen"]
PLACES = ["Solsikken", "Bakkely", "Engen", "Æblehaven", "Østervang", "Åbrinken", "Kærholm", "Lindely", "Møllen",
          "Skovly", "Toftegård", "Vangen", "Zonen", "Havbo", "Ådalen", "Ørnereden"]
# Areas in the proportion of a real municipality: half daycare, a quarter school, a quarter BFO/klub.
KINDS = [InstitutionKind.BOERNEHAVE, InstitutionKind.SKOLE, InstitutionKind.INTEGRERET, InstitutionKind.BFO,
         InstitutionKind.VUGGESTUE, InstitutionKind.SKOLE, InstitutionKind.BOERNEHAVE, InstitutionKind.KLUB]
STAFF_SHARE, CHILD_SHARE = 0.06, 0.40  # the rest are guardians: 1.35 per child, so most children have two
BIG_STAFF_SHARE = 0.07  # of the big school's adults
LOGGED_IN_TENTHS = 7  # seven in ten adults have logged in at least once
# Every kind a survey can ask, the scale three times: 9 questions, about 11 stored rows per answer.
QUESTIONS = [QuestionKind.SCALE, QuestionKind.SCALE, QuestionKind.SCALE, QuestionKind.ZERO_TEN, QuestionKind.YES_NO,
             QuestionKind.CHOICE, QuestionKind.CHOICES, QuestionKind.TEXT, QuestionKind.TEXT]
OPTIONS = ["Beskeder", "Kalender", "KommeGå", "Opslag", "Evalueringer"]
VALUE_RANGE = {QuestionKind.SCALE: (1, 5), QuestionKind.ZERO_TEN: (0, 10), QuestionKind.YES_NO: (0, 1),
               QuestionKind.CHOICE: (0, len(OPTIONS) - 1)}
SNAPSHOT_DAYS = 60


@dataclass(frozen=True)
class Scale:
    """How big a municipality to build; the first institution is the big one."""

    institutions: int = 80
    items: int = 400  # checklist items per institution
    people: int = 20_000  # staff, children and guardians together
    big_people: int = 1_000  # staff and guardians of the first institution: its never-logged-in list's size
    responses: int = 5_000  # answers (respondents) of the survey


FULL = Scale()


@dataclass
class Place:
    """One institution as planned: its counts, then its ids once written."""

    index: int
    name: str
    kind: InstitutionKind
    staff: int
    children: int
    guardians: int
    id: int = 0
    groups: list[int] = field(default_factory=list)

    @property
    def people(self) -> int:
        """Everybody who belongs to the institution."""
        return self.staff + self.children + self.guardians

    @property
    def adults(self) -> int:
        """Staff and guardians: the people who can log in, and whom a never-logged-in list counts."""
        return self.staff + self.guardians


@dataclass
class RolloutWorld:
    """The ids and sizes the benchmark and its test need."""

    scale: Scale
    municipality_id: int
    team_person_id: int
    places: list[Place]
    survey_id: int
    programmes: dict[Area, int]
    waves: dict[Area, list[int]]
    logged_in: int = 0

    @property
    def big(self) -> Place:
        """The school whose never-logged-in list counts 1,000 people."""
        return self.places[0]

    async def team(self, now: datetime) -> Actor:
        """The project-team member as an actor."""
        return await current_actor(self.team_person_id, "project_team", "2", now=now)


def split(total: int, parts: int) -> list[int]:
    """A total as evenly as possible over parts."""
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


def plan_places(scale: Scale) -> list[Place]:
    """Institutions whose staff, children and guardians add up to the scale's people exactly.

    The first is a school whose staff and guardians are big_people (with two children to three guardians).
    """
    big_staff = round(scale.big_people * BIG_STAFF_SHARE)
    big_children = (scale.big_people - big_staff) * 2 // 3
    places = [Place(0, "Storskolen", InstitutionKind.SKOLE, big_staff, big_children, scale.big_people - big_staff)]
    for n, size in enumerate(split(scale.people - places[0].people, scale.institutions - 1), start=1):
        staff, children = max(2, round(size * STAFF_SHARE)), round(size * CHILD_SHARE)
        places.append(Place(n, f"{PLACES[n % len(PLACES)]} {n}", KINDS[n % len(KINDS)], staff, children,
                            size - staff - children))
    return places


async def _bulk(model: Any, rows: list[Any]) -> None:
    await model.bulk_create(rows, batch_size=BATCH)


async def _institutions(m: Municipality, places: list[Place]) -> None:
    await _bulk(Institution, [Institution(municipality=m, number=f"77{p.index:04d}", name=p.name, kind=p.kind)
                              for p in places])
    ids = dict(await Institution.filter(municipality=m).values_list("number", "id"))
    for p in places:
        p.id = int(ids[f"77{p.index:04d}"])
    group_kind = {InstitutionKind.SKOLE: GroupKind.KLASSE, InstitutionKind.BFO: GroupKind.HOLD,
                  InstitutionKind.KLUB: GroupKind.HOLD}
    await _bulk(Group, [Group(municipality=m, institution_id=p.id, name=f"Gruppe {g + 1}",
                              kind=group_kind.get(p.kind, GroupKind.STUE))
                        for p in places for g in range(max(1, p.children // 20))])
    for inst, gid in await Group.filter(municipality=m).order_by("id").values_list("institution_id", "id"):
        next(p for p in places if p.id == inst).groups.append(int(gid))


def _person(m: Municipality, n: int, child: bool, born: date | None) -> Person:
    # The e-mail is the builder's key to find each row's id again on either database.
    return Person(municipality=m, first_name=FIRST[n % len(FIRST)], last_name=LAST[(n // 7) % len(LAST)],
                  is_child=child, birth_date=born, email=f"p{n}@bench.invalid")


async def _people(m: Municipality, places: list[Place], today: date) -> dict[str, list[list[int]]]:
    """Staff, children and guardians per institution; returns their ids by kind and institution."""
    rows: list[Person] = []
    keys: dict[str, list[list[str]]] = {"staff": [], "children": [], "guardians": []}
    for p in places:
        born = today - timedelta(days=(9 if p.kind in (InstitutionKind.SKOLE, InstitutionKind.BFO,
                                                      InstitutionKind.KLUB) else 4) * 365)
        for kind, count, child in (("staff", p.staff, False), ("children", p.children, True),
                                   ("guardians", p.guardians, False)):
            mine = []
            for _ in range(count):
                rows.append(_person(m, len(rows), child, born if child else None))
                mine.append(rows[-1].email)
            keys[kind].append(mine)
    await _bulk(Person, rows)
    ids = dict(await Person.filter(municipality=m, email__endswith="@bench.invalid").values_list("email", "id"))
    return {kind: [[int(ids[k]) for k in per] for per in lists] for kind, lists in keys.items()}


async def _ties(places: list[Place], ids: dict[str, list[list[int]]], today: date) -> None:
    """Employments (two superusers each), staff in groups, enrolments, and custody (two guardians for most)."""
    start = today - timedelta(days=400)
    jobs, members, enrolments, custody = [], [], [], []
    for p, staff, children, guardians in zip(places, ids["staff"], ids["children"], ids["guardians"], strict=True):
        role = StaffRole.LAERER if p.kind is InstitutionKind.SKOLE else StaffRole.PAEDAGOG
        for k, pid in enumerate(staff):
            jobs.append(Employment(person_id=pid, institution_id=p.id, role=StaffRole.LEDER if k == 0 else role,
                                   superuser=k in (1, 2), start=start))
            members.append(GroupMembership(person_id=pid, group_id=p.groups[k % len(p.groups)]))
        for k, cid in enumerate(children):
            enrolments.append(Enrolment(child_id=cid, institution_id=p.id, group_id=p.groups[k % len(p.groups)],
                                        start=start))
        for k, gid in enumerate(guardians):
            custody.append(Custody(guardian_id=gid, child_id=children[k % len(children)], valid_from=start))
    for model, rows in ((Employment, jobs), (GroupMembership, members), (Enrolment, enrolments), (Custody, custody)):
        await _bulk(model, rows)


async def _accounts(adults: list[int], now: datetime) -> int:
    """An account for every adult; seven in ten have logged in one to three times in the last 60 days."""
    await _bulk(UserAccount, [UserAccount(person_id=pid, oidc_subject=f"bench-{pid}", created_at=now)
                              for pid in adults])
    accounts = await UserAccount.filter(oidc_subject__startswith="bench-").exclude(oidc_subject=TEAM_SUBJECT) \
        .order_by("person_id").values_list("id", "person_id")
    logins: list[LoginRecord] = []
    last: dict[int, datetime] = {}
    for k, (account_id, _) in enumerate(accounts):
        if k % 10 >= LOGGED_IN_TENTHS:
            continue
        for visit in range(1 + k % 3):
            at = now - timedelta(days=(k * 7 + visit * 11) % SNAPSHOT_DAYS, minutes=k % 600)
            logins.append(LoginRecord(account_id=account_id, at=at, acr="2"))
            last[account_id] = max(last.get(account_id, at), at)
    await _bulk(LoginRecord, logins)
    # last_login_at as do_login leaves it (one CASE update per batch, not one UPDATE per account)
    await UserAccount.bulk_update([UserAccount(id=account_id, last_login_at=at) for account_id, at in last.items()],
                                  fields=["last_login_at"], batch_size=BATCH)
    return len(last)


PHASES = [(Phase.UDRULNING, "Udrulning", -120, -31), (Phase.TILPASNING_DRIFT, "Tilpasning og drift", -30, 29),
          (Phase.SUPPORT, "Support", 30, 89), (Phase.EVALUERING, "Evaluering og opfølgning", 90, 150)]
WAVES = 3  # per programme


async def _programmes(today: date) -> dict[Area, tuple[int, list[int]]]:
    """One programme per area with the deck's four phases around today; returns programme and phase ids."""
    await _bulk(Programme, [Programme(area=a, name=f"Bench: {a.value}", start=today - timedelta(days=150),
                                      end=today + timedelta(days=160)) for a in Area])
    programmes = {Area(a): int(i) for i, a in await Programme.filter(name__startswith="Bench: ").values_list(
        "id", "area")}
    await _bulk(Span, [Span(programme_id=pid, kind=SpanKind.PHASE, key=key.value, label=label,
                            start=today + timedelta(days=first), end=today + timedelta(days=last))
                       for pid in programmes.values() for key, label, first, last in PHASES])
    phases: dict[int, list[int]] = {}
    for pid, sid in await Span.filter(programme_id__in=list(programmes.values())).order_by("id").values_list(
            "programme_id", "id"):
        phases.setdefault(int(pid), []).append(int(sid))
    return {a: (pid, phases[pid]) for a, pid in programmes.items()}


async def _checklists(places: list[Place], scale: Scale, today: date, now: datetime
                      ) -> tuple[dict[Area, int], dict[Area, list[int]]]:
    """Per area a programme of the scale's items over four phases, waves, and about three in five cells ticked."""
    programmes = await _programmes(today)
    observed = list(ObservedKey)  # the first items of each programme are the ones Sammen ticks itself
    items = []
    for pid, phases in programmes.values():
        per_phase = split(scale.items, len(phases))
        n = 0
        for (_, _, _, last), sid, count in zip(PHASES, phases, per_phase, strict=True):
            for _ in range(count):
                items.append(ChecklistItem(programme_id=pid, phase_id=sid, title=f"Punkt {n + 1}",
                                           owner="Projektgruppen" if n % 4 else "Lederen",
                                           deadline=today + timedelta(days=last - n % 20), position=n,
                                           observed=observed[n] if n < len(observed) else None))
                n += 1
    await _bulk(ChecklistItem, items)
    item_ids: dict[int, list[int]] = {}
    for pid, iid in await ChecklistItem.filter(programme_id__in=[p for p, _ in programmes.values()]).order_by(
            "position", "id").values_list("programme_id", "id"):
        item_ids.setdefault(int(pid), []).append(int(iid))
    ticks, entries = [], []
    for p in places:
        pid = programmes[AREA_OF_KIND[p.kind]][0]
        for n, iid in enumerate(item_ids[pid]):
            if n < len(observed) or (p.index * 7 + n) % 5 >= 3:
                continue  # two in five are never touched: no row, as in real use
            comment = "Klaret på personalemødet" if n % 9 == 0 else ""
            ticks.append(ChecklistTick(institution_id=p.id, item_id=iid, ticked=True, by_name="Bench", at=now,
                                       comment=comment))
            entries.append(ChecklistEntry(institution_id=p.id, item_id=iid, action=ChecklistAction.TICK,
                                          by_name="Bench", at=now, comment=comment))
    await _bulk(ChecklistTick, ticks)
    await _bulk(ChecklistEntry, entries)
    ids = {a: pid for a, (pid, _) in programmes.items()}
    return ids, await _waves(places, ids, today)


async def _waves(places: list[Place], programmes: dict[Area, int], today: date) -> dict[Area, list[int]]:
    """Three waves per programme, ten days apart; each area's institutions dealt round them."""
    await _bulk(Wave, [Wave(programme_id=pid, name=f"Bølge {w + 1}", go_live=today + timedelta(days=10 * w - 10))
                       for pid in programmes.values() for w in range(WAVES)])
    waves: dict[int, list[int]] = {}
    for pid, wid in await Wave.filter(programme_id__in=list(programmes.values())).order_by("id").values_list(
            "programme_id", "id"):
        waves.setdefault(int(pid), []).append(int(wid))
    members = []
    for p in places:
        pid = programmes[AREA_OF_KIND[p.kind]]
        members.append(WaveMember(wave_id=waves[pid][p.index % WAVES], programme_id=pid, institution_id=p.id))
    await _bulk(WaveMember, members)
    return {a: waves[pid] for a, pid in programmes.items()}


async def _snapshots(places: list[Place], today: date) -> None:
    """Sixty days of adoption snapshots, so the overview's trend has its full width."""
    await _bulk(AdoptionSnapshot, [
        AdoptionSnapshot(day=today - timedelta(days=d), institution_id=p.id, guardians=p.guardians,
                         guardians_ever=p.guardians * (60 - d // 2) // 100, guardians_30d=p.guardians * 40 // 100,
                         superusers=2)
        for d in range(SNAPSHOT_DAYS) for p in places])


async def _survey(places: list[Place], guardians: list[list[int]], team_id: int, scale: Scale,
                  today: date, now: datetime) -> int:
    """An anonymous guardian survey of every institution with the scale's number of answers over five weeks."""
    survey = await Survey.create(title="Hvordan går det med Sammen?", audience=Audience.GUARDIANS,
                                 created_by_id=team_id, created_at=now - timedelta(days=36),
                                 closes_on=today + timedelta(days=10), anonymous=True)
    await _bulk(SurveyInstitution, [SurveyInstitution(survey_id=survey.id, institution_id=p.id) for p in places])
    await _bulk(SurveyQuestion, [
        SurveyQuestion(survey_id=survey.id, position=n, kind=kind, text=f"Spørgsmål {n + 1}",
                       options=OPTIONS if kind in OPTION_KINDS else [], required=kind is not QuestionKind.TEXT)
        for n, kind in enumerate(QUESTIONS)])
    questions = await SurveyQuestion.filter(survey_id=survey.id).order_by("position").values_list("id", "kind")
    # Respondents round-robin over the institutions, so every institution has answers to show.
    respondents: list[tuple[int, int]] = []
    depth = 0
    while len(respondents) < scale.responses:
        before = len(respondents)
        for p, mine in zip(places, guardians, strict=True):
            if depth < len(mine) and len(respondents) < scale.responses:
                respondents.append((p.id, mine[depth]))
        depth += 1
        if len(respondents) == before:
            raise ValueError("fewer guardians than survey answers")
    await _bulk(SurveyParticipant, [SurveyParticipant(survey_id=survey.id, person_id=pid) for _, pid in respondents])
    await _bulk(SurveyResponse, [
        SurveyResponse(survey_id=survey.id, respondent_id=None, institution_id=inst,
                       submitted_at=now - timedelta(days=35 - (k * 35) // scale.responses, minutes=k % 500))
        for k, (inst, _) in enumerate(respondents)])
    responses = await SurveyResponse.filter(survey_id=survey.id).order_by("id").values_list("id", flat=True)
    answers = []
    for k, rid in enumerate(responses):
        for n, (qid, kind) in enumerate(questions):
            answers += [SurveyAnswer(response_id=rid, question_id=qid, value=v, text=text)
                        for v, text in answer_rows(QuestionKind(kind), k, n)]
    await _bulk(SurveyAnswer, answers)
    return int(survey.id)


def answer_rows(kind: QuestionKind, k: int, n: int) -> list[tuple[int | None, str]]:
    """The stored rows (value, text) of respondent k's answer to question n: one row, none or several."""
    spread = k * 7 + n * 3
    if kind is QuestionKind.TEXT:  # a third write something in each text question
        return [(None, f"Svar {k}: beskederne virker, men kalenderen er svær at finde.")] if k % 3 == n % 3 else []
    if kind is QuestionKind.CHOICES:  # one to three options, one row each
        return [((spread + c) % len(OPTIONS), "") for c in range(1 + k % 3)]
    low, high = VALUE_RANGE[kind]
    return [(low + spread % (high - low + 1), "")]


async def build_world(scale: Scale, today: date, now: datetime) -> RolloutWorld:
    """Write the whole municipality; needs a migrated, empty database."""
    m = await Municipality.create(code="UDRUL", name="Udrulningsby")
    places = plan_places(scale)
    await _institutions(m, places)
    ids = await _people(m, places, today)
    await _ties(places, ids, today)
    team = await Person.create(municipality=m, first_name="Camilla", last_name="Projektgruppe")
    await MunicipalAssignment.create(person=team, role=MunicipalRole.PROJECT_TEAM)
    await UserAccount.create(person=team, oidc_subject=TEAM_SUBJECT)
    adults = [pid for kind in ("staff", "guardians") for per in ids[kind] for pid in per]
    logged_in = await _accounts(adults, now)
    programmes, waves = await _checklists(places, scale, today, now)
    await _snapshots(places, today)
    survey_id = await _survey(places, ids["guardians"], team.id, scale, today, now)
    return RolloutWorld(scale, m.id, team.id, places, survey_id, programmes, waves, logged_in)
