"""Assurance levels: the provider's `acr` values mapped to Sammen's levels "2" and "3", and what a login asks for."""

from __future__ import annotations

from domain.settings import Settings


def sammen_level(acr: object, settings: Settings) -> str:
    """Sammen's level for the provider's `acr` claim: "3" only for a configured level-3 value, otherwise "2"."""
    value = str(acr or "")
    return "3" if value in settings.acr_level3 else "2"


def known_acr(acr: object, settings: Settings) -> bool:
    """Whether the provider's `acr` claim is one of the configured values (an unknown one counts as level 2)."""
    return str(acr or "") in settings.acr_level2 + settings.acr_level3


def requested_acr(settings: Settings, step_up: bool) -> str:
    """The `acr_values` of an authorization request: level 3 alone for a step-up, else level 2 then level 3."""
    if step_up:
        return settings.acr_level3[0]
    return f"{settings.acr_level2[0]} {settings.acr_level3[0]}"


def provider_acr_claims(settings: Settings) -> dict[str, str]:
    """What the embedded development provider puts in `acr` for each level, so it speaks like the real one."""
    return {"2": settings.acr_level2[0], "3": settings.acr_level3[0]}
