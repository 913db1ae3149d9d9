"""Uploads end at their limit: 50 MB streamed without Content-Length is cut off near 10 MB, a declared 1 GB at once."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nicegui import ui
from nicegui.testing import User
from PIL import Image

from persistence.messages import Attachment
from tests.conftest import point_data_dir
from tests.ui.conftest import login

MB = 1024 * 1024
BOUNDARY = "sammen-test-boundary"
HEAD = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="stor.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n").encode()
TAIL = f"\r\n--{BOUNDARY}--\r\n".encode()


class Body:
    """A multipart body of `size` file bytes, made chunk by chunk, counting how much the server has pulled."""

    def __init__(self, size: int, chunk: int = 256 * 1024) -> None:
        self.size, self.chunk, self.pulled = size, chunk, 0

    async def stream(self) -> AsyncIterator[bytes]:
        self.pulled += len(HEAD)
        yield HEAD
        left = self.size
        while left > 0:
            part = b"\xff" * min(self.chunk, left)
            left -= len(part)
            self.pulled += len(part)
            yield part
        yield TAIL


async def _compose_upload_url(user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    point_data_dir(monkeypatch, tmp_path / "data")
    await login(user, "demo-foraelder")
    await user.open("/beskeder/ny")
    upload = next(iter(user.find(marker="upload").elements))
    assert isinstance(upload, ui.upload)
    return str(upload.props["url"])


def _stored(tmp_path: Path) -> list[Path]:
    root = tmp_path / "data" / "attachments"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def test_a_50_mb_body_streamed_without_length_is_cut_off_near_the_limit_and_nothing_is_stored(
        user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = await _compose_upload_url(user, tmp_path, monkeypatch)
    before = await Attachment.all().count()
    body = Body(50 * MB)
    answer = await user.http_client.post(url, content=body.stream(),
                                         headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
    assert answer.status_code == 413
    assert answer.json()["detail"] == "Filen er for stor. Den må højst fylde 10 MB. Intet er gemt."
    # The server stopped pulling the body just past the element's 10 MB (plus the envelope), not at 50 MB.
    assert 10 * MB < body.pulled <= 10 * MB + 64 * 1024 + body.chunk + len(HEAD)
    await user.should_see("Filen er for stor. Den må højst fylde 10 MB. Intet er gemt.")
    assert await Attachment.all().count() == before and _stored(tmp_path) == []


async def test_a_declared_1_gb_upload_is_refused_before_a_byte_is_read(
        user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = await _compose_upload_url(user, tmp_path, monkeypatch)
    body = Body(4 * MB)  # the body never gets near 1 GB: the header alone decides
    answer = await user.http_client.post(url, content=body.stream(), headers={
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Content-Length": str(1024 * MB)})
    assert answer.status_code == 413 and "højst fylde 10 MB" in answer.json()["detail"]
    assert body.pulled == 0
    assert _stored(tmp_path) == []


async def test_a_picture_under_the_limit_still_uploads(
        user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = await _compose_upload_url(user, tmp_path, monkeypatch)
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 200)).save(picture, "PNG")
    answer = await user.http_client.post(url, files={"file": ("lille.png", picture.getvalue(), "image/png")})
    assert answer.status_code == 200
    await user.should_see("lille.png")
    assert len(_stored(tmp_path)) == 1


async def test_a_large_form_post_elsewhere_is_refused_too(user: User) -> None:
    answer = await user.http_client.post("/auth/ping", content=b"x" * (2 * MB))
    assert answer.status_code == 413
