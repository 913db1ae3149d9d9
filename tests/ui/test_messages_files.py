"""Attachments over HTTP: the thread's reader downloads the file; another parent gets the refusal card and 403."""

from __future__ import annotations

from pathlib import Path

import pytest
from nicegui.testing import User

from domain.clock import utcnow
from domain.messages import attachments, service
from persistence.identity import UserAccount
from tests.conftest import point_data_dir
from tests.integration.test_messages_attachments import pdf_bytes
from tests.ui.conftest import login
from tests.ui.test_messages_thread import anne


async def test_an_attachment_downloads_for_its_reader_and_is_refused_to_another_parent(
        user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_data_dir(monkeypatch, tmp_path / "data")
    teacher = await anne()
    pdf = pdf_bytes()
    plan = await attachments.do_upload(teacher, filename="Årsplan 2.A.pdf", data=pdf, now=utcnow())
    mette = await UserAccount.get(oidc_subject="demo-foraelder")
    sent = await service.do_send(teacher, subject="Årsplan", body="Se vedhæftede.", now=utcnow(),
                                 recipient_keys=[f"person:{mette.person_id}"], attachment_ids=[plan.attachment_id])
    address = f"/beskeder/fil/{plan.attachment_id}"

    await login(user, "demo-foraelder-klub")
    await user.open(f"/beskeder/{sent.thread_id}")
    await user.should_see(marker="refusal")
    await user.should_not_see("Se vedhæftede.")
    refused = await user.http_client.get(address)
    assert refused.status_code == 403
    assert refused.text == "Du har ikke adgang til den fil."
    assert (await user.http_client.get("/beskeder/fil/999999")).status_code == 404

    await login(user, "demo-foraelder")
    await user.open(f"/beskeder/{sent.thread_id}")
    await user.should_see(marker=f"file-{plan.attachment_id}")
    got = await user.http_client.get(address)
    assert got.status_code == 200 and got.content == pdf
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"].startswith("attachment;")
