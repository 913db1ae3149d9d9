"""A local Web Push service for tests: verifies the VAPID JWT, decrypts the payload as the browser would.

Each device is a fake subscription with its own P-256 key pair and auth secret; the service answers 201, or what a
test asks for (404, 410, 429, 500, a timeout, a hold that never answers).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import http_ece
from aiohttp import web
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from domain.clock import utcnow


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class FakeDevice:
    """A browser's push subscription: the endpoint and the keys only the browser holds."""

    name: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(self.private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                                 serialization.PublicFormat.UncompressedPoint))

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)


@dataclass
class Received:
    """One push as the device would see it, with the request's headers."""

    device: str
    payload: dict[str, Any]
    headers: dict[str, str]


class PushService:
    """An aiohttp server on 127.0.0.1 acting as the push service of every fake device."""

    def __init__(self, vapid_public_b64url: str, now: Callable[[], datetime] = utcnow) -> None:
        self.vapid_public = vapid_public_b64url
        self.now = now
        self.devices: dict[str, FakeDevice] = {}
        self.received: list[Received] = []
        self.refused: list[str] = []  # requests whose VAPID or encryption did not verify (should stay empty)
        self.answers: dict[str, list[int | str]] = defaultdict(list)  # device -> statuses to give, then 201
        self.hold_after: int | None = None  # after this many accepted pushes, further requests never get an answer
        self.held = asyncio.Event()
        self.timeout_delay = 30.0
        self.gate: asyncio.Event | None = None  # when set to an unset Event, every request waits for it
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.origin = ""

    async def start(self) -> PushService:
        app = web.Application()
        app.router.add_post("/push/{device}", self._push)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.origin = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        self._closing.set()  # held and slow requests end now, so the server can shut down
        if self._runner is not None:
            await self._runner.cleanup()

    def device(self, name: str) -> FakeDevice:
        """A new fake subscription at this service."""
        made = FakeDevice(name, f"{self.origin}/push/{name}")
        self.devices[name] = made
        return made

    def count(self, name: str) -> int:
        return sum(1 for r in self.received if r.device == name)

    def _verify_vapid(self, authorization: str) -> None:
        scheme, _, params = authorization.partition(" ")
        assert scheme == "vapid", scheme
        parts = dict(p.split("=", 1) for p in params.split(","))
        assert parts["k"] == self.vapid_public, "signed with another key"
        header_b64, claims_b64, signature_b64 = parts["t"].split(".")
        assert json.loads(unb64url(header_b64))["alg"] == "ES256"
        signature = unb64url(signature_b64)
        der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(self.vapid_public))
        public.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))  # raises if forged
        claims = json.loads(unb64url(claims_b64))
        assert claims["aud"] == self.origin, claims["aud"]
        assert self.now().timestamp() < claims["exp"] <= self.now().timestamp() + 24 * 3600
        assert claims["sub"].startswith(("mailto:", "https://"))

    async def _push(self, request: web.Request) -> web.Response:
        name = request.match_info["device"]
        device = self.devices.get(name)
        if device is None:
            return web.Response(status=404)
        body = await request.read()
        try:
            self._verify_vapid(request.headers.get("Authorization", ""))
            assert request.headers.get("Content-Encoding") == "aes128gcm"
            assert int(request.headers["TTL"]) > 0
            clear = http_ece.decrypt(body, private_key=device.private_key, auth_secret=device.auth_secret,
                                     version="aes128gcm")
            payload = json.loads(clear)
        except Exception as exc:
            self.refused.append(f"{name}: {type(exc).__name__} {exc}")
            return web.Response(status=400)
        if self.gate is not None:
            await self.gate.wait()
        if self.answers[name]:
            answer = self.answers[name].pop(0)
            if answer == "timeout":
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), self.timeout_delay)
                return web.Response(status=504)
            return web.Response(status=int(answer))
        if self.hold_after is not None and len(self.received) >= self.hold_after:
            self.held.set()
            await self._closing.wait()  # not answered while the test runs: the sender dies waiting
            return web.Response(status=503)
        self.received.append(Received(name, payload, {k.lower(): v for k, v in request.headers.items()}))
        return web.Response(status=201)
