"""A guardian saving today's plan on a phone while the same browser has Overblik open in other tabs (issue 17).

The real app runs as a subprocess (bench/_presence_server.py) on a temporary SQLite file holding the bench BFO; one
of its children gets a guardian who logs in as `demo-foraelder`. The plan page and every Overblik tab are opened
with the same cookies (one browser, one `app.storage.user`) and connected over socket.io as nicegui.js does. A save
is the click nicegui.js would send for the button "Gem dagens plan"; it is timed from the click to the "saved"
notification, and to the redraw of the form after it (the page reloads its forms once the save is done).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import socketio

from bench._figures import p95
from bench._presence_fanout import _wait_up, free_port
from bench._presence_world import build_world
from bench._presence_ws import SOCKET_PATH, login, page_query, socket_url
from domain.clock import today_local, utcnow
from persistence import db
from persistence.identity import UserAccount
from persistence.people import Custody, Person
from persistence.presence import PresenceSettings

SERVER = Path(__file__).resolve().parent / "_presence_server.py"
PARENT_SUBJECT = "demo-foraelder"  # the embedded dev IdP offers only the demo subjects
SAVE_LABEL = "Gem dagens plan"
SAVED_TEXT = "Dagens plan er gemt."
ELEMENTS = re.compile(r"parseElements\(String\.raw`(.*?)`\)", re.S)


@dataclass
class TabsResult:
    """Save times (ms) per number of other open Overblik tabs."""

    saved: dict[int, list[float]] = field(default_factory=dict)
    redrawn: dict[int, list[float]] = field(default_factory=dict)
    log: str = ""


class PageTab:
    """One browser tab: its socket and, for the plan page, the save button's element and listener."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.client_id, self.document_id, self.tab_id = "", str(uuid.uuid4()), str(uuid.uuid4())
        self.button: tuple[int, str] | None = None
        self.notified: asyncio.Event = asyncio.Event()
        self.redrawn: asyncio.Event = asyncio.Event()
        self.sio.on("*", self._any)

    async def open(self, http: httpx.AsyncClient, path: str) -> None:
        """GET the page and connect its socket (implicit handshake)."""
        page = await http.get(path)
        query = page_query(page.text)
        self.client_id = str(query["client_id"])
        found = ELEMENTS.search(page.text)
        if found:
            self._find_button(json.loads(found.group(1)))
        url = socket_url(str(http.base_url).rstrip("/"), self.client_id, int(query["next_message_id"]),
                         self.document_id, self.tab_id)
        await self.sio.connect(url, socketio_path=SOCKET_PATH, transports=["websocket"], wait_timeout=10)

    def _find_button(self, elements: dict[str, Any]) -> bool:
        """The save button's element and click listener (a redraw of the form makes a new button)."""
        for key, element in elements.items():
            if isinstance(element, dict) and (element.get("text") == SAVE_LABEL or (
                    element.get("props") or {}).get("label") == SAVE_LABEL):
                click = next(e for e in element.get("events", []) if e.get("type") == "click")
                self.button = (int(key), str(click["listener_id"]))
                return True
        return False

    async def _any(self, event: str, data: Any = None) -> None:
        drawn = event == "update" and isinstance(data, dict) and self._find_button(data)
        if SAVED_TEXT in json.dumps(data, ensure_ascii=False):
            self.notified.set()
        elif self.notified.is_set() and drawn:
            self.redrawn.set()  # the form is back, with the new save button the next click needs

    async def save(self, wait_s: float) -> tuple[float, float]:
        """Click the save button; ms until the notification and until the redraw after it."""
        assert self.button is not None, "no save button on the plan page"
        self.notified.clear()
        self.redrawn.clear()
        started = time.monotonic()
        await self.sio.emit("event", {"id": self.button[0], "client_id": self.client_id,
                                      "listener_id": self.button[1], "args": []})
        await asyncio.wait_for(self.notified.wait(), wait_s)
        saved = time.monotonic()
        await asyncio.wait_for(self.redrawn.wait(), wait_s)
        return (saved - started) * 1000, (time.monotonic() - started) * 1000


