"""Galleri in Chromium: Anne on a 1024x768 tablet makes an album for 2.A and uploads three photos at once, each with
its own progress; Mette on a 390x844 phone opens Galleri from the menu and sees the album and its photos."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, FileChooser, Page, expect

from tests.e2e.conftest import DEFAULT_TIMEOUT_MS, PHONE

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def test_staff_upload_three_photos_on_a_tablet_and_a_parent_sees_the_album_on_a_phone(
        tablet: Page, browser: Browser, login: Login, screenshot: Screenshot, base_url: str) -> None:
    login(tablet, "demo-laerer", "/personale")
    tablet.goto(f"{base_url}/galleri")
    tablet.get_by_role("button", name="Nyt album").click()
    dialog = tablet.locator(".q-dialog").last
    expect(dialog).to_be_visible()
    dialog.get_by_label("Albummets titel").fill("Julefest i 2.A")
    dialog.get_by_label("Hvem skal se det?").click()
    tablet.get_by_role("option", name=re.compile(r"^2\.A · ")).first.click()
    dialog.get_by_role("button", name="Opret album").click()
    tablet.wait_for_url(re.compile(r"/galleri/\d+$"))
    album_url = tablet.url

    files = [{"name": f"jul{i}.jpg", "mimeType": "image/jpeg", "buffer": _jpeg(c)}
             for i, c in enumerate([(200, 30, 30), (30, 160, 60), (240, 200, 40)], start=1)]
    choosers: list[FileChooser] = []
    # Listen before the click: Playwright intercepts file pickers only once the first listener is added.
    tablet.on("filechooser", lambda chooser: choosers.append(chooser))
    picker = tablet.locator(".q-uploader__input")
    expect(picker).to_have_attribute("aria-label", "Vælg billeder (flere ad gangen)")
    picker.click()
    for _ in range(100):
        if choosers:
            break
        tablet.wait_for_timeout(100)
    assert choosers, "the uploader opened no file chooser"
    assert choosers[0].is_multiple()
    choosers[0].set_files(files)  # type: ignore[arg-type]
    expect(tablet.locator(".q-uploader__file")).to_have_count(3)  # one row, with its own progress, per file
    expect(tablet.locator(".gallery-grid button.gallery-thumb")).to_have_count(3, timeout=DEFAULT_TIMEOUT_MS * 2)
    # Quasar's icon-only buttons after an upload (clear the list, one per file) have names (axe: button-name).
    expect(tablet.get_by_role("button", name="Fjern jul1.jpg fra listen")).to_be_attached()
    expect(tablet.get_by_role("button", name="Ryd listen over lagte filer")).to_be_attached()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 1024
    screenshot(tablet, "album-staff")

    # Holding a photo and confirming it again redraw the photo dialog: the focus lands on its state, then its heading,
    # not on the page body (the pressed button is gone).
    tablet.locator(".gallery-grid button.gallery-thumb").first.focus()
    tablet.keyboard.press("Enter")
    dialog = tablet.locator(".q-dialog").last
    hold = dialog.get_by_role("button", name="Et barn uden samtykke er med")
    hold.focus()
    tablet.keyboard.press("Enter")
    expect(dialog.get_by_text("Venter: et barn uden fotosamtykke kan være med.")).to_be_focused()
    dialog.get_by_role("button", name="Bekræft, at billedet er i orden").focus()
    tablet.keyboard.press("Enter")
    expect(dialog.get_by_role("heading", name="Billede 1")).to_be_focused()
    tablet.keyboard.press("Escape")

    context = browser.new_context(**PHONE)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        phone = context.new_page()
        login(phone, "demo-foraelder", "/overblik")
        phone.get_by_role("button", name=re.compile("^Menu")).first.click()
        phone.locator(".q-drawer").get_by_role("button", name="Galleri").click()
        phone.wait_for_url(f"{base_url}/galleri")
        phone.get_by_role("link", name="Åbn album Julefest i 2.A").click()
        phone.wait_for_url(album_url)
        thumbs = phone.locator(".gallery-grid button.gallery-thumb")
        expect(thumbs).to_have_count(3)
        expect(thumbs.first.locator("img")).to_have_attribute("src", re.compile(r"^/galleri/foto/\d+/thumb$"))
        thumbs.first.click()
        expect(phone.get_by_role("link", name="Hent billedet")).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(phone, "album-parent")
    finally:
        context.close()
