"""Remembered devices' value types, the device label from a user agent, and who may remember a device."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from domain.events import Event
from domain.identity.model import Role, person_topic

DEVICE_DAYS = 90  # a remembered device lasts 90 days from the login that made it
DEVICE_LIFETIME = timedelta(days=DEVICE_DAYS)
DEVICE_COOKIE = "sammen_device"
DEVICE_LEVEL = "2"  # a remembered device never gives more than level 2: level 3 needs a fresh MitID login


def may_remember(roles: frozenset[Role] | set[Role], shared_device: bool) -> bool:
    """Only a guardian alone (no staff or municipal role) on a device not marked shared may stay signed in."""
    return not shared_device and set(roles) == {Role.PARENT}


@dataclass(frozen=True)
class DeviceKey:
    """What the device's cookie holds: the row's id and the random secret whose hash only the server keeps."""

    device_id: int
    secret: str

    @property
    def cookie_value(self) -> str:
        """"<id>.<secret>" as the cookie carries it."""
        return f"{self.device_id}.{self.secret}"

    @staticmethod
    def new_secret() -> str:
        """32 random bytes, URL-safe."""
        return secrets.token_urlsafe(32)

    @staticmethod
    def parse(value: object) -> DeviceKey | None:
        """The key in a cookie, or None for anything malformed."""
        if not isinstance(value, str) or len(value) > 120:
            return None
        match = re.fullmatch(r"(\d{1,9})\.([A-Za-z0-9_-]{20,100})", value)
        return DeviceKey(int(match.group(1)), match.group(2)) if match else None


def secret_hash(secret: str) -> str:
    """SHA-256 of the secret (a 256-bit random value needs no slow hash)."""
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


_BROWSERS = (("Edg/", "Edge"), ("SamsungBrowser", "Samsung Internet"), ("Firefox", "Firefox"), ("FxiOS", "Firefox"),
             ("CriOS", "Chrome"), ("Chrome", "Chrome"), ("Chromium", "Chrome"), ("Safari", "Safari"))
_SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
            ("Mac OS X", "Mac"), ("Macintosh", "Mac"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def device_label(user_agent: str) -> str:
    """"Chrome · Android" from a user agent: the browser family and system, never a version or an identifier."""
    browser = next((name for key, name in _BROWSERS if key in user_agent), "")
    system = next((name for key, name in _SYSTEMS if key in user_agent), "")
    return " · ".join(p for p in (browser, system) if p) or "?"


@dataclass(frozen=True)
class RememberedDeviceView:
    """One remembered device of the signed-in person, as the profile lists it."""

    id: int
    label: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    has_passkey: bool
    this_device: bool


@dataclass(frozen=True)
class DeviceCheck:
    """A valid remembered device presented by a browser: whose it is and whether a passkey must unlock it."""

    device_id: int
    person_id: int
    has_passkey: bool


@dataclass(frozen=True)
class SessionsEnded(Event):
    """"Log ud på alle enheder": every open page of the person goes to the login page (its next request is refused)."""

    person_id: int
    ends_sessions: ClassVar[bool] = True

    @property
    def topics(self) -> tuple[str, ...]:
        """Each open page of the person."""
        return (person_topic(self.person_id),)
