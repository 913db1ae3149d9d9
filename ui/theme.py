"""Sammen's colours and the page-wide CSS that keeps text readable, focus visible and motion optional (WCAG 2.1 AA)."""

from __future__ import annotations

from nicegui import ui

# Each colour carries white text at ≥ 4.5:1 (badges, buttons, notifications), except warning, which Quasar pairs with
# dark text (≥ 4.5:1) and which, as an icon on white, still stands out at ≥ 3:1. tests/unit/test_theme_contrast.py
# holds them to that.
COLOURS: dict[str, str] = {
    "primary": "#1f5f8b",
    "secondary": "#9a5b00",
    "accent": "#1e7b45",
    "positive": "#1e7b45",
    "negative": "#c10015",
    "info": "#0b6e8a",
    "warning": "#c77700",
    "dark": "#1d1d1d",
}
# Quasar's light greys (grey-4 to grey-7) as text, or behind a badge's white text, fail 4.5:1 on the page's grey-1
# background; they take this grey (Quasar's grey-8) instead.
READABLE_GREY = "#616161"
ORANGE_TEXT = "#b34700"  # Quasar's orange-8/9 as text ("Mangler svar") are 3.1:1
LINK = "#1f5f8b"  # NiceGUI's link blue is 3.7:1 on white
# Secondary text in lists and fields (Quasar: black at 54 %, 4.4:1 on grey-1).
CAPTION_GREY = "#595959"
FOCUS = "#1f5f8b"
FOCUS_ON_DARK = "#ffd54f"
PAGE_BACKGROUND = "#fafafa"

# NiceGUI puts Quasar's !important classes (text-grey-6, no-outline) in a late cascade layer; an !important in the
# first layer, "theme", outranks them (important declarations rank layers in reverse).
CSS = f"""
@layer theme {{
.text-grey-4, .text-grey-5, .text-grey-6, .text-grey-7 {{ color: {READABLE_GREY} !important; }}
.text-orange-8, .text-orange-9 {{ color: {ORANGE_TEXT} !important; }}
.q-badge.bg-grey-4, .q-badge.bg-grey-5, .q-badge.bg-grey-6 {{ background: {READABLE_GREY} !important; }}
:focus-visible {{ outline: 3px solid {FOCUS} !important; outline-offset: 2px !important; }}
.q-header :focus-visible, .bg-primary :focus-visible, .q-notification :focus-visible {{
  outline-color: {FOCUS_ON_DARK} !important; }}
main:focus {{ outline: none !important; }}
}}
.q-item__label--caption, .q-item__label--header, .q-field__bottom, .q-field__label, .q-field__marginal {{
  color: {CAPTION_GREY}; }}
.q-tooltip--style {{ background: {READABLE_GREY}; color: #fff; }}
.nicegui-link {{ color: {LINK}; }}
.sammen-skip {{ position: absolute; left: 8px; top: -100px; z-index: 7000; padding: 8px 16px; background: #fff;
  color: {FOCUS}; font-weight: 500; border-radius: 4px; }}
.sammen-skip:focus {{ top: 8px; }}
h1.sammen-title {{ margin: 0; }}
/* A subject or title that is one long word ("Spørgsmålxxxx…") breaks instead of widening a phone's page. */
h1.sammen-title, h2.sammen-section, .sammen-wrap {{ overflow-wrap: anywhere; min-width: 0; }}
h2.sammen-section {{ margin: 0; }}
@media (prefers-reduced-motion: reduce) {{
  *, *::before, *::after {{ animation-duration: 0.01ms !important; animation-iteration-count: 1 !important;
    transition-duration: 0.01ms !important; scroll-behavior: auto !important; }}
}}
"""

# Quasar's tooltips open on hover and have no key to close them (WCAG 1.4.13): Escape tells their anchors the pointer
# left, which is how Quasar hides them.
ESCAPE_TOOLTIPS = """<script>document.addEventListener('keydown',e=>{if(e.key!=='Escape'||!document.querySelector(
'.q-tooltip'))return;document.querySelectorAll(':hover').forEach(el=>el.dispatchEvent(new MouseEvent('mouseleave')));
});</script>"""


def apply() -> None:
    """Colours, readable greys, focus rings, reduced motion and closable tooltips on this page."""
    ui.colors(**COLOURS)
    ui.add_css(CSS)
    ui.add_body_html(ESCAPE_TOOLTIPS)
