"""A device marked as shared (a tablet in the room): every login from it asks the provider for a new login."""

from __future__ import annotations

from fastapi import Request

# Set by the login page's switch in the browser itself (a year); it holds no secret, only the device's choice.
SHARED_DEVICE_COOKIE = "sammen_shared_device"
SHARED_DEVICE_MAX_AGE = 365 * 24 * 3600


def is_shared_device(request: Request) -> bool:
    """Whether this browser was marked as a shared device."""
    return request.cookies.get(SHARED_DEVICE_COOKIE) == "1"
