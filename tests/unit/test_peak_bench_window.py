"""The morning-peak benchmark's window: stalls and collections filtered to it, the report's maxima, who writes."""

from __future__ import annotations

import asyncio
import random
from types import SimpleNamespace
from typing import Any

import httpx

from bench._peak_cast import Cast
from bench._peak_clients import PageFailed
from bench._peak_report import generations, loop_table, pages_table, spread
from bench._peak_run import Level, Peak
from bench._peak_window import Inside, Loop, Pings, collections_by_generation, longest_stall_ms, summarise, within

STALLS = [(9.0, 3.0), (10.0, 0.06), (15.0, 0.25), (20.0, 0.08), (21.0, 6.3)]
COLLECTIONS = [(9.5, 2, 4.0), (10.5, 0, 0.002), (12.0, 0, 0.004), (13.0, 1, 0.03), (20.0, 2, 1.7), (30.0, 2, 6.0)]


def test_only_stalls_that_ended_inside_the_window_count() -> None:
    assert within(STALLS, 10.0, 20.0) == [(10.0, 0.06), (15.0, 0.25), (20.0, 0.08)]  # both ends belong to it
    assert longest_stall_ms(STALLS, 10.0, 20.0) == 250.0
    assert longest_stall_ms(STALLS, 22.0, 30.0) == 0.0  # nothing reached the probe's 50 ms


def test_collections_are_counted_per_generation_with_their_longest_in_the_window() -> None:
    assert collections_by_generation(COLLECTIONS, 10.0, 20.0) == {0: (2, 4.0), 1: (1, 30.0), 2: (1, 1700.0)}
    assert collections_by_generation(COLLECTIONS, 0.0, 1.0) == {}


def test_a_window_sums_collections_over_processes_and_keeps_each_process_longest_stall() -> None:
    inside = Inside(stalls={"a": STALLS, "b": [(12.0, 0.3), (12.5, 0.21)]},
                    collections={"a": COLLECTIONS, "b": [(11.0, 2, 2.5)]}, since={"a": 30.0, "b": 12.5})
    loop = summarise(inside, 10.0, 20.0)
    assert loop.longest_ms == [250.0, 300.0]
    assert loop.slow == 3  # 250, 300 and 210 ms are over the bound; 60 and 80 are not
    assert loop.gc[2] == (2, 2500.0) and loop.gc[0] == (2, 4.0)


def test_the_report_gives_p50_p95_p99_and_the_maximum() -> None:
    values = [float(v) for v in range(1, 101)] + [1412.0]
    assert spread(values) == "51 / 96 / 100 / 1412"
    assert spread([]) == "– / – / – / –"


def test_the_report_gives_stalls_pings_collections_drops_500s_and_busy_pages_their_own_columns() -> None:
    level = Level(clients={"parent": 800, "board": 150, "wall": 50}, disconnects=270, page_500=["/overblik"] * 10,
                  shed=13,
                  loop=Loop(longest_ms=[3100.0], slow=4, gc={0: (900, 12.0), 2: (1, 6300.0)}),
                  pings=Pings(ms=[5.0] * 98 + [900.0, 6800.0], failed=1, bench_late_ms=40.0),
                  errors=["check-in: ReadTimeout"])
    assert generations(level) == ["900, 12", "0, 0", "1, 6300"]
    row = loop_table({"single": [level]})[2]
    assert row == "| single | 1000 | 3100 | 4 | 100 | 900 / 6800 | 2 | 1 | 40 | 900, 12 | 0, 0 | 1, 6300 |"
    cells = pages_table({"single": [level]})[2].split(" | ")
    assert cells[-4:] == ["270", "10", "13", "1 |"]  # drops, page 500s, busy pages, other errors


def test_a_page_500_is_counted_apart_from_other_errors() -> None:
    level = Level()
    level.failed("page /overblik", PageFailed("/overblik", 500))
    level.failed("page /beskeder", PageFailed("/beskeder", 502))
    assert level.page_500 == ["/overblik"] and level.errors == ["page /beskeder: PageFailed: /beskeder answered 502"]


class _Http:
    """Records the bench's message calls and answers them as the server would."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def post(self, url: str, params: dict[str, Any]) -> httpx.Response:
        self.sent.append(params)
        return httpx.Response(200, json={"seconds": 0.01}, request=httpx.Request("POST", url))


def _browser(kind: str, person_id: int, shows: set[int]) -> Any:
    return SimpleNamespace(screen=SimpleNamespace(kind=kind, person_id=person_id), shows=shows)


def _peak(browsers: list[Any]) -> tuple[Peak, _Http]:
    cast = Cast(children={1: 10, 4: 40})  # child 2 is away today, child 3 goes to school: not in the cast
    crowd = SimpleNamespace(browsers=browsers, watch=SimpleNamespace(children=set()))
    deployment = SimpleNamespace(live_urls=lambda: ["http://127.0.0.1:1"])
    peak = Peak(deployment, cast, crowd, Level(), random.Random(3))  # type: ignore[arg-type]
    http = _Http()
    peak.http = http  # type: ignore[assignment]
    return peak, http


def test_a_message_is_written_by_staff_of_a_child_the_cast_knows_even_when_a_parents_child_is_away() -> None:
    away = _browser("parent", 100, {2})
    with_school_child = _browser("parent", 200, {1, 3})
    peak, http = _peak([away, with_school_child, _browser("board", 300, {1, 4})])

    async def write() -> None:
        for _ in range(30):
            await peak.message()

    asyncio.run(write())
    assert peak.level.errors == []  # before: KeyError 2 or 3 whenever the away parent or the school child came up
    assert {p["recipient"] for p in http.sent} == {200} and {p["sender"] for p in http.sent} == {10}
    assert len(peak.level.messages_ms) == 30


def test_with_no_parent_showing_a_known_child_the_message_is_named_not_raised() -> None:
    peak, http = _peak([_browser("parent", 100, {2, 3})])
    asyncio.run(peak.message())
    assert http.sent == [] and peak.level.errors == ["message: no open parent with a child the cast checks in"]
