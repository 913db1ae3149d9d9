"""The readiness matrix rendered server-side, as the page does it, without a browser or a server.

The section (filters, grid and the domain read it starts with) is built inside a NiceGUI client of its own (no
request: no frame, no session storage), and its elements are serialised as Client.build_response does before the
HTML template is filled in; the client is deleted after, which also ends the section's event subscription.
"""

from __future__ import annotations

from datetime import date

from nicegui import Client, json, ui

from domain.identity.model import Actor
from domain.rollout.matrix import MatrixFilter
from ui.rollout.matrix_section import MatrixSection

_PAGE = ui.page("/bench/udrulning")  # never registered as a route: a client only needs its page's settings


async def render_matrix(actor: Actor, today: date, filters: MatrixFilter) -> tuple[int, int]:
    """Build the matrix section with these filters and serialise it; returns (elements, rows shown)."""
    client = Client(_PAGE)
    try:
        with client:
            section = MatrixSection(actor, today, filters)
            await section.build()
        json.dumps({i: element._to_dict() for i, element in client.elements.items()})  # noqa: SLF001
        return len(client.elements), len(section.view.rows) if section.view else 0
    finally:
        client.delete()
