"""Sammen's VAPID key pair (RFC 8292): made once, kept in the data folder like the widget signing key."""

from __future__ import annotations

import base64
import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

from domain import files

KEY_FILE = "vapid-private-key.pem"
_loaded: dict[Path, VapidKeys] = {}


def b64url(data: bytes) -> str:
    """Base64url without padding, as Web Push writes keys."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass(frozen=True)
class VapidKeys:
    """The P-256 key that signs every push request's JWT; its public half is the browser's applicationServerKey."""

    private_key: ec.EllipticCurvePrivateKey

    @property
    def public_raw(self) -> bytes:
        """The public key as an uncompressed point (65 bytes)."""
        return self.private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                          serialization.PublicFormat.UncompressedPoint)

    @property
    def public_b64url(self) -> str:
        """What `pushManager.subscribe({applicationServerKey})` takes."""
        return b64url(self.public_raw)

    def vapid(self) -> Vapid02:
        """The key as pywebpush's signer."""
        return Vapid02(private_key=self.private_key)


def _write_new(path: Path) -> None:
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: two processes starting together cannot both write; the loser reads the winner's key.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)


def load_or_create(data_dir: Path | None = None) -> VapidKeys:
    """The key pair stored in the data folder, created with 0600 permissions on first use; cached per path."""
    target = ((data_dir or files.data_dir()) / KEY_FILE).resolve()
    cached = _loaded.get(target)
    if cached is not None:
        return cached
    if not target.exists():
        with contextlib.suppress(FileExistsError):
            _write_new(target)
    key = serialization.load_pem_private_key(target.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{target} is not an EC private key")
    keys = VapidKeys(key)
    _loaded[target] = keys
    return keys


def vapid_public_key(data_dir: Path | None = None) -> str:
    """The applicationServerKey the browser subscribes with (base64url)."""
    return load_or_create(data_dir).public_b64url


def forget_loaded() -> None:
    """Drop the cache, as a restart would (for tests)."""
    _loaded.clear()
