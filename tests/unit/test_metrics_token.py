"""The /metrics bearer token: configured, or made once in the data folder, readable by its owner only."""

from __future__ import annotations

import stat
from pathlib import Path

from domain.metrics_token import TOKEN_FILE, check_metrics_authorization, metrics_token


def test_a_configured_token_wins_and_nothing_is_written(tmp_path: Path) -> None:
    assert metrics_token("from-the-environment", tmp_path) == "from-the-environment"
    assert not (tmp_path / TOKEN_FILE).exists()


def test_without_one_a_random_token_is_made_once_with_owner_only_permissions(tmp_path: Path) -> None:
    first = metrics_token("", tmp_path)
    assert len(first) >= 40
    assert metrics_token("", tmp_path) == first
    assert stat.S_IMODE((tmp_path / TOKEN_FILE).stat().st_mode) == 0o600
    assert metrics_token("", tmp_path / "other") != first


def test_only_the_exact_bearer_token_is_accepted() -> None:
    assert check_metrics_authorization("Bearer s3cret", "s3cret")
    assert check_metrics_authorization("bearer s3cret", "s3cret")
    for header in (None, "", "Bearer", "Bearer s3cre", "Bearer s3cretx", "Basic s3cret", "s3cret"):
        assert not check_metrics_authorization(header, "s3cret"), header
    assert not check_metrics_authorization("Bearer ", "")
