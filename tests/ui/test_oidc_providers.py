"""Sammen against providers it did not write, and against ones that misbehave: clear pages, audit entries."""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from nicegui.testing import User
from oidc_provider_mock import run_server_in_thread

import auth.dev_idp.server as dev_idp_server
from auth.dev_idp.keys import SigningKey
from persistence.audit import AuditEntry
from persistence.identity import LoginRecord, UserAccount
from persistence.people import Person
from tests.oidc_servers import EXT_SECRET, hostile_provider
from tests.ui.conftest import HIDDEN, logout_token

# With a real provider the callback is PUBLIC_URL's; the test client's browser is at http://test.
PUBLIC_URL = "http://test"


@pytest.fixture
def mock_provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """oidc-provider-mock on a local port, configured as Sammen's provider."""
    with run_server_in_thread() as server:
        issuer = f"http://localhost:{server.server_port}"
        monkeypatch.setenv("OIDC_ISSUER", issuer)
        monkeypatch.setenv("OIDC_CLIENT_ID", "sammen-mock")
        monkeypatch.setenv("OIDC_CLIENT_SECRET", "mock-secret")
        monkeypatch.setenv("PUBLIC_URL", PUBLIC_URL)
        yield issuer


async def mock_login(user: User, subject: str) -> str:
    """Go through oidc-provider-mock's login form as a browser; return where Sammen sends us."""
    start = await user.http_client.get("/auth/login")
    authorize = start.headers["location"]
    assert authorize.startswith("http://localhost:")
    async with httpx.AsyncClient() as browser:
        answer = await browser.post(authorize, data={"sub": subject})
    assert answer.status_code == 302, answer.text
    back = await user.http_client.get(answer.headers["location"])
    return str(back.headers["location"])


async def test_login_works_against_a_provider_no_one_here_wrote(mock_provider: str, user: User) -> None:
    assert await mock_login(user, "demo-foraelder") == "/"
    await user.open("/")
    await user.should_see("Oscar Kristensen")


async def test_the_embedded_provider_is_off_when_another_is_configured(mock_provider: str, user: User) -> None:
    assert (await user.http_client.get("/dev-idp/.well-known/openid-configuration")).status_code == 404


async def test_an_unknown_subject_is_refused_with_a_danish_page(mock_provider: str, user: User) -> None:
    assert await mock_login(user, "someone-else") == "/afvist?reason=login.refused.unknown"
    await user.open("/afvist?reason=login.refused.unknown")
    await user.should_see("Vi kender ikke dit login")
    assert await AuditEntry.filter(action="login", outcome="refused", detail="unknown_subject").count() == 1


async def test_an_account_with_no_role_is_refused(mock_provider: str, user: User) -> None:
    municipality_id = (await Person.first()).municipality_id  # type: ignore[union-attr]
    loner = await Person.create(municipality_id=municipality_id, first_name="Ulla", last_name="Udenrolle")
    await UserAccount.create(person=loner, oidc_subject="no-role-subject")
    assert await mock_login(user, "no-role-subject") == "/afvist?reason=login.refused.no_role"
    await user.open("/afvist?reason=login.refused.no_role")
    await user.should_see("Du har ingen rolle i Sammen lige nu")


def use_provider(monkeypatch: pytest.MonkeyPatch, issuer: str, secret: str = EXT_SECRET) -> None:
    """Point Sammen at a standalone provider."""
    monkeypatch.setenv("OIDC_ISSUER", issuer)
    monkeypatch.setenv("OIDC_CLIENT_ID", "sammen-ext")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", secret)
    monkeypatch.setenv("PUBLIC_URL", PUBLIC_URL)


@pytest.fixture
def honest_provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A standalone provider that behaves."""
    with hostile_provider() as issuer:
        use_provider(monkeypatch, issuer)
        yield issuer


@pytest.fixture
def tampering_provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A provider whose ID tokens are altered after signing."""
    with hostile_provider(tamper=True) as issuer:
        use_provider(monkeypatch, issuer)
        yield issuer


