"""The provider's acr values and Sammen's levels: configured by OIDC_ACR_LEVEL2/3, NSIS names by default."""

from __future__ import annotations

from auth.acr import requested_acr, sammen_level
from domain.settings import NSIS_HIGH, NSIS_SUBSTANTIAL, load_settings


def test_the_defaults_are_the_nsis_levels_and_a_bare_number_is_not_level_3() -> None:
    settings = load_settings({})
    assert sammen_level(NSIS_HIGH, settings) == "3"
    assert sammen_level(NSIS_SUBSTANTIAL, settings) == "2"
    for other in ("3", "", None, "https://data.gov.dk/concept/core/nsis/loa/Low"):
        assert sammen_level(other, settings) == "2"


def test_levels_are_configured_as_lists_and_the_first_is_requested() -> None:
    settings = load_settings({"OIDC_ACR_LEVEL2": "urn:sub", "OIDC_ACR_LEVEL3": "urn:high, urn:high-plus"})
    assert [sammen_level(v, settings) for v in ("urn:sub", "urn:high", "urn:high-plus")] == ["2", "3", "3"]
    assert requested_acr(settings, step_up=False) == "urn:sub urn:high"
    assert requested_acr(settings, step_up=True) == "urn:high"


def test_an_empty_setting_keeps_the_default() -> None:
    settings = load_settings({"OIDC_ACR_LEVEL3": "  "})
    assert settings.acr_level3 == (NSIS_HIGH,)
