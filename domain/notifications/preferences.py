"""A person's own notification choices: category × channel over their role's defaults, quiet hours, summary time."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.notifications.centre import (
    DEFAULT_DIGEST_AT,
    DEFAULT_QUIET_FROM,
    DEFAULT_QUIET_TO,
    Category,
    Channel,
    QuietHours,
    default_on,
)
from domain.notifications.email_settings import opted_out
from domain.notifications.model import EmailKind
from persistence.db import transaction
from persistence.notifications import NotificationChoice, NotificationSettings
from persistence.people import Employment, Person

Cell = tuple[Category, Channel]
# A krisebesked always reaches the phone, and it goes out at once, so it has no line in a daily summary.
LOCKED_ON: frozenset[Cell] = frozenset({(Category.CRISIS, Channel.PUSH)})
NOT_OFFERED: frozenset[Cell] = frozenset({(Category.CRISIS, Channel.DIGEST)})
CLOCK = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")


def offered(category: Category, channel: Channel) -> bool:
    """Whether a person can choose this cell at all (a krisebesked has no summary line)."""
    return (category, channel) not in NOT_OFFERED


def effective(role: Role, choices: Mapping[tuple[str, str], bool], category: Category, channel: Channel) -> bool:
    """Whether this category goes out on this channel: the locked cells, else the person's choice, else the role's."""
    if (category, channel) in LOCKED_ON:
        return True
    if (category, channel) in NOT_OFFERED:
        return False
    return choices.get((category.value, channel.value), default_on(role, category, channel))


def parse_clock(text: str) -> int:
    """'21:00' (or '21.00', '7:05') as minutes after midnight; anything else is refused with a clear message."""
    if not (text or "").strip():
        raise DomainError("notify.prefs.no_time")
    found = CLOCK.fullmatch(text.strip())
    if found is None:
        raise DomainError("notify.prefs.bad_time", value=(text or "").strip()[:10])
    return int(found.group(1)) * 60 + int(found.group(2))


def clock_text(minutes: int) -> str:
    """Minutes after midnight as '07:00'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Preferences:
    """What one person gets where, with their quiet hours and summary time."""

    role: Role  # the defaults they get: staff if employed anywhere, else a guardian's (as the outbox decides)
    cells: Mapping[Cell, bool]
    quiet: QuietHours
    digest_at: int
    chosen: bool  # they made their first choices (or skipped the first-login question)
    email: str  # where e-mail goes; empty: no e-mail at all
    summary_off: bool = False  # the daily summary turned off as a whole (its one-click link, or the E-mail card)

    def on(self, category: Category, channel: Channel) -> bool:
        """Whether this category goes out on this channel."""
        return self.cells[(category, channel)]

    def only_in_app(self, category: Category) -> bool:
        """Nothing leaves the app for this category."""
        return not any(self.cells[(category, channel)] for channel in Channel)


async def _role(person_id: int) -> Role:
    return Role.STAFF if await Employment.filter(person_id=person_id).exists() else Role.PARENT


async def _choices(person_id: int) -> dict[tuple[str, str], bool]:
    rows = await NotificationChoice.filter(person_id=person_id).values_list("category", "channel", "on")
    return {(str(c), str(ch)): bool(on) for c, ch, on in rows}


async def preferences(actor: Actor) -> Preferences:
    """The signed-in person's own choices as a full table (five queries)."""
    role, choices = await _role(actor.person_id), await _choices(actor.person_id)
    settings = await NotificationSettings.get_or_none(person_id=actor.person_id)
    address = [str(a) for (a,) in await Person.filter(id=actor.person_id).values_list("email")]
    off = bool(await opted_out([actor.person_id], EmailKind.DIGEST))
    cells = {(c, ch): effective(role, choices, c, ch) for c in Category for ch in Channel}
    email = address[0] if address else ""
    if settings is None:
        return Preferences(role, cells, QuietHours(), DEFAULT_DIGEST_AT, False, email, off)
    return Preferences(role, cells, QuietHours(settings.quiet_from, settings.quiet_to), settings.digest_at,
                       settings.chosen_at is not None, email, off)


async def _settings(person_id: int) -> NotificationSettings:
    found = await NotificationSettings.get_or_none(person_id=person_id)
    if found is None:
        found = await NotificationSettings.create(person_id=person_id, quiet_from=DEFAULT_QUIET_FROM,
                                                  quiet_to=DEFAULT_QUIET_TO, digest_at=DEFAULT_DIGEST_AT)
    return found


