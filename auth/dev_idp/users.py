"""People offered on the development login page."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DevUser:
    """One selectable person: OIDC subject, display name, group heading and a detail line."""

    subject: str
    name: str
    role_label: str
    detail: str = ''
