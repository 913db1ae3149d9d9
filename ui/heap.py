"""How one Sammen process keeps a thousand live pages responsive: reconnect grace and the garbage collector."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable
from types import CodeType, FunctionType, MethodType
from typing import TYPE_CHECKING, Any

from ui.metrics.instruments import GC_FROZEN

if TYPE_CHECKING:
    from nicegui.element import Element

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
    frozen = gc.get_freeze_count()  # walks every frozen object: only here and at the nightly reclaim
    GC_FROZEN.set(frozen)
    log.info("collector: thresholds %s, %d objects frozen", gc.get_threshold(), frozen)


# NiceGUI asks inspect.signature whether a handler takes an argument each time an element is made (three times: its
# classes, style and props) and each time one of them changes: a third of the CPU of building a page of 1,600
# elements (the readiness matrix with a phase open, bench/rollout.py). For a plain function or a method the answer
# depends only on its code and how many defaults it has, so it is asked once per code object. Partials, wrapped or
# annotated callables and other objects are asked every time, as before.
_SIGNATURE_KEY = tuple[CodeType, bool, int, tuple[str, ...]]


def cache_handler_signatures() -> None:
    """Remember NiceGUI's "does this handler expect arguments?" per code object instead of asking inspect each time."""
    from nicegui import helpers

    asked = getattr(helpers.expects_arguments, "__wrapped__", helpers.expects_arguments)
    known: dict[_SIGNATURE_KEY, bool] = {}

    def expects_arguments(func: Callable[..., Any]) -> bool:
        bound = isinstance(func, MethodType)
        plain = func.__func__ if isinstance(func, MethodType) else func
        if type(plain) is not FunctionType or hasattr(plain, "__wrapped__") or hasattr(plain, "__signature__"):
            return bool(asked(func))
        key = (plain.__code__, bound, len(plain.__defaults__ or ()), tuple(sorted(plain.__kwdefaults__ or ())))
        if key not in known:
            known[key] = bool(asked(func))
        return known[key]

    expects_arguments.__wrapped__ = asked  # type: ignore[attr-defined]  # a second call wraps the original again
    helpers.expects_arguments = expects_arguments


def release_removed_elements() -> None:
    """Let reference counting free a removed element and a deleted page at once, not a full collection later.

    Every element's classes, style and props are observable collections that keep their own bound `_update` as a
    change handler: three reference cycles per element, so a closed page (about 4,000 objects for Overblik, 2,000
    for the board, measured in tests/ui/test_heap_release.py) waited for the cycle collector. Removed elements never
    change again, so dropping those handlers breaks the cycles. A deleted client is tied into cycles by what its
    page kept: per-client storage holding objects that point back at the client (the bell, the unread badges) and
    delete handlers whose closures hold it (every followed topic); a real server left about 6,100 objects per closed
    board that way. Once deleted, a client runs none of them again, so they are dropped too.
    """
    from nicegui import Client

    if getattr(Client.remove_elements, "releases_cycles", False):
        return  # every test builds the app again
    original = Client.remove_elements

    def remove_elements(self: Client, elements: Iterable[Element]) -> None:
        removed = list(elements)
        original(self, removed)
        for element in removed:
            for observed in (element._classes, element._style, element._props):
                observed._change_handlers.clear()

    original_delete = Client.delete

    def delete(self: Client) -> None:
        try:
            original_delete(self)
        finally:
            self.storage.clear()
            for handlers in (self.connect_handlers, self.disconnect_handlers, self.delete_handlers):
                handlers.clear()

    remove_elements.releases_cycles = True  # type: ignore[attr-defined]
    Client.remove_elements = remove_elements  # type: ignore[method-assign]
    Client.delete = delete  # type: ignore[method-assign]
