"""Settings read once from the environment; the composition root passes them on."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from domain.files import DEFAULT_DATA_DIR

# A known development value: serve() warns whenever it is in force.
DEV_STORAGE_SECRET = "sammen-dev-storage-secret-change-me"  # noqa: S105
# The NSIS assurance levels as MitID brokers name them in the ID token's `acr` claim (Sammen's levels 2 and 3).
NSIS_SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
NSIS_HIGH = "https://data.gov.dk/concept/core/nsis/loa/High"


@dataclass(frozen=True)
class SmtpSettings:
    """Where e-mail goes out (the broadcast's fallback); e-mail is off when SMTP_HOST is unset."""

    host: str
    port: int = 587
    user: str = ""
    password: str = field(default="", repr=False)  # never in a log line
    sender: str = "noreply@sammen.invalid"
    starttls: bool = True
    # Signs the unsubscribe links in bulk e-mail: the app's STORAGE_SECRET (load_settings sets it), so the page the
    # link opens can check them. Empty: making a link fails, so no bulk e-mail goes out without one.
    link_secret: str = field(default="", repr=False)


def load_smtp(e: Mapping[str, str]) -> SmtpSettings | None:
    """The SMTP settings from SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM and SMTP_STARTTLS."""
    host = (e.get("SMTP_HOST") or "").strip()
    if not host:
        return None
    return SmtpSettings(host=host, port=int(e.get("SMTP_PORT") or "587"), user=e.get("SMTP_USER", ""),
                        password=e.get("SMTP_PASSWORD", ""), sender=e.get("SMTP_FROM") or "noreply@sammen.invalid",
                        starttls=(e.get("SMTP_STARTTLS") or "1").lower() not in ("0", "false", "no"))


@dataclass(frozen=True)
class Settings:
    """Every knob Sammen reads from its environment."""

    port: int
    public_url: str
    database_url: str
    redis_url: str | None
    oidc_issuer: str | None
    oidc_client_id: str
    oidc_client_secret: str
    storage_secret: str
    idle_minutes: int
    run_jobs: bool = True
    smtp: SmtpSettings | None = None
    host: str = "0.0.0.0"  # noqa: S104 - behind a proxy on the same machine, set SAMMEN_HOST=127.0.0.1
    data_dir: Path = DEFAULT_DATA_DIR
    events_channel: str = "sammen:events"
    # The provider's `acr` values that give Sammen's level 2 and level 3; the first of each is what Sammen asks for.
    acr_level2: tuple[str, ...] = (NSIS_SUBSTANTIAL,)
    acr_level3: tuple[str, ...] = (NSIS_HIGH,)
    # The accessibility statement: the authority that publishes it and where people report a problem.
    a11y_authority: str = "Sammenby Kommune"
    a11y_contact: str = "tilgaengelighed@sammenby.dk"
    # The bearer token Prometheus sends to /metrics; empty: one is made and kept in the data folder (metrics-token).
    metrics_token: str = ""
    # Freeze live pages out of the collector's full passes (ui/freezer.py); 0 only to compare in a benchmark.
    gc_freeze: bool = True

    @property
    def dev_idp_enabled(self) -> bool:
        """The embedded identity provider runs only when no external one is configured."""
        return not self.oidc_issuer

    @property
    def issuer(self) -> str:
        """The issuer Sammen trusts: the external one, or the embedded one under /dev-idp."""
        return self.oidc_issuer or f"{self.public_url}/dev-idp"


def acr_values(raw: str | None, default: str) -> tuple[str, ...]:
    """One or more `acr` values, separated by spaces or commas (an empty setting keeps the default)."""
    values = tuple(v for v in (raw or "").replace(",", " ").split() if v)
    return values or (default,)


def default_database_url(data_dir: Path) -> str:
    """An SQLite file in the data folder, in WAL mode with a busy timeout."""
    return f"sqlite://{data_dir / 'sammen.sqlite3'}?journal_mode=WAL&busy_timeout=5000&synchronous=NORMAL"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read the settings from the environment (or a given mapping)."""
    e = os.environ if env is None else env
    port = int(e.get("PORT", "8080"))
    storage_secret = e.get("STORAGE_SECRET", DEV_STORAGE_SECRET)
    smtp = load_smtp(e)
    data_dir = Path(e.get("SAMMEN_DATA_DIR") or DEFAULT_DATA_DIR)
    return Settings(
        port=port,
        public_url=e.get("PUBLIC_URL", f"http://localhost:{port}").rstrip("/"),
        database_url=e.get("DATABASE_URL") or default_database_url(data_dir),
        redis_url=e.get("REDIS_URL") or None,
        oidc_issuer=(e.get("OIDC_ISSUER") or "").rstrip("/") or None,
        oidc_client_id=e.get("OIDC_CLIENT_ID", "sammen"),
        oidc_client_secret=e.get("OIDC_CLIENT_SECRET", "sammen-dev-secret"),
        storage_secret=storage_secret,
        idle_minutes=int(e.get("SESSION_IDLE_MINUTES", "30")),
        # In a cluster only one process should run the daily jobs.
        run_jobs=e.get("SAMMEN_RUN_JOBS", "1") != "0",
        smtp=replace(smtp, link_secret=storage_secret) if smtp else None,
        host=e.get("SAMMEN_HOST") or "0.0.0.0",  # noqa: S104 - every interface unless told otherwise
        data_dir=data_dir,
        # Several Sammen installations (or parallel test workers) can share one Redis, each on its own channel.
        events_channel=e.get("SAMMEN_EVENTS_CHANNEL") or "sammen:events",
        acr_level2=acr_values(e.get("OIDC_ACR_LEVEL2"), NSIS_SUBSTANTIAL),
        acr_level3=acr_values(e.get("OIDC_ACR_LEVEL3"), NSIS_HIGH),
        a11y_authority=e.get("ACCESSIBILITY_AUTHORITY") or "Sammenby Kommune",
        a11y_contact=e.get("ACCESSIBILITY_CONTACT") or "tilgaengelighed@sammenby.dk",
        metrics_token=e.get("SAMMEN_METRICS_TOKEN", ""),
        gc_freeze=e.get("SAMMEN_GC_FREEZE", "1") != "0",
    )