async def _seed(url: str, demo_scale: float | None) -> int:
    """The bench BFO plus a guardian of its second child, or the demo and Mette's first child; returns its id."""
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        if demo_scale is not None:
            from demo.seed import seed_demo

            await seed_demo(today=today_local(), scale=demo_scale)
            mette = await UserAccount.get(oidc_subject=PARENT_SUBJECT)
            kids: list[Any] = await Custody.filter(guardian_id=mette.person_id).order_by("child_id").values_list(
                "child_id", flat=True)
            await PresenceSettings.all().update(opens_min=0, closes_min=24 * 60 - 1, open_weekdays=list(range(7)))
            return int(kids[0])
        world = await build_world(today_local(), utcnow())
        child_id = sorted(world.children)[1]
        # Open all day: the bench plans are relative to the clock, and a save must never be refused for the hour.
        await PresenceSettings.filter(institution_id=world.institution_id).update(opens_min=0, closes_min=24 * 60 - 1)
        child = await Person.get(id=child_id)
        parent = await Person.create(municipality_id=child.municipality_id, first_name="Mette", last_name="Målesen",
                                     cpr="9800000002")
        await Custody.create(guardian=parent, child=child, valid_from=child.birth_date)
        await UserAccount.create(person=parent, oidc_subject=PARENT_SUBJECT)
        return child_id
    finally:
        await db.close_database()


async def _round(http: httpx.AsyncClient, child_id: int, others: int, saves: int) -> tuple[list[float], list[float]]:
    """Open the plan page and `others` Overblik tabs, save `saves` times, close them all."""
    tabs = [PageTab() for _ in range(others + 1)]
    try:
        await tabs[0].open(http, f"/kommegaa/plan/{child_id}")
        for tab in tabs[1:]:
            await tab.open(http, "/overblik")
        await asyncio.sleep(1)  # let the connections settle
        await tabs[0].save(30)  # warm-up
        saved, redrawn = [], []
        for _ in range(saves):
            a, b = await tabs[0].save(30)
            saved.append(a)
            redrawn.append(b)
            await asyncio.sleep(0.2)
        return saved, redrawn
    finally:
        await asyncio.gather(*(tab.sio.disconnect() for tab in tabs), return_exceptions=True)


async def run_tabs(saves: int, others: tuple[int, ...] = (0, 1, 3), demo_scale: float | None = None) -> TabsResult:
    """Start the app on a seeded temporary database and time saves with 0, 1 and 3 other open tabs."""
    result = TabsResult()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'tabs.sqlite3'}?journal_mode=WAL&busy_timeout=5000&synchronous=NORMAL"
        child_id = await _seed(url, demo_scale)
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "PORT": str(port), "PUBLIC_URL": f"http://127.0.0.1:{port}",
               "STORAGE_SECRET": secrets.token_hex(16), "SAMMEN_RUN_JOBS": "0", "BENCH_STAFF_ID": "0",
               "SAMMEN_DATA_DIR": tmp}
        env.pop("REDIS_URL", None)
        log_path = Path(tmp) / "server.log"
        with log_path.open("wb") as log:
            proc = await asyncio.create_subprocess_exec(sys.executable, str(SERVER), env=env, stdout=log,
                                                        stderr=asyncio.subprocess.STDOUT)
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
                await _wait_up(http, proc)
                await login(http, PARENT_SUBJECT)
                for n in others:
                    result.saved[n], result.redrawn[n] = await _round(http, child_id, n, saves)
        finally:
            if proc.returncode is None:
                proc.terminate()
                try:
                    await asyncio.wait_for(proc.wait(), 15)
                except TimeoutError:
                    proc.kill()
            result.log = log_path.read_text(errors="replace")[-2000:]
    return result


def report_tabs(result: TabsResult) -> None:
    """Print the save times per number of other open tabs."""
    print()
    print("3. A guardian saves today's plan (click -> 'saved' notification, and -> the page's redraw after it) while "
          "the same browser has Overblik open in other tabs")
    print(f"   {'other tabs':<11} {'saves':>5} {'saved p50':>10} {'saved p95':>10} {'saved max':>10} "
          f"{'redrawn p50':>12} {'redrawn p95':>12}   ms")
    for n, saved in result.saved.items():
        redrawn = result.redrawn[n]
        print(f"   {n:<11} {len(saved):>5} {statistics.median(saved):>10.0f} {p95(saved):>10.0f} {max(saved):>10.0f} "
              f"{statistics.median(redrawn):>12.0f} {p95(redrawn):>12.0f}")
    base = statistics.median(result.saved.get(0, [0.0]) or [0.0])
    worst = max(statistics.median(v) for v in result.saved.values())
    verdict = "ok" if worst <= max(2 * base, base + 100) else "MISSED"
    print(f"   target: the save does not depend on other open tabs (p50 within 2x or +100 ms of no other tab): "
          f"{verdict}")
