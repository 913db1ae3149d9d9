"""The theme's colours meet WCAG 2.1 AA: text ≥ 4.5:1, focus rings and icons ≥ 3:1 (ratios as WCAG defines them)."""

from __future__ import annotations

import pytest

from ui.components import KIND_COLOURS
from ui.theme import CAPTION_GREY, COLOURS, CSS, FOCUS, FOCUS_ON_DARK, LINK, ORANGE_TEXT, PAGE_BACKGROUND, READABLE_GREY

WHITE = "#ffffff"
CARD_GREY = "#eeeeee"  # Quasar's grey-2/3 backgrounds, the darkest a grey text sits on
# Quasar's palette (quasar.important.prod.css) for the shades the institution badges use.
QUASAR = {"pink-9": "#ad1457", "deep-orange-10": "#bf360c", "brown-6": "#795548", "light-green-10": "#33691e",
          "blue-9": "#1565c0", "teal-9": "#00695c", "deep-purple-6": "#673ab7"}


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, from 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_ratio_is_computed_as_wcag_defines_it() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#757575", WHITE) == pytest.approx(4.61, abs=0.01)  # Quasar's grey-6, just above 4.5 on white


@pytest.mark.parametrize("name", ["primary", "secondary", "accent", "positive", "negative", "info"])
def test_white_text_on_a_theme_colour_is_readable(name: str) -> None:
    assert contrast(WHITE, COLOURS[name]) >= 4.5, name


@pytest.mark.parametrize("name", ["primary", "secondary", "accent", "positive", "negative", "info"])
def test_a_theme_colour_as_text_on_the_page_is_readable(name: str) -> None:
    assert contrast(COLOURS[name], PAGE_BACKGROUND) >= 4.5, name


def test_warning_carries_dark_text_and_stands_out_as_an_icon() -> None:
    assert contrast(COLOURS["dark"], COLOURS["warning"]) >= 4.5  # Quasar's warning notification: dark text
    assert contrast(COLOURS["warning"], WHITE) >= 3.0  # a warning icon is a graphic: 3:1


@pytest.mark.parametrize("shade", sorted(set(KIND_COLOURS.values())))
def test_an_institution_badges_white_text_is_readable(shade: str) -> None:
    assert contrast(WHITE, QUASAR[shade]) >= 4.5


@pytest.mark.parametrize("grey", [READABLE_GREY, CAPTION_GREY, ORANGE_TEXT, LINK])
@pytest.mark.parametrize("background", [WHITE, PAGE_BACKGROUND, CARD_GREY])
def test_grey_text_is_readable_on_every_light_background(grey: str, background: str) -> None:
    assert contrast(grey, background) >= 4.5


def test_quasars_light_grey_text_classes_take_the_readable_grey() -> None:
    assert f".text-grey-4, .text-grey-5, .text-grey-6, .text-grey-7 {{ color: {READABLE_GREY} !important; }}" in CSS
    assert f".q-tooltip--style {{ background: {READABLE_GREY}; color: #fff; }}" in CSS


def test_the_focus_ring_stands_out_on_light_and_dark_backgrounds() -> None:
    for background in (WHITE, PAGE_BACKGROUND, CARD_GREY):
        assert contrast(FOCUS, background) >= 3.0
    assert contrast(FOCUS_ON_DARK, COLOURS["primary"]) >= 3.0  # the header and primary buttons
    assert ":focus-visible { outline: 3px solid" in CSS


def test_motion_stops_for_those_who_ask() -> None:
    assert "@media (prefers-reduced-motion: reduce)" in CSS
