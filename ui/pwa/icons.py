"""Sammen's app icons, drawn with Pillow on first use: a grown-up and a child on the primary blue."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

from ui.theme import COLOURS, FOCUS_ON_DARK

SCALE = 4  # drawn four times larger and scaled down, for smooth edges
# (size, maskable): the manifest's icons and the apple-touch-icon (iOS rounds the corners itself).
SIZES = {"icon-192.png": (192, False), "icon-512.png": (512, False), "icon-maskable-512.png": (512, True),
         "apple-touch-icon.png": (180, True)}


def _hex(colour: str) -> tuple[int, int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), 255


def _figure(draw: ImageDraw.ImageDraw, n: int, x: float, head_y: float, head_r: float, body_w: float,
            fill: tuple[int, int, int, int]) -> None:
    """A head and the top half of a body (shoulders), centred on x; all lengths are fractions of the side n."""
    draw.ellipse([(x - head_r) * n, (head_y - head_r) * n, (x + head_r) * n, (head_y + head_r) * n], fill=fill)
    top = head_y + head_r * 1.35
    draw.chord([(x - body_w / 2) * n, top * n, (x + body_w / 2) * n, (top + body_w) * n], 180, 360, fill=fill)


@lru_cache(maxsize=len(SIZES))
def icon_png(name: str) -> bytes:
    """The PNG for one of SIZES; a maskable icon fills the square and keeps its figures in the safe circle."""
    size, full_bleed = SIZES[name]
    n = size * SCALE
    image = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    background = _hex(COLOURS["primary"])
    if full_bleed:
        draw.rectangle([0, 0, n, n], fill=background)
    else:
        draw.rounded_rectangle([0, 0, n - 1, n - 1], radius=int(n * 0.22), fill=background)
    # The figures stay inside the middle 70 % (a maskable icon's safe zone is the circle of 80 %).
    _figure(draw, n, 0.41, 0.40, 0.095, 0.34, (255, 255, 255, 255))
    _figure(draw, n, 0.645, 0.51, 0.07, 0.25, _hex(FOCUS_ON_DARK))
    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()