async def _store(person_id: int, category: Category, channel: Channel, on: bool) -> None:
    updated = await NotificationChoice.filter(person_id=person_id, category=category.value,
                                              channel=channel.value).update(on=on)
    if not updated:
        await NotificationChoice.create(person_id=person_id, category=category.value, channel=channel.value, on=on)


def check_choice(category: Category, channel: Channel, on: bool) -> None:
    """Refuse what cannot be chosen: a krisebesked off the phone, or in a daily summary."""
    if (category, channel) in LOCKED_ON and not on:
        raise DomainError("notify.prefs.crisis_locked")
    if (category, channel) in NOT_OFFERED and on:
        raise DomainError("notify.prefs.not_offered")


async def do_set_choice(actor: Actor, category: Category, channel: Channel, *, on: bool) -> set[Cell]:
    """Turn one category on or off on one channel; returns every cell that changed.

    E-mail at once and the daily summary exclude each other (an e-mailed notification never waits for the summary),
    so turning one on turns the other off.
    """
    check_choice(category, channel, on)
    before = await preferences(actor)
    wanted = {(category, channel): on}
    if on and channel in {Channel.EMAIL, Channel.DIGEST}:
        other = Channel.DIGEST if channel is Channel.EMAIL else Channel.EMAIL
        if offered(category, other):
            wanted[(category, other)] = False
    async with transaction():
        for (c, ch), value in wanted.items():
            await _store(actor.person_id, c, ch, value)
    return {cell for cell, value in wanted.items() if before.cells[cell] != value}


async def do_set_quiet_hours(actor: Actor, start: str, end: str) -> QuietHours:
    """Set the quiet hours from two clock times ('21:00', '07:00'; the same twice: none); bad input changes nothing."""
    quiet = QuietHours(parse_clock(start), parse_clock(end))
    async with transaction():
        settings = await _settings(actor.person_id)
        settings.quiet_from, settings.quiet_to = quiet.start, quiet.end
        await settings.save(update_fields=["quiet_from", "quiet_to"])
    return quiet


async def do_set_digest_time(actor: Actor, at: str) -> int:
    """Set when the daily summary goes out ('17:00'); bad input changes nothing."""
    minute = parse_clock(at)
    async with transaction():
        settings = await _settings(actor.person_id)
        settings.digest_at = minute
        await settings.save(update_fields=["digest_at"])
    return minute


async def do_set_times(actor: Actor, start: str, end: str, digest_at: str) -> tuple[QuietHours, int]:
    """Quiet hours and summary time at once (the profile's one Save): all three checked before anything is stored."""
    quiet, minute = QuietHours(parse_clock(start), parse_clock(end)), parse_clock(digest_at)
    async with transaction():
        settings = await _settings(actor.person_id)
        settings.quiet_from, settings.quiet_to, settings.digest_at = quiet.start, quiet.end, minute
        await settings.save(update_fields=["quiet_from", "quiet_to", "digest_at"])
    return quiet, minute


async def do_mark_chosen(actor: Actor, *, now: datetime, choices: Mapping[Cell, bool] | None = None) -> None:
    """The first-login question answered ("Gem", with its choices) or skipped: it is not asked again."""
    for (category, channel), on in (choices or {}).items():
        check_choice(category, channel, on)
    async with transaction():
        for (category, channel), on in (choices or {}).items():
            await _store(actor.person_id, category, channel, on)
        settings = await _settings(actor.person_id)
        if settings.chosen_at is None:
            settings.chosen_at = now
            await settings.save(update_fields=["chosen_at"])


async def needs_first_choice(actor: Actor) -> bool:
    """A guardian who has neither chosen nor skipped yet gets the first-login question on Overblik."""
    if actor.role is not Role.PARENT:
        return False
    return not await NotificationSettings.filter(person_id=actor.person_id, chosen_at__isnull=False).exists()


def first_choices(role: Role, *, push: bool, email: bool, digest: bool) -> dict[Cell, bool]:
    """The first-login question's three ticks as a table: they apply to what the role hears about by default."""
    wanted = {c for c in Category if default_on(role, c, Channel.PUSH) or default_on(role, c, Channel.DIGEST)}
    cells: dict[Cell, bool] = {}
    for category in Category:
        heard = category in wanted
        cells[(category, Channel.PUSH)] = push and heard
        cells[(category, Channel.EMAIL)] = email and heard
        cells[(category, Channel.DIGEST)] = digest and heard and not email
    cells[(Category.CRISIS, Channel.PUSH)] = True
    cells[(Category.CRISIS, Channel.EMAIL)] = email or default_on(role, Category.CRISIS, Channel.EMAIL)
    cells[(Category.CRISIS, Channel.DIGEST)] = False
    return cells
