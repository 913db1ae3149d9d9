"""Shared parts of the gallery pages: a lazily loaded thumbnail, a link around it, a counted label."""

from __future__ import annotations

from nicegui import ui

from domain.gallery.model import HELD, NO_CONSENT
from ui.gallery.files_route import photo_url
from ui.i18n import t, tn

GRID_CSS = """
.gallery-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 6px; width: 100%; }
.gallery-grid img, .gallery-cover { width: 100%; aspect-ratio: 1 / 1; object-fit: cover; border-radius: 4px;
  background: #eceff1; display: block; }
.gallery-thumb { padding: 0; border: 0; background: none; cursor: pointer; position: relative; }
.gallery-thumb:focus-visible { outline: 3px solid #1565c0; outline-offset: 2px; }
.gallery-badge { position: absolute; top: 4px; left: 4px; }
"""
STATE_TEXT = {HELD: "gallery.state.held", NO_CONSENT: "gallery.state.no_consent"}  # why staff see it and parents not


def grid_css() -> None:
    """The grid's styles, once per page."""
    ui.add_css(GRID_CSS)


def thumbnail(photo_id: int, alt: str, *, eager: bool = False) -> ui.element:
    """A square thumbnail; below the first screen the browser fetches it only when it scrolls near."""
    img = ui.element("img").props(f'src="{photo_url(photo_id, "thumb")}" alt="{alt.replace(chr(34), chr(39))}" '
                                  f'loading="{"eager" if eager else "lazy"}" decoding="async" width="320" height="320"')
    return img


def photo_count(n: int) -> str:
    """'1 billede' / '12 billeder'."""
    return tn("gallery.photo_count", n)


def alt_text(n: int, caption: str) -> str:
    """A photo's name for a screen reader: its number and caption."""
    return t("gallery.photo_alt_caption", n=n, caption=caption) if caption else t("gallery.photo_alt", n=n)
