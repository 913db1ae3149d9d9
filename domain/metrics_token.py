"""The bearer token that lets Prometheus (and only it) read /metrics: from the settings, else made once on disk."""

from __future__ import annotations

import contextlib
import hmac
import os
import secrets
from pathlib import Path

from domain import files

TOKEN_FILE = "metrics-token"  # noqa: S105 - the name of the file, not a secret
_loaded: dict[Path, str] = {}


def _write_new(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: two processes starting together cannot both write; the loser reads the winner's token.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_urlsafe(32))


def metrics_token(configured: str, data_dir: Path | None = None) -> str:
    """The configured token, or the one in the data folder (created with 0600 permissions on first use; cached)."""
    if configured:
        return configured
    target = ((data_dir or files.data_dir()) / TOKEN_FILE).resolve()
    if target not in _loaded:
        if not target.exists():
            with contextlib.suppress(FileExistsError):
                _write_new(target)
        _loaded[target] = target.read_text(encoding="ascii").strip()
    return _loaded[target]


def check_metrics_authorization(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries exactly this bearer token (compared in constant time)."""
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and bool(token) and hmac.compare_digest(given.strip().encode(), token.encode())
