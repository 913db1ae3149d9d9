"""Web Push (RFC 8030, encrypted by RFC 8291, signed by VAPID RFC 8292) through pywebpush's asynchronous path.

The payload is what a lock screen may show: title, body (empty for a sensitive notification), link and tag. The
request never blocks the event loop: pywebpush posts through aiohttp; encryption and the (cached) VAPID signature are
a fraction of a millisecond each.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from pywebpush import WebPusher

from domain.notifications.centre import Category
from domain.notifications.delivery_types import DeliveryJob, Outcome
from domain.notifications.vapid import VapidKeys
from persistence.notifications import PushSubscription

log = logging.getLogger(__name__)

TTL = int(timedelta(days=2).total_seconds())  # a phone that is off for a weekend still gets it
CRISIS_TTL = int(timedelta(hours=12).total_seconds())
VAPID_LIFETIME = timedelta(hours=12)  # RFC 8292: at most 24 hours
VAPID_RENEW = timedelta(hours=1)  # sign anew when less than this is left


def payload(job: DeliveryJob) -> dict[str, str]:
    """What the service worker shows: never a sensitive body, never more than the notification holds."""
    return {"title": job.title, "body": "" if job.sensitive else job.body, "link": job.link,
            "tag": f"n{job.notification_id}"}


def subject_for(public_url: str) -> str:
    """VAPID's `sub`: the site's https address, or a contact address for a site on plain http (development)."""
    return public_url if public_url.startswith("https://") else "mailto:drift@sammen.localhost"


@dataclass
class PushSender:
    """The push channel's handler: one POST per device; 404/410 -> gone, 429/5xx/timeout -> retry."""

    keys: VapidKeys
    subject: str
    timeout: float = 10.0
    _session: aiohttp.ClientSession | None = None
    _signed: dict[str, tuple[datetime, dict[str, str]]] = field(default_factory=dict)  # audience -> (exp, headers)
    _devices: dict[int, PushSubscription] = field(default_factory=dict)  # the current batch's, read at once

    def _vapid_headers(self, endpoint: str, now: datetime) -> dict[str, str]:
        parts = urlsplit(endpoint)
        audience = f"{parts.scheme}://{parts.netloc}"
        cached = self._signed.get(audience)
        if cached is not None and cached[0] - now > VAPID_RENEW:
            return cached[1]
        expires = now + VAPID_LIFETIME
        headers = self.keys.vapid().sign({"aud": audience, "exp": int(expires.timestamp()), "sub": self.subject})
        self._signed[audience] = (expires, headers)
        return headers

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))
        return self._session

    async def close(self) -> None:
        """Close the connection pool."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def prepare(self, batch: Sequence[DeliveryJob]) -> None:
        """Read the devices of a whole batch in one query (the worker then hands the jobs over one by one)."""
        ids = {job.device_id for job in batch if job.device_id is not None}
        self._devices = {s.id: s for s in await PushSubscription.filter(id__in=ids)} if ids else {}

    async def __call__(self, batch: Sequence[DeliveryJob], now: datetime) -> list[Outcome]:
        """Send each job to its device; one Outcome per job, in order."""
        missing = {job.device_id for job in batch if job.device_id is not None and job.device_id not in self._devices}
        devices = dict(self._devices)
        if missing:
            devices.update({s.id: s for s in await PushSubscription.filter(id__in=missing)})
        return list(await asyncio.gather(*(self._send(job, devices.get(job.device_id or 0), now) for job in batch)))

    async def _send(self, job: DeliveryJob, device: PushSubscription | None, now: datetime) -> Outcome:
        if device is None:  # removed while the notification waited
            return Outcome(job.id, ok=False, error="device_removed")
        crisis = job.category == Category.CRISIS.value
        info: dict[str, Any] = {"endpoint": device.endpoint, "keys": {"p256dh": device.p256dh, "auth": device.auth}}
        headers = {**self._vapid_headers(device.endpoint, now), "Urgency": "high" if crisis else "normal",
                   "Topic": f"n{job.notification_id}"}
        data = json.dumps(payload(job), ensure_ascii=False).encode()
        try:
            response = await WebPusher(info, aiohttp_session=self._client()).send_async(
                data, headers, ttl=CRISIS_TTL if crisis else TTL,
                timeout=aiohttp.ClientTimeout(total=self.timeout))
            status = response.status
            response.release()
        except TimeoutError:
            return Outcome(job.id, ok=False, retry=True, error="timeout")
        except aiohttp.ClientError as exc:
            return Outcome(job.id, ok=False, retry=True, error=type(exc).__name__)
        except Exception as exc:  # a malformed key, say: this device cannot be reached, the others go on
            log.warning("push to device %s not possible: %s", device.id, type(exc).__name__)
            return Outcome(job.id, ok=False, error=type(exc).__name__)
        if status in (200, 201, 202):
            return Outcome(job.id, ok=True)
        if status in (404, 410):
            return Outcome(job.id, ok=False, gone=True, error=f"http_{status}")
        if status == 429 or status >= 500:
            return Outcome(job.id, ok=False, retry=True, error=f"http_{status}")
        return Outcome(job.id, ok=False, error=f"http_{status}")
