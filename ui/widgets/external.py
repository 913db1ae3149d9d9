"""A supplier's widget in a sandboxed frame, given a fresh signed token in its address."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from nicegui import ui

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.widgets.model import WidgetSlot
from domain.widgets.registry import WidgetContext
from domain.widgets.tokens import do_issue_token
from ui.i18n import t

FRAME_HEIGHT_PX = 220
# Scripts and forms run, but without allow-same-origin the frame gets an opaque origin: it cannot read
# Sammen's cookies or storage, nor reach into the page around it. No lazy loading: the token lives 60 s.
SANDBOX = "allow-scripts allow-forms"


def frame_src(url: str, token: str, widget_id: int) -> str:
    """The supplier's URL with `token` and `widget` added to its query (replacing any already there)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("token", "widget")]
    query += [("token", token), ("widget", str(widget_id))]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def render_external(slot: WidgetSlot, token: str) -> None:
    """Draw the widget's card: its name and the supplier's page in a sandboxed, referrer-less frame."""
    with ui.card().classes("w-full q-pa-sm gap-1").mark(f"external-{slot.external_id}"):
        ui.label(slot.title).classes("text-subtitle2")
        frame = ui.element("iframe").classes("w-full").style(f"height: {FRAME_HEIGHT_PX}px; border: 0")
        frame.props.update(sandbox=SANDBOX, referrerpolicy="no-referrer",
                           src=frame_src(slot.external_url, token, slot.external_id),
                           title=t("extwidget.frame_title", name=slot.title))
        frame.mark("external-frame")


async def external_widget(actor: Actor, slot: WidgetSlot, ctx: WidgetContext, public_url: str) -> None:
    """Issue the actor a token for this widget and draw it (a refusal propagates as a DomainError)."""
    token = await do_issue_token(actor, slot.external_id, ctx, utcnow(), issuer=public_url)
    render_external(slot, token)
