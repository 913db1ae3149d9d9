"""The morning-peak benchmark's own parts: how it recognises a child in an update, reads wrk, and ranks figures."""

from __future__ import annotations

import gc

from bench._peak_clients import SHOWN, children_in
from bench._peak_profile import summarise
from bench._peak_run import percentile
from bench.krise_flood import parse_wrk
from ui import heap

WRK = """Running 20s test @ http://127.0.0.1:8100/krise
  2 threads and 500 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    41.20ms   12.01ms 301.00ms   90.00%
    Req/Sec     6.10k   500.00     7.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%   45.00ms
     90%   60.00ms
     99%    1.20s
  243812 requests in 20.01s, 400.00MB read
  Socket errors: connect 0, read 3, write 0, timeout 7
  Non-2xx or 3xx responses: 1234
Requests/sec:  12184.51
Transfer/sec:     19.99MB
"""


def test_a_child_is_recognised_on_a_board_tile_a_status_chip_and_a_wall_tile() -> None:
    assert children_in({"tag": "board-tile", "props": {"tile": {"id": 41, "name": "Oscar"}}}) == [41]
    assert children_in({"tag": "q-badge", "text": "Til stede", "props": {"data-child": "7"}}) == [7]
    assert children_in({"tag": "q-card", "props": {"data-child": "9", "class": "x"}}) == [9]
    assert children_in({"tag": "div", "props": {"tile": "not a view"}}) == []
    assert children_in(None) == []  # a deleted element is None in NiceGUI's update message


def test_the_children_a_page_shows_are_read_from_its_html() -> None:
    html = ('"78":{"tag":"q-badge","props":{"rounded":true,"data-child":"3"}},'
            '"90":{"tag":"board-tile","props":{"tile":{"id":12,"name":"Ida"}}}')
    assert {int(a or b) for a, b in SHOWN.findall(html)} == {3, 12}


def test_wrk_figures_are_read_in_milliseconds_with_shed_and_failed_requests() -> None:
    figures = parse_wrk(WRK)
    assert figures["p50"] == 0.812 and figures["p75"] == 45.0 and figures["p99"] == 1200.0
    assert figures["rps"] == 12184.51 and figures["requests"] == 243812
    assert figures["non2xx"] == 1234 and figures["socket_errors"] == 10


def test_percentiles_are_nearest_rank_and_nan_for_nothing() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50 and percentile(values, 95) == 95 and percentile(values, 99) == 99
    assert percentile([5.0], 99) == 5.0
    assert percentile([], 95) != percentile([], 95)  # NaN


def test_profiles_count_inclusive_and_own_samples() -> None:
    total, inclusive, own = summarise("main;serve;page 3\nmain;serve;update 2\nmain;tick 1\nnot a line\n")
    assert total == 6 and inclusive["serve"] == 5 and inclusive["main"] == 6
    assert own["page"] == 3 and own["serve"] == 0


def test_the_collector_is_tuned_and_start_up_frozen() -> None:
    before = gc.get_threshold()
    try:
        heap.tune_collector()
        assert gc.get_threshold()[:2] == (heap.YOUNG_THRESHOLD, heap.MIDDLE_THRESHOLD)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
