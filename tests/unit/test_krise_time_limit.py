"""/krise does not reload itself (WCAG 2.2.1): the reader updates it with a real button, without script."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.broadcast.model import PublicItem
from ui.broadcast.public import SAFE, render


def test_the_public_krise_page_has_no_meta_refresh_but_an_update_button_that_fetches_it_again() -> None:
    page = render([PublicItem(1, "Vandforsyning", "Kog vandet.", datetime(2026, 12, 7, 8, 0, tzinfo=UTC))])
    assert 'http-equiv="refresh"' not in page.lower()
    assert '<form method="get" action="/krise">' in page
    assert '<button type="submit">Opdater</button>' in page
    assert "Siden opdaterer ikke af sig selv." in page
    assert "script-src" not in SAFE["Content-Security-Policy"] and "<script" not in page  # still no script at all