@pytest.fixture
def stale_provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A provider whose ID tokens expired an hour before they were issued."""
    monkeypatch.setattr(dev_idp_server, "TOKEN_TTL_SECONDS", -3600)
    with hostile_provider() as issuer:
        use_provider(monkeypatch, issuer)
        yield issuer


async def refusal_details() -> list[str]:
    """The details of every refused login in the audit log."""
    return list(await AuditEntry.filter(action="login", outcome="refused").values_list("detail", flat=True))


async def hostile_login(user: User, *, state: str | None = None, nonce: str | None = None, acr: str = "2") -> str:
    """Log in at a standalone dev-IdP, optionally forging the state or the nonce on the way."""
    start = await user.http_client.get("/auth/login")
    authorize = start.headers["location"]
    if nonce is not None:
        parts = urlsplit(authorize)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()} | {"nonce": nonce}
        authorize = urlunsplit(parts._replace(query=urlencode(query)))
    async with httpx.AsyncClient() as browser:
        page = await browser.get(authorize)
        fields = {k: html.unescape(v) for k, v in HIDDEN.findall(page.text)} | {"subject": "demo-foraelder",
                                                                               "acr": acr}
        answer = await browser.post(authorize.split("?")[0], data=fields)
    callback = answer.headers["location"]
    if state is not None:
        callback = re.sub(r"state=[^&]+", f"state={state}", callback)
    back = await user.http_client.get(callback)
    return str(back.headers["location"])


async def test_an_honest_standalone_provider_logs_in(honest_provider: str, user: User) -> None:
    assert await hostile_login(user) == "/"
    assert await refusal_details() == []


async def test_a_tampered_id_token_is_refused_and_audited(tampering_provider: str, user: User) -> None:
    assert await hostile_login(user) == "/afvist?reason=login.refused.failed"
    assert await refusal_details() == ["invalid_token:BadSignatureError"]
    await user.open("/afvist?reason=login.refused.failed")
    await user.should_see("Login kunne ikke gennemføres")


async def test_an_expired_id_token_is_refused(stale_provider: str, user: User) -> None:
    assert await hostile_login(user) == "/afvist?reason=login.refused.failed"
    assert await refusal_details() == ["invalid_token:ExpiredTokenError"]


async def test_a_wrong_state_is_refused(honest_provider: str, user: User) -> None:
    assert await hostile_login(user, state="forged-state") == "/afvist?reason=login.refused.failed"
    assert await refusal_details() == ["oauth:mismatching_state"]


async def test_a_wrong_nonce_is_refused(honest_provider: str, user: User) -> None:
    assert await hostile_login(user, nonce="not-the-nonce-sammen-sent") == "/afvist?reason=login.refused.failed"
    assert await refusal_details() == ["invalid_token:InvalidClaimError"]


async def last_login_level() -> str:
    """The assurance level of the newest login."""
    return str((await LoginRecord.all().order_by("-id").first()).acr)  # type: ignore[union-attr]


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A provider naming its levels its own way, and Sammen configured with those names."""
    with hostile_provider(acr_claims={"2": "urn:broker:loa:substantial", "3": "urn:broker:loa:high"}) as issuer:
        use_provider(monkeypatch, issuer)
        monkeypatch.setenv("OIDC_ACR_LEVEL2", "urn:broker:loa:substantial")
        monkeypatch.setenv("OIDC_ACR_LEVEL3", "urn:broker:loa:high, urn:broker:loa:high-plus")
        yield issuer


async def test_the_providers_acr_values_are_mapped_to_sammens_levels(broker: str, user: User) -> None:
    start = await user.http_client.get("/auth/login")
    assert parse_qs(urlsplit(start.headers["location"]).query)["acr_values"] == [
        "urn:broker:loa:substantial urn:broker:loa:high"]
    assert await hostile_login(user, acr="3") == "/"
    assert await last_login_level() == "3"
    assert await hostile_login(user, acr="2") == "/"
    assert await last_login_level() == "2"


async def test_a_bare_3_from_a_provider_is_not_level_3_unless_configured(honest_provider: str, user: User) -> None:
    assert await hostile_login(user, acr="3") == "/"  # this provider says acr "3"; Sammen expects the NSIS names
    assert await last_login_level() == "2"


async def test_a_forged_host_header_cannot_steer_the_callback_address(honest_provider: str, user: User) -> None:
    start = await user.http_client.get("/auth/login", headers={"host": "evil.example"})
    assert parse_qs(urlsplit(start.headers["location"]).query)["redirect_uri"] == ["http://test/auth/callback"]


@pytest.fixture
def provider_key() -> SigningKey:
    """The standalone provider's signing key, which the test can switch while Sammen runs."""
    return SigningKey("RS256")


@pytest.fixture
def rotating_provider(monkeypatch: pytest.MonkeyPatch, provider_key: SigningKey) -> Iterator[str]:
    """A provider whose signing key (and algorithm) the test switches between logins."""
    with hostile_provider(key=provider_key) as issuer:
        use_provider(monkeypatch, issuer)
        yield issuer


async def test_a_provider_switching_from_rs256_to_es256_is_followed(
        rotating_provider: str, provider_key: SigningKey, user: User, caplog: pytest.LogCaptureFixture) -> None:
    assert await hostile_login(user) == "/"
    provider_key.rotate("ES256")
    assert await hostile_login(user) == "/"
    provider_key.rotate("RS256")
    assert await hostile_login(user) == "/"
    assert await refusal_details() == []
    assert sum("fetching them again" in r.getMessage() for r in caplog.records) == 2


async def test_every_refused_token_is_logged_without_its_content(
        tampering_provider: str, user: User, caplog: pytest.LogCaptureFixture) -> None:
    assert await hostile_login(user) == "/afvist?reason=login.refused.failed"
    lines = [r.getMessage() for r in caplog.records if r.name == "auth.oidc"]
    assert lines == ["login refused: invalid_token:BadSignatureError"]


SECRET_WITH_SPECIALS = "p+ss%2Fw:rd%"  # noqa: S105 - a test secret with the characters that must be encoded


@pytest.fixture
def strict_provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A provider that decodes client_secret_basic as RFC 6749 2.3.1 says, with a secret holding + % and :."""
    with hostile_provider(client_secret=SECRET_WITH_SPECIALS) as issuer:
        use_provider(monkeypatch, issuer, secret=SECRET_WITH_SPECIALS)
        yield issuer


async def test_a_client_secret_with_plus_and_percent_works(strict_provider: str, user: User) -> None:
    assert await hostile_login(user) == "/"
    assert await refusal_details() == []


async def test_logout_ends_the_session_at_the_provider_too(mock_provider: str, user: User) -> None:
    assert await mock_login(user, "demo-foraelder") == "/"
    answer = await user.http_client.post("/auth/logout", data={"token": await logout_token(user)})
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith(f"{mock_provider}/oauth2/end_session?")
    sent = parse_qs(urlsplit(location).query)
    assert sent["post_logout_redirect_uri"] == ["http://test/login"] and sent["state"] == ["logged_out"]
    assert sent["client_id"] == ["sammen-mock"]
    payload = sent["id_token_hint"][0].split(".")[1]
    assert json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"] == "demo-foraelder"
    async with httpx.AsyncClient() as browser:
        assert (await browser.get(location)).status_code == 200  # the provider's own "log out?" page
    assert (await user.http_client.get("/overblik")).status_code == 303
