"""What a page does when the active role is not the one it serves."""

from __future__ import annotations

from fastapi.responses import RedirectResponse

from domain.identity.model import Actor
from ui.navigation import HOME


def wrong_role(actor: Actor) -> RedirectResponse:
    """Send the actor to their own home; the page itself refuses nothing they could see."""
    return RedirectResponse(HOME[actor.role], status_code=303)
