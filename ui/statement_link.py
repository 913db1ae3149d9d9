"""The link to the accessibility statement, shared by the frame's footer, the login page and the wall screen."""

from __future__ import annotations

from nicegui import ui

from ui.i18n import t

STATEMENT_PATH = "/tilgaengelighed"


def statement_link(dark: bool = False) -> ui.link:
    """The link to the accessibility statement, as every page's footer and the login page carry it."""
    colour = "text-white" if dark else "text-primary"
    return ui.link(t("a11y.link"), STATEMENT_PATH).classes(f"{colour} text-caption").mark("a11y-link")


def footer() -> None:
    """A small footer (a contentinfo landmark) with the link to the accessibility statement."""
    with ui.element("footer").classes("w-full row justify-center q-pa-md"):
        statement_link()
