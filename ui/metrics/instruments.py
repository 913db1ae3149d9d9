"""The process's Prometheus instruments, in a registry of their own (nothing else of the process is exported)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

# Seconds from a few milliseconds (normal) to whole seconds (a freeze): the alert is on anything over 0.2 s.
PAUSE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
BUILD_BUCKETS = (0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0, 5.0)

LOOP_LAG = Histogram("sammen_loop_lag_seconds", "How late the event loop ran a 10 ms timer (sampled every 10 ms)",
                     buckets=PAUSE_BUCKETS, registry=REGISTRY)
LOOP_LAG_LONGEST = Gauge("sammen_loop_lag_longest_seconds", "The longest event-loop stall in the last 60 seconds",
                         registry=REGISTRY)
GC_PAUSE = Histogram("sammen_gc_pause_seconds", "Length of each garbage collection, by generation",
                     ["generation"], buckets=PAUSE_BUCKETS, registry=REGISTRY)
GC_FROZEN = Gauge("sammen_gc_frozen_objects",
                  "Objects kept out of collections (ui/freezer.py), counted at start-up and at the nightly reclaim",
                  registry=REGISTRY)
GC_RECLAIMED = Counter("sammen_gc_reclaimed_objects_total", "Unreachable objects found by the nightly reclaim",
                       registry=REGISTRY)
FANOUT = Histogram("sammen_event_fanout_seconds", "From an event reaching this process to one open page handling it",
                   buckets=PAUSE_BUCKETS, registry=REGISTRY)
PAGE_BUILD = Histogram("sammen_page_build_seconds", "Server-side build of a page, by route", ["page"],
                       buckets=BUILD_BUCKETS, registry=REGISTRY)
CLIENTS = Gauge("sammen_connected_clients", "Open pages with a live socket, by kind of screen", ["kind"],
                registry=REGISTRY)
DB_POOL = Gauge("sammen_db_pool_connections", "Database connections of this process, by state", ["state"],
                registry=REGISTRY)
OUTBOX_DEPTH = Gauge("sammen_notification_outbox_depth", "Push and e-mail deliveries waiting to be sent",
                     registry=REGISTRY)
OUTBOX_OLDEST = Gauge("sammen_notification_outbox_oldest_seconds", "Age of the oldest delivery waiting to be sent",
                      registry=REGISTRY)
