"""Who takes part in the morning peak: guardians' phones, staff tablets, wall screens, and the children to check in."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from tortoise.expressions import Q

from domain.clock import today_local, utcnow
from domain.presence.kiosk import do_request_pairing
from domain.presence.model import PRESENCE_KINDS
from persistence.identity import UserAccount
from persistence.organisation import Institution
from persistence.people import Custody, Employment, Enrolment
from persistence.presence import PresenceDay, PresenceSettings, WallScreen
from persistence.queries import ints

WALLS_PER_INSTITUTION = 6
AWAY = ("syg", "ferie")  # children reported sick or on vacation today cannot be checked in


@dataclass(frozen=True)
class Screen:
    """One simulated browser: what it is, how it signs in and which page it keeps open."""

    kind: str  # "parent" | "board" | "wall"
    path: str
    subject: str = ""  # the account a phone or tablet signs in as ("" for a wall screen)
    person_id: int = 0


@dataclass
class Cast:
    """Everything the benchmark needs from the seeded municipality."""

    parents: list[Screen] = field(default_factory=list)
    boards: list[Screen] = field(default_factory=list)
    walls: list[Screen] = field(default_factory=list)
    children: dict[int, int] = field(default_factory=dict)  # child id -> the KommeGå institution it is checked in at
    institutions: list[int] = field(default_factory=list)

    def mix(self, total: int) -> list[Screen]:
        """`total` screens: 80 % parents' phones, 15 % staff boards, 5 % wall screens (in that order)."""
        boards, walls = round(total * 0.15), round(total * 0.05)
        return self.parents[:total - boards - walls] + self.boards[:boards] + self.walls[:walls]


def _active(day: date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


async def _open_every_day() -> None:
    """Open every KommeGå institution every weekday, so the benchmark can run on a Saturday too."""
    for settings in await PresenceSettings.all():
        settings.open_weekdays = list(range(7))
        settings.closing_days = []
        await settings.save(update_fields=["open_weekdays", "closing_days"])


async def _wall_screens(institutions: list[int], now: datetime) -> dict[int, list[str]]:
    """Pair new wall screens to each institution (the token a screen keeps in its browser storage)."""
    tokens: dict[int, list[str]] = {}
    for institution_id in institutions:
        for n in range(WALLS_PER_INSTITUTION):
            # Each screen as if from its own address: the per-address pairing limit is not what this measures.
            request = await do_request_pairing(now=now, address=f"bench-wall:{institution_id}:{n}")
            await WallScreen.filter(id=request.wall_screen_id).update(
                institution_id=institution_id, name=f"Væg {n + 1}", paired_at=now, pairing_code=None)
            tokens.setdefault(institution_id, []).append(request.token)
    return tokens


async def load_cast(seed: int = 7) -> Cast:
    """Pick phones, tablets and wall screens from the demo municipality (deterministic for a seed)."""
    day, now, rng = today_local(), utcnow(), random.Random(seed)
    await _open_every_day()
    cast = Cast()
    cast.institutions = ints(await Institution.filter(kind__in=[k.value for k in PRESENCE_KINDS], active=True)
                             .order_by("id").values_list("id", flat=True))
    away = set(await PresenceDay.filter(day=day, status__in=AWAY).values_list("person_id", flat=True))
    for child_id, institution_id in await Enrolment.filter(_active(day), institution_id__in=cast.institutions) \
            .order_by("id").values_list("child_id", "institution_id"):
        if child_id not in away:
            cast.children.setdefault(int(child_id), int(institution_id))
    accounts = dict(await UserAccount.filter(active=True).values_list("person_id", "oidc_subject"))
    guardians = sorted({g for g in ints(await Custody.filter(_active_custody(day), child_id__in=list(cast.children))
                        .values_list("guardian_id", flat=True)) if g in accounts})
    rng.shuffle(guardians)
    cast.parents = [Screen("parent", "/overblik", accounts[g], g) for g in guardians]
    staff: dict[int, list[int]] = {}
    for person_id, institution_id in await Employment.filter(_active(day), institution_id__in=cast.institutions) \
            .order_by("id").values_list("person_id", "institution_id"):
        if person_id in accounts:
            staff.setdefault(int(institution_id), []).append(int(person_id))
    tokens = await _wall_screens(cast.institutions, now)
    for n in range(max(len(v) for v in staff.values())):  # round robin: every institution gets boards early
        for institution_id in cast.institutions:
            people = staff.get(institution_id, [])
            if n < len(people):
                cast.boards.append(Screen("board", f"/kommegaa?institution={institution_id}",
                                          accounts[people[n]], people[n]))
    for n in range(WALLS_PER_INSTITUTION):
        cast.walls += [Screen("wall", f"/vaegskaerm?token={tokens[i][n]}") for i in cast.institutions]
    return cast


def _active_custody(day: date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
