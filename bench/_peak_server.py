"""Runs `main.py serve` unchanged plus benchmark-only routes for bench/morning_peak.py (never part of the app).

- POST /_bench/login?subject=…: what the OIDC callback does after a valid token (`do_login`, `start_session`), so
  a thousand simulated phones can sign in without a thousand round trips through the identity provider.
- POST /_bench/action?institution=…&child=…: a member of staff of that institution checks the child in (or out,
  when already here), as the board's button does; returns CLOCK_MONOTONIC read as the handler starts (`arrived`)
  and just before `do_action` (`t0`). The benchmark times propagation from its own clock read before it sends.
- POST /_bench/message?sender=…&recipient=…: a member of staff writes to a guardian (`do_send`).
- POST /_bench/broadcast: the demo's municipal admin sends an urgent broadcast to every area.
- GET /_bench/stats?since=…: this process's resident memory, CPU seconds and NiceGUI clients, and the loop stalls
  (lag >= 50 ms) and garbage collections (every generation, with their length) the production probes
  (ui/metrics/probes.py, started by `main.py serve`) recorded after CLOCK_MONOTONIC `since`. `collect=1` runs a full
  collection over everything, frozen objects too (as the nightly reclaim of ui/freezer.py does), first: the
  benchmark asks for it once, after its last level, never before or within a window.
"""

from __future__ import annotations

import gc
import os
import resource
import runpy
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nicegui import Client, app  # noqa: E402

from auth.session import start_session  # noqa: E402
from domain.broadcast.service import do_send_broadcast  # noqa: E402
from domain.clock import today_local, utcnow  # noqa: E402
from domain.errors import DomainError  # noqa: E402
from domain.identity.facts import load_person_facts  # noqa: E402
from domain.identity.model import Actor, Role  # noqa: E402
from domain.identity.service import do_login  # noqa: E402
from domain.messages.service import do_send  # noqa: E402
from domain.presence.model import Action, DeviceKind  # noqa: E402
from domain.presence.service import do_action  # noqa: E402
from domain.rollout.model import Area  # noqa: E402
from persistence.identity import UserAccount  # noqa: E402
from persistence.people import Employment  # noqa: E402
from ui.metrics.probes import PROBES  # noqa: E402

_staff: dict[int, Actor] = {}


async def _staff_of(institution_id: int) -> Actor:
    """A member of staff working at the institution today (cached per process)."""
    if institution_id not in _staff:
        day = today_local()
        job = await Employment.filter(institution_id=institution_id, start__lte=day).order_by("id").first()
        facts = await load_person_facts(job.person_id, day) if job else None
        if facts is None:
            raise RuntimeError(f"no staff at institution {institution_id}")
        _staff[institution_id] = facts.actor(Role.STAFF, "3")
    return _staff[institution_id]


@app.post("/_bench/login")
async def bench_login(subject: str) -> dict[str, Any]:
    """Sign this browser in as the account with this subject (level 3)."""
    grant = await do_login(subject, "3", now=utcnow(), client_address="bench")
    start_session(grant, utcnow())
    return {"person_id": grant.person_id, "role": grant.role.value}


@app.post("/_bench/action")
async def bench_action(institution: int, child: int) -> dict[str, Any]:
    """Check the child in, or out when it is here already; the clock is read just before the service call."""
    arrived = time.monotonic()
    actor = await _staff_of(institution)
    for action in (Action.CHECK_IN, Action.CHECK_OUT):
        started = time.monotonic()
        try:
            done = await do_action(actor, child, institution, action, now=utcnow(), device=DeviceKind.TABLET)
        except DomainError as refused:
            error = refused.key
            continue
        return {"arrived": arrived, "t0": started, "t1": time.monotonic(), "action": action.value,
                "status": done.tile.status, "pid": os.getpid(), "change_id": done.change_id}
    return {"refused": error}


@app.post("/_bench/message")
async def bench_message(sender: int, recipient: int) -> dict[str, Any]:
    """A member of staff (sender = institution id) writes a short message to one guardian."""
    actor = await _staff_of(sender)
    started = time.monotonic()
    await do_send(actor, subject="Husk madpakke i morgen", body="Vi tager på tur kl. 9.", now=utcnow(),
                  recipient_keys=[f"person:{recipient}"])
    return {"seconds": time.monotonic() - started}


@app.post("/_bench/broadcast")
async def bench_broadcast(title: str) -> dict[str, Any]:
    """The demo's municipal admin sends an urgent broadcast to every area; returns its id and the call's seconds."""
    account = await UserAccount.get(oidc_subject="demo-admin")
    facts = await load_person_facts(account.person_id, today_local())
    assert facts is not None
    started = time.monotonic()
    broadcast_id = await do_send_broadcast(facts.actor(Role.ADMIN, "3"), title=title, body="Hold børnene inde.",
                                           areas=list(Area), institution_ids=[], email_after_minutes=None,
                                           now=utcnow())
    return {"id": broadcast_id, "seconds": time.monotonic() - started}


@app.get("/_bench/stats")
async def bench_stats(collect: bool = False, since: float = 0.0) -> dict[str, Any]:
    """Memory (after a full collection if asked), CPU seconds, clients, and stalls and collections after `since`."""
    found, took = 0, 0.0
    if collect:  # frozen objects are never collected: unfreeze them so that their cyclic garbage goes too
        started = time.perf_counter()
        gc.unfreeze()
        found = gc.collect()
        gc.freeze()
        took = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    rss = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")  # noqa: ASYNC240
    return {"pid": os.getpid(), "rss": rss, "cpu": usage.ru_utime + usage.ru_stime, "clients": len(Client.instances),
            "found": found, "collect_s": took, "stalls": [s for s in PROBES.stalls if s[0] > since],
            "collections": [c for c in PROBES.collections if c[0] > since]}


if __name__ == "__main__":
    sys.argv = [str(ROOT / "main.py"), "serve"]
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
