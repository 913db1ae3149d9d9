"""How one Sammen process keeps a thousand live pages responsive: reconnect grace and the garbage collector."""

from __future__ import annotations

import gc
import logging

log = logging.getLogger("sammen.heap")

# NiceGUI derives its websocket ping from this (interval 0.8×, timeout 0.4×). Its default of 3 s closes every socket
# whose pong is 2 s late, so one long stall (a full collection over a thousand pages takes seconds) used to drop
# hundreds of phones at once; 10 s also lets a phone ride out a short loss of signal without reloading its page.
RECONNECT_TIMEOUT_SECONDS = 10.0

# CPython runs a full collection once a quarter more objects than survived the last one have reached the oldest
# generation. With the default young threshold (700 allocations) the messages a page keeps until the browser
# acknowledges them (about 3 s) reach it too, so a process with a thousand pages walked all of them (5 million
# objects, 2.5 s) twice a minute. Younger collections every 50,000 allocations let those die young instead.
YOUNG_THRESHOLD = 50_000
MIDDLE_THRESHOLD = 20


def tune_collector() -> None:
    """Collect young objects less often, and leave everything alive at start-up out of every later collection."""
    gc.set_threshold(YOUNG_THRESHOLD, MIDDLE_THRESHOLD, gc.get_threshold()[2])
    gc.collect()
    gc.freeze()  # modules, routes and caches live as long as the process: never walk them again
    log.info("collector: thresholds %s, %d objects frozen", gc.get_threshold(), gc.get_freeze_count())
