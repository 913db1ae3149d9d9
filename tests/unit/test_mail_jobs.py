"""The minute's e-mail jobs: every sender runs, a failing one does not stop the rest, a busy pass skips a tick."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from domain.events import EventBus
from domain.mail_jobs import EmailJobs
from domain.settings import SmtpSettings
from domain.ticker import MinutePassed

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


async def test_every_sender_runs_and_one_failing_does_not_stop_the_others() -> None:
    calls: list[str] = []

    async def first(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
        calls.append(f"first {public_url} {now:%H:%M}")
        return 2

    async def broken(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
        raise RuntimeError("SMTP said no")

    async def last(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
        calls.append("last")
        return 1

    jobs = EmailJobs(SmtpSettings(host="127.0.0.1"), "https://sammen.example", [first, broken, last])
    assert await jobs.run(NOW) == 3
    assert calls == ["first https://sammen.example 09:00", "last"]


async def test_a_tick_while_a_pass_runs_is_skipped() -> None:
    started, release = asyncio.Event(), asyncio.Event()
    runs: list[Any] = []

    async def slow(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
        runs.append(now)
        started.set()
        await release.wait()
        return 0

    bus = EventBus()
    jobs = EmailJobs(SmtpSettings(host="127.0.0.1"), "", [slow])
    subscription = jobs.start(bus)
    await bus.publish(MinutePassed(NOW))
    await started.wait()
    await bus.publish(MinutePassed(NOW))  # the first pass still runs: this tick is skipped
    release.set()
    await asyncio.sleep(0.01)
    subscription.cancel()
    assert len(runs) == 1
