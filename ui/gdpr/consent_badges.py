"""A compact consent summary for a child's page: one chip per consent type, given or not."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.gdpr import consents
from domain.identity.model import Actor
from ui.i18n import t

WRAP_CHIPS = (".sammen-wrap-chip,.sammen-wrap-chip .q-chip__content{white-space:normal;max-width:100%;height:auto;"
              "overflow-wrap:anywhere}")


async def consent_badges(actor: Actor, child_id: int) -> None:
    """The chips, or nothing when the actor may not see the child's consents."""
    try:
        child = await consents.child_consents(actor, child_id, utcnow())
    except DomainError:
        return
    # Quasar keeps a chip on one line: a long consent name must wrap at 320 px, not push the page sideways (1.4.10).
    ui.add_css(WRAP_CHIPS)
    with ui.column().classes("gap-1 w-full min-w-0").mark("consent-badges"):
        ui.label(t("consents.badges.title")).classes("text-subtitle2")
        with ui.row().classes("gap-1"):
            for ctype in child.types:
                given = ctype.id in child.given
                ui.chip(f"{'✓' if given else '✗'} {ctype.name}", color="positive" if given else "grey-4",
                        text_color="white" if given else "black").props(
                    f"dense square data-consent={ctype.key} data-given={'1' if given else '0'}").classes(
                    "sammen-wrap-chip")
