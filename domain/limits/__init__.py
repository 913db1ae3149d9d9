"""Rate limits: sliding-window counters per limit and key, shared by a cluster through Redis when it is configured."""

from domain.limits.limiter import Limiter, address_key, limiter
from domain.limits.window import Limit, Verdict

__all__ = ["Limit", "Limiter", "Verdict", "address_key", "limiter"]
