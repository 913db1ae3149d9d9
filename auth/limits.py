"""The login callback's answer to a flood from one address: the refusal page, before any other work."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse

from auth.session import client_address
from domain.clock import utcnow
from domain.identity.limits import LoginFlood, check_login_rate


async def refuse_flood(request: Request) -> RedirectResponse | None:
    """None while the address is within the limit; else the Danish refusal page saying when to try again."""
    try:
        await check_login_rate(client_address(request), now=utcnow())
    except LoginFlood as flood:
        return RedirectResponse(f"/afvist?reason={flood.key}&minutes={flood.params['minutes']}", status_code=303)
    return None
