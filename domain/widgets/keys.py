"""Sammen's widget signing key: an RSA key and a pseudonym secret, persisted once under the data folder."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from joserfc.jwk import KeySet, RSAKey

from domain import files

KEY_FILE = "widget-signing-key.json"
_loaded: dict[Path, WidgetSigner] = {}


@dataclass(frozen=True)
class WidgetSigner:
    """The private key that signs widget tokens and the secret that makes children's pseudonyms."""

    key: RSAKey
    pseudonym_secret: bytes

    @property
    def kid(self) -> str:
        """The key id (RFC 7638 thumbprint) in the JWKS and every token header."""
        return str(self.key.kid)

    def jwks(self) -> dict[str, Any]:
        """The public half as a JWKS document, for suppliers."""
        return dict(KeySet([self.key]).as_dict(private=False))

    def pseudonym(self, widget_id: int, child_id: int) -> str:
        """A child's id for one widget: stable for that widget, unlinkable across widgets."""
        return pseudonym(self.pseudonym_secret, widget_id, child_id)


def pseudonym(secret: bytes, widget_id: int, child_id: int) -> str:
    """HMAC-SHA256 over (widget, child), base64url without padding."""
    digest = hmac.new(secret, f"widget:{widget_id}:child:{child_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def generate_signer() -> WidgetSigner:
    """A fresh 2048-bit RS256 key and a 32-byte pseudonym secret (for tests, or the first start)."""
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, auto_kid=True)
    return WidgetSigner(key, secrets.token_bytes(32))


def _write_new(path: Path, signer: WidgetSigner) -> None:
    body = json.dumps({"key": signer.key.as_dict(private=True),
                       "pseudonym_secret": signer.pseudonym_secret.hex()})
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: two processes starting together cannot both write; the loser reads the winner's key.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(body)


def _read(path: Path) -> WidgetSigner:
    data = json.loads(path.read_text(encoding="utf-8"))
    key = RSAKey.import_key(data["key"], parameters={"use": "sig", "alg": "RS256"})
    key.ensure_kid()
    return WidgetSigner(key, bytes.fromhex(data["pseudonym_secret"]))


def default_path() -> Path:
    """Where the key lives: the data folder."""
    return files.data_dir() / KEY_FILE


def load_signer(path: Path | None = None) -> WidgetSigner:
    """The signer stored at path, created with 0600 permissions on first use; cached per path."""
    target = (path or default_path()).resolve()
    cached = _loaded.get(target)
    if cached is not None:
        return cached
    if not target.exists():
        with contextlib.suppress(FileExistsError):
            _write_new(target, generate_signer())
    signer = _read(target)
    _loaded[target] = signer
    return signer


def forget_loaded() -> None:
    """Drop the cache, as a restart would (for tests)."""
    _loaded.clear()


def public_jwks(signer: WidgetSigner | None = None) -> dict[str, Any]:
    """The JWKS suppliers verify widget tokens with."""
    return (signer or load_signer()).jwks()
