"""One polite live region per page, and `announce(text)` for news a screen reader should hear without moving focus."""

from __future__ import annotations

from nicegui import Client, context, ui

REGION_KEY = "sammen_live_region"
# Visually hidden but read: display:none or visibility:hidden would hide it from screen readers too.
HIDDEN = ("position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0,0,0,0);"
          "white-space:nowrap;border:0")
REPEAT_MARK = "\u200b"  # a repeated message must change the region's text, or it is not read again


def live_region() -> ui.label:
    """Put this page's polite live region in place (once per page); `announce` writes into it."""
    region = context.client.storage.get(REGION_KEY)
    if isinstance(region, ui.label) and not region.is_deleted:
        return region
    # The region exists, empty, from the page's start: text put into it later is read; a new region is not.
    region = ui.label("").props('role=status aria-live=polite aria-atomic=true').style(HIDDEN).mark("live-region")
    context.client.storage[REGION_KEY] = region
    return region


def announce(text: str, client: Client | None = None) -> None:
    """Have screen readers say the text politely (after what they are reading); a page without a region ignores it.

    Event handlers running outside the page's own context pass their client.
    """
    region = (client or context.client).storage.get(REGION_KEY)
    if not isinstance(region, ui.label) or region.is_deleted:
        return
    region.set_text(text + REPEAT_MARK if region.text == text else text)
