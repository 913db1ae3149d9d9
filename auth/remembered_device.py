"""The remembered device's cookie: set after a chosen login, read when a session is missing or idle, cleared."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from auth.notice import set_login_notice
from auth.shared_device import is_shared_device
from domain.devices.model import DEVICE_COOKIE, DEVICE_LIFETIME, DeviceCheck, DeviceKey
from domain.devices.service import check_device, do_forget_on_logout, do_remember_device, do_renew_session
from domain.identity.service import SessionGrant

UNLOCK_PATH = "/enhed/laas-op"


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


def set_device_cookie(response: Response, key: DeviceKey, public_url: str) -> None:
    """HttpOnly, SameSite=Lax, Secure over https; lives as long as the device may be remembered (90 days)."""
    response.set_cookie(DEVICE_COOKIE, key.cookie_value, max_age=int(DEVICE_LIFETIME.total_seconds()), path="/",
                        httponly=True, samesite="lax", secure=public_url.startswith("https://"))


def clear_device_cookie(response: Response) -> None:
    """Drop the device's cookie from the browser."""
    response.delete_cookie(DEVICE_COOKIE, path="/")


async def presented_device(request: Request, now: datetime) -> DeviceCheck | None:
    """The valid remembered device this browser presents, if any."""
    cookie = request.cookies.get(DEVICE_COOKIE)
    if not cookie:
        return None
    return await check_device(cookie, request.headers.get("user-agent", ""), now, _address(request))


async def grant_from_device(request: Request, now: datetime) -> SessionGrant | RedirectResponse | None:
    """A level-2 grant from this browser's remembered device; the unlock page first when it has a passkey."""
    device = await presented_device(request, now)
    if device is None:
        return None
    if device.has_passkey:
        return RedirectResponse(f"{UNLOCK_PATH}?next={quote(request.url.path)}", status_code=303)
    return await do_renew_session(device, now=now, client_address=_address(request))


async def remember_this_device(request: Request, response: Response, grant: SessionGrant, public_url: str,
                               now: datetime) -> None:
    """After a login where "Husk denne enhed" was ticked: remember it if the person may, else say why not."""
    key = await do_remember_device(grant, shared_device=is_shared_device(request),
                                   user_agent=request.headers.get("user-agent", ""), now=now,
                                   client_address=_address(request))
    if key is None:
        set_login_notice("device.not_remembered")
        return
    set_device_cookie(response, key, public_url)


async def forget_this_device(request: Request, response: Response, person_id: object, now: datetime) -> None:
    """"Log ud" forgets the remembered device it was pressed on, and drops its cookie."""
    device = await presented_device(request, now)
    if device is not None:
        await do_forget_on_logout(device, person_id, now, _address(request))
    if request.cookies.get(DEVICE_COOKIE):
        clear_device_cookie(response)
