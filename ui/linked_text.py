"""Typed text with its web addresses as links: messages, posts and events all show user text through this."""

from __future__ import annotations

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from domain.links import split_links
from ui.i18n import t

# Links to other sites open in a new tab without handing that site a way back into Sammen (window.opener, Referer).
LINK_REL = "noopener noreferrer"


class _Span(TextElement):
    """Plain text inside a paragraph; set as text, so nothing typed is ever read as HTML."""

    def __init__(self, text: str) -> None:
        super().__init__(tag="span", text=text)


def linked_text(text: str) -> ui.element:
    """A block of text in which http(s) addresses are links (new tab, rel noopener noreferrer); the rest is text."""
    segments = split_links(text)
    if all(s.href is None for s in segments):
        return ui.label(text)
    with ui.element("div") as block:
        for segment in segments:
            if segment.href is None:
                _Span(segment.text)
                continue
            link = ui.link(segment.text, segment.href, new_tab=True).classes("break-all")
            link.props(f'rel="{LINK_REL}" title="{t("links.new_tab")}"')
    return block
