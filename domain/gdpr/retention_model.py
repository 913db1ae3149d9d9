"""Retention rules as values: the policy, the counts of a run, a run in the history, and month arithmetic."""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time

from domain.clock import COPENHAGEN

# The allowed number of months per rule (None = keep for ever; albums always go, after 24 months unless set).
RANGES: dict[str, tuple[int, int]] = {"messages": (6, 120), "presence": (3, 120), "anonymise": (1, 120),
                                      "albums": (1, 120)}
RULES = ("messages", "presence", "anonymise")  # the daily run's rules, each may keep for ever
ALBUMS_DEFAULT = 24  # months a photo album is kept when the municipality has not chosen
# What an anonymised child is called from then on; the same text replaces their name on messages they wrote.
ANONYMOUS = "Anonymiseret"


@dataclass(frozen=True)
class PolicyView:
    """The municipality's retention rules in months; None keeps the data for ever."""

    messages_months: int | None = None
    presence_months: int | None = None
    anonymise_after_months: int | None = None
    updated_at: datetime | None = None
    updated_by: str = ""
    albums_months: int = ALBUMS_DEFAULT  # the gallery's hourly job deletes albums this many months after creation

    def months(self, rule: str) -> int | None:
        """The months of one rule by its short name (messages, presence, anonymise, albums)."""
        return {"messages": self.messages_months, "presence": self.presence_months,
                "anonymise": self.anonymise_after_months, "albums": self.albums_months}[rule]

    @property
    def any_rule(self) -> bool:
        """Whether anything is ever deleted."""
        return any(self.months(rule) is not None for rule in RULES)


@dataclass(frozen=True)
class RetentionCounts:
    """What a run deleted (or a dry run would delete); no personal data, only numbers."""

    messages: int = 0
    threads: int = 0
    attachments: int = 0
    presence_days: int = 0
    presence_changes: int = 0
    day_plans: int = 0
    children: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts as stored in RetentionRun.counts."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> RetentionCounts:
        """The counts read back from JSON, missing or odd values as 0."""
        raw = data if isinstance(data, dict) else {}
        return cls(**{f.name: int(raw.get(f.name) or 0) for f in fields(cls)})

    @property
    def total(self) -> int:
        """Every row counted together."""
        return sum(self.as_dict().values())

    def detail(self) -> str:
        """A short line for the audit log: only the numbers."""
        return " ".join(f"{k}={v}" for k, v in self.as_dict().items())


@dataclass(frozen=True)
class RunView:
    """One run in the history: when, dry or real, the counts and who started it (empty for the daily job)."""

    id: int
    at: datetime
    dry_run: bool
    counts: RetentionCounts
    actor_name: str


def months_before(day: date, months: int) -> date:
    """The same day of the month, months earlier (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def months_after(at: datetime, months: int) -> datetime:
    """The same moment of the same day of the month, months later (the 31st becomes the month's last day)."""
    index = at.year * 12 + at.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return at.replace(year=year, month=month + 1, day=min(at.day, last))


def local_midnight_utc(day: date) -> datetime:
    """Midnight at the start of a Copenhagen day, in UTC (SQLite compares stored times as text)."""
    return datetime.combine(day, time(), COPENHAGEN).astimezone(UTC)


def stricter(old: PolicyView, new: PolicyView) -> list[tuple[str, int]]:
    """The rules that will delete more than before: (rule, months) for each one that became shorter or was set."""
    out = []
    for rule in (*RULES, "albums"):
        before, after = old.months(rule), new.months(rule)
        if after is not None and (before is None or after < before):
            out.append((rule, after))
    return out
