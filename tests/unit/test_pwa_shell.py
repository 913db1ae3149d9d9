"""The installable app's pieces without a server: manifest, offline page and its policy, icons, device labels."""

from __future__ import annotations

import base64
import hashlib
import io
import re

import pytest
from PIL import Image

from ui.notifications.devices import device_label
from ui.pwa.icons import SIZES, icon_png
from ui.pwa.routes import OFFLINE_CSP, OFFLINE_SCRIPT, manifest, offline_page, worker_source


def test_the_manifest_names_sammen_in_danish_and_starts_where_each_role_is_sent_home() -> None:
    m = manifest()
    assert (m["name"], m["short_name"], m["lang"], m["display"], m["start_url"], m["scope"], m["id"]) == (
        "Sammen", "Sammen", "da", "standalone", "/", "/", "/")
    assert m["theme_color"] == "#1f5f8b"


@pytest.mark.parametrize("name", sorted(SIZES))
def test_each_icon_is_a_png_of_its_size(name: str) -> None:
    image = Image.open(io.BytesIO(icon_png(name)))
    size, full_bleed = SIZES[name]
    assert image.format == "PNG" and image.size == (size, size)
    corner = image.convert("RGBA").getpixel((0, 0))
    assert isinstance(corner, tuple)
    assert (corner[3] == 255) is full_bleed  # a maskable icon fills its square; the other has rounded corners


def test_the_offline_page_says_it_in_danish_and_english_and_runs_only_its_own_script() -> None:
    page = offline_page()
    assert '<html lang="da">' in page
    assert "Ingen forbindelse — Sammen prøver igen" in page and "No connection — Sammen is trying again" in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert scripts == [OFFLINE_SCRIPT]
    digest = base64.b64encode(hashlib.sha256(OFFLINE_SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in OFFLINE_CSP and "unsafe" not in OFFLINE_CSP.split("style-src")[0]


def test_the_worker_caches_only_the_shell() -> None:
    source = worker_source()
    shell = re.search(r"const SHELL = \[(.*?)\];", source)
    assert shell is not None
    assert re.findall(r"'([^']+)'|\"([^\"]+)\"", shell[1])
    listed = [a or b for a, b in re.findall(r"'([^']+)'|\"([^\"]+)\"", shell[1])]
    assert all(p == "/ingen-forbindelse" or re.fullmatch(r"/pwa/[a-z0-9-]+\.png", p) for p in listed), listed
    assert "__" not in source.split("*/", 1)[1].replace("__proto__", "")  # every placeholder filled in


@pytest.mark.parametrize(("agent", "label"), [
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile "
     "Safari/537.36", "Chrome på Android"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.5 Mobile/15E148 Safari/604.1", "Safari på iPhone"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 "
     "Safari/537.36 Edg/131.0", "Edge på Windows"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox på Mac"),
    ("Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 "
     "Chrome/122.0 Mobile Safari/537.36", "Samsung Internet på Android"),
    ("curl/8.5", "Ukendt browser"),
    ("", "Ukendt browser"),
])
def test_a_device_is_named_by_its_browser_and_system(agent: str, label: str) -> None:
    assert device_label(agent) == label
