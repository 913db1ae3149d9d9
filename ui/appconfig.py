"""Settings pages need at render time, set once by ui.app.build (never per user)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class AppConfig:
    """The public address Sammen is reached at (the issuer of widget tokens)."""

    public_url: str = "http://localhost:8080"


config = AppConfig()
