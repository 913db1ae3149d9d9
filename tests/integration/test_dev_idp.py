"""Integration tests for the embedded development OpenID Connect provider (auth.dev_idp)."""

import base64
import hashlib
import secrets
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.integrations.httpx_client import AsyncOAuth2Client
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import KeySet

import auth.dev_idp.store as store_module
from auth.dev_idp import DevUser, create_dev_idp_router

ISSUER = 'http://test/dev-idp'
CLIENT_ID = 'sammen-dev'
CLIENT_SECRET = 'dev-secret-not-for-production'
REDIRECT_URI = 'http://test/auth/callback'
USERS = [
    DevUser('parent-1', 'Anna Andersen', 'Forældre', 'Mor til Bo (2.A)'),
    DevUser('staff-1', 'Karin Krogh', 'Personale', 'Lærer, 2.A'),
    DevUser('parent-2', '<script>alert(1)</script> Bent', 'Forældre', 'detail "quoted" & <b>bold</b>'),
    DevUser('child-1', 'Bo Andersen', 'Børn'),
]


class PageParser(HTMLParser):
    """Collects what the tests look at on the login page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str | None]] = []
        self.hidden: list[tuple[str, str]] = []
        self.headings: list[str] = []
        self.subjects: list[str] = []
        self.radios: dict[str, bool] = {}
        self.ids: set[str] = set()
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get('id'):
            self.ids.add(str(a['id']))
        if tag == 'form':
            self.forms.append(a)
        elif tag == 'input' and a.get('type') == 'hidden':
            self.hidden.append((str(a['name']), str(a['value'])))
        elif tag == 'input' and a.get('type') == 'radio' and a.get('name') == 'acr':
            self.radios[str(a['value'])] = 'checked' in a
        elif tag == 'button' and a.get('name') == 'subject':
            self.subjects.append(str(a['value']))
        self._in_h2 = tag == 'h2'

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.headings.append(data)
            self._in_h2 = False


def parse_page(text: str) -> PageParser:
    parser = PageParser()
    parser.feed(text)
    return parser


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b'=').decode()
    return verifier, challenge


def auth_params(challenge: str, **overrides: str | None) -> dict[str, str]:
    params: dict[str, str | None] = {
        'response_type': 'code', 'client_id': CLIENT_ID, 'redirect_uri': REDIRECT_URI,
        'scope': 'openid profile', 'state': 'st-123', 'nonce': 'n-456',
        'code_challenge': challenge, 'code_challenge_method': 'S256',
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


@pytest.fixture
def app() -> FastAPI:
    async def list_users() -> list[DevUser]:
        return list(USERS)

    application = FastAPI()
    router = create_dev_idp_router(
        issuer=ISSUER, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, list_users=list_users
    )
    application.include_router(router, prefix='/dev-idp')
    return application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url='http://test') as c:
        yield c


async def login(client: httpx.AsyncClient, params: dict[str, str], subject: str = 'parent-1',
                acr: str = '3') -> httpx.Response:
    """Open the login page and submit its form as the browser would."""
    page = await client.get('/dev-idp/authorize', params=params)
    assert page.status_code == 200, page.text
    form = parse_page(page.text).hidden + [('subject', subject), ('acr', acr)]
    return await client.post('/dev-idp/authorize', data=dict(form))


async def get_code(client: httpx.AsyncClient, challenge: str, **kwargs: str) -> str:
    response = await login(client, auth_params(challenge), **kwargs)
    assert response.status_code == 302
    return parse_qs(urlsplit(response.headers['location']).query)['code'][0]


async def exchange(client: httpx.AsyncClient, code: str, verifier: str, *, post_auth: bool = False
                   ) -> httpx.Response:
    data = {'grant_type': 'authorization_code', 'code': code, 'redirect_uri': REDIRECT_URI,
            'code_verifier': verifier}
    if post_auth:
        data |= {'client_id': CLIENT_ID, 'client_secret': CLIENT_SECRET}
        return await client.post('/dev-idp/token', data=data)
    return await client.post('/dev-idp/token', data=data, auth=(CLIENT_ID, CLIENT_SECRET))


async def test_discovery(client: httpx.AsyncClient) -> None:
    doc = (await client.get('/dev-idp/.well-known/openid-configuration')).json()
    assert doc['issuer'] == ISSUER
    assert doc['authorization_endpoint'] == f'{ISSUER}/authorize'
    assert doc['token_endpoint'] == f'{ISSUER}/token'
    assert doc['userinfo_endpoint'] == f'{ISSUER}/userinfo'
    assert doc['jwks_uri'] == f'{ISSUER}/jwks'
    assert doc['response_types_supported'] == ['code']
    assert doc['subject_types_supported'] == ['public']
    assert doc['id_token_signing_alg_values_supported'] == ['RS256']
    assert doc['code_challenge_methods_supported'] == ['S256']
    assert doc['scopes_supported'] == ['openid', 'profile']
    assert set(doc['token_endpoint_auth_methods_supported']) == {'client_secret_basic', 'client_secret_post'}
    assert doc['acr_values_supported'] == ['2', '3']
    assert {'sub', 'name', 'acr', 'nonce', 'auth_time'} <= set(doc['claims_supported'])
    jwks = (await client.get('/dev-idp/jwks')).json()
    assert len(jwks['keys']) == 1
    assert jwks['keys'][0]['kty'] == 'RSA' and jwks['keys'][0]['kid']
    assert 'd' not in jwks['keys'][0]


async def test_full_code_flow_with_pkce(client: httpx.AsyncClient) -> None:
    verifier, challenge = pkce_pair()
    params = auth_params(challenge, acr_values='3')
    page = await client.get('/dev-idp/authorize', params=params)
    assert page.status_code == 200
    assert page.headers['content-type'].startswith('text/html')
    assert '<title>Udviklings-login (MitID / UNI-Login)</title>' in page.text
    assert 'name="viewport"' in page.text
    parsed = parse_page(page.text)
    assert 'search' in parsed.ids
    assert len(parsed.forms) == 1 and parsed.forms[0]['method'] == 'post'
    assert parsed.headings == ['Forældre', 'Personale', 'Børn']
    assert parsed.subjects == ['parent-1', 'parent-2', 'staff-1', 'child-1']
    assert parsed.radios == {'2': False, '3': True}
    assert sorted(parsed.hidden) == sorted(params.items())
    assert '2 — UNI-Login / adgangskode' in page.text and '3 — MitID' in page.text

    form = parsed.hidden + [('subject', 'staff-1'), ('acr', '3')]
    redirect = await client.post('/dev-idp/authorize', data=dict(form))
    assert redirect.status_code == 302
    location = redirect.headers['location']
    assert location.startswith(REDIRECT_URI + '?')
    query = parse_qs(urlsplit(location).query)
    assert query['state'] == ['st-123']

    response = await exchange(client, query['code'][0], verifier)
    assert response.status_code == 200, response.text
    token = response.json()
    assert token['token_type'] == 'Bearer' and token['access_token'] and token['expires_in'] == 300

    doc = (await client.get('/dev-idp/.well-known/openid-configuration')).json()
    keys = KeySet.import_key_set((await client.get(doc['jwks_uri'])).json())
    decoded = jwt.decode(token['id_token'], keys, algorithms=['RS256'])
    assert decoded.header['alg'] == 'RS256'
    assert decoded.header['kid'] == keys.keys[0].kid
    claims = decoded.claims
    jwt.JWTClaimsRegistry(iss={'essential': True, 'value': ISSUER}, aud={'essential': True, 'value': CLIENT_ID},
                          exp={'essential': True}, iat={'essential': True}).validate(claims)
    assert claims['sub'] == 'staff-1'
    assert claims['nonce'] == 'n-456'
    assert claims['acr'] == '3'
    assert claims['name'] == 'Karin Krogh'
    assert claims['exp'] - claims['iat'] == 300
    assert abs(claims['auth_time'] - claims['iat']) <= 5

    info = await client.get('/dev-idp/userinfo', headers={'Authorization': f'Bearer {token["access_token"]}'})
    assert info.json() == {'sub': 'staff-1', 'name': 'Karin Krogh', 'acr': '3'}
    assert (await client.get('/dev-idp/userinfo', headers={'Authorization': 'Bearer nope'})).status_code == 401


async def test_client_secret_post_and_default_acr(client: httpx.AsyncClient) -> None:
    verifier, challenge = pkce_pair()
    page = await client.get('/dev-idp/authorize', params=auth_params(challenge))
    assert parse_page(page.text).radios == {'2': True, '3': False}
    code = await get_code(client, challenge, acr='2')
    response = await exchange(client, code, verifier, post_auth=True)
    assert response.status_code == 200, response.text
    assert jwt.decode(response.json()['id_token'], KeySet.import_key_set(
        (await client.get('/dev-idp/jwks')).json())).claims['acr'] == '2'


async def test_wrong_client_secret(client: httpx.AsyncClient) -> None:
    verifier, challenge = pkce_pair()
    code = await get_code(client, challenge)
    data = {'grant_type': 'authorization_code', 'code': code, 'redirect_uri': REDIRECT_URI,
            'code_verifier': verifier}
    response = await client.post('/dev-idp/token', data=data, auth=(CLIENT_ID, 'wrong'))
    assert response.status_code == 401
    assert response.json()['error'] == 'invalid_client'


async def test_wrong_code_verifier_is_invalid_grant_and_burns_code(client: httpx.AsyncClient) -> None:
    verifier, challenge = pkce_pair()
    code = await get_code(client, challenge)
    other_verifier, _ = pkce_pair()
    response = await exchange(client, code, other_verifier)
    assert response.status_code == 400
    assert response.json()['error'] == 'invalid_grant'
    assert (await exchange(client, code, verifier)).json()['error'] == 'invalid_grant'


async def test_reused_code_is_invalid_grant_and_revokes_tokens(client: httpx.AsyncClient) -> None:
    verifier, challenge = pkce_pair()
    code = await get_code(client, challenge)
    first = await exchange(client, code, verifier)
    assert first.status_code == 200
    second = await exchange(client, code, verifier)
    assert second.status_code == 400
    assert second.json()['error'] == 'invalid_grant'
    bearer = {'Authorization': f'Bearer {first.json()["access_token"]}'}
    assert (await client.get('/dev-idp/userinfo', headers=bearer)).status_code == 401


async def test_code_expires_after_60_seconds(client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch) -> None:
    verifier, challenge = pkce_pair()
    code = await get_code(client, challenge)
    real_now = store_module.now
    monkeypatch.setattr(store_module, 'now', lambda: real_now() + 61)
    response = await exchange(client, code, verifier)
    assert response.json()['error'] == 'invalid_grant'


@pytest.mark.parametrize('overrides', [
    {'code_challenge': None, 'code_challenge_method': None},
    {'code_challenge_method': None},
    {'code_challenge_method': 'plain'},
])
async def test_missing_or_weak_pkce_is_400_page(client: httpx.AsyncClient, overrides: dict[str, None]) -> None:
    _, challenge = pkce_pair()
    response = await client.get('/dev-idp/authorize', params=auth_params(challenge, **overrides))
    assert response.status_code == 400
    assert 'location' not in response.headers
    assert 'PKCE mangler' in response.text
    assert 'Traceback' not in response.text


@pytest.mark.parametrize('redirect_uri', [
    'http://evil.example/auth/callback',
    'http://localhost@evil.example/auth/callback',
    'http://localhost.evil.example/auth/callback',
    'http://localhost:8080/other',
    'javascript:alert(1)//localhost/auth/callback',
    'http://localhost:8080/auth/callback#frag',
])
async def test_foreign_redirect_uri_is_400_without_redirect(client: httpx.AsyncClient, redirect_uri: str) -> None:
    _, challenge = pkce_pair()
    response = await client.get('/dev-idp/authorize', params=auth_params(challenge, redirect_uri=redirect_uri))
    assert response.status_code == 400
    assert 'location' not in response.headers
    assert 'redirect_uri er ikke tilladt' in response.text
    forged = auth_params(challenge, redirect_uri=redirect_uri) | {'subject': 'parent-1', 'acr': '3'}
    posted = await client.post('/dev-idp/authorize', data=forged)
    assert posted.status_code == 400 and 'location' not in posted.headers


@pytest.mark.parametrize('redirect_uri', [
    'http://localhost:8080/auth/callback', 'https://127.0.0.1/auth/callback', 'http://[::1]:9000/auth/callback',
])
async def test_dev_redirect_uris_are_allowed(client: httpx.AsyncClient, redirect_uri: str) -> None:
    _, challenge = pkce_pair()
    response = await login(client, auth_params(challenge, redirect_uri=redirect_uri))
    assert response.status_code == 302
    assert response.headers['location'].startswith(redirect_uri + '?code=')


@pytest.mark.parametrize(('overrides', 'text'), [
    ({'client_id': 'someone-else'}, 'Ukendt klient'),
    ({'response_type': 'token'}, 'response_type=code'),
    ({'scope': 'profile'}, 'openid'),
    ({'redirect_uri': None}, 'redirect_uri mangler'),
    ({'response_type': 'cødé'}, 'Login-forespørgslen er ugyldig'),
    ({'prompt': 'none'}, 'Login-forespørgslen er ugyldig'),
])
async def test_other_invalid_requests_are_400_pages(client: httpx.AsyncClient, overrides: dict[str, str | None],
                                                    text: str) -> None:
    _, challenge = pkce_pair()
    response = await client.get('/dev-idp/authorize', params=auth_params(challenge, **overrides))
    assert response.status_code == 400
    assert 'location' not in response.headers
    assert text in response.text


async def test_unknown_subject_is_400(client: httpx.AsyncClient) -> None:
    _, challenge = pkce_pair()
    response = await login(client, auth_params(challenge), subject='nobody')
    assert response.status_code == 400
    assert 'location' not in response.headers
    assert 'Den valgte bruger findes ikke' in response.text


async def test_invalid_acr_is_400(client: httpx.AsyncClient) -> None:
    _, challenge = pkce_pair()
    response = await login(client, auth_params(challenge), acr='4')
    assert response.status_code == 400


async def test_user_text_is_escaped(client: httpx.AsyncClient) -> None:
    _, challenge = pkce_pair()
    page = await client.get('/dev-idp/authorize', params=auth_params(challenge, state='"><script>x()</script>'))
    assert page.status_code == 200
    assert '<script>alert(1)</script>' not in page.text
    assert '&lt;script&gt;alert(1)&lt;/script&gt; Bent' in page.text
    assert 'detail &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;' in page.text
    assert '<script>x()</script>' not in page.text
    assert page.text.count('<script>') == 1  # only the page's own filter script


async def test_authlib_client_interoperates(app: FastAPI, client: httpx.AsyncClient) -> None:
    """authlib's own OAuth client does discovery-driven PKCE + token + userinfo; ``client`` plays the browser."""
    doc = (await client.get('/dev-idp/.well-known/openid-configuration')).json()
    async with AsyncOAuth2Client(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, scope='openid profile', redirect_uri=REDIRECT_URI,
        code_challenge_method='S256', transport=httpx.ASGITransport(app),
    ) as oauth:
        verifier = secrets.token_urlsafe(48)
        url, state = oauth.create_authorization_url(
            doc['authorization_endpoint'], code_verifier=verifier, nonce='interop-nonce', acr_values='3'
        )
        page = await client.get(url)
        assert page.status_code == 200
        parsed = parse_page(page.text)
        assert parsed.radios == {'2': False, '3': True}
        form = parsed.hidden + [('subject', 'parent-1'), ('acr', '3')]
        redirect = await client.post(doc['authorization_endpoint'], data=dict(form))
        assert redirect.status_code == 302
        token = await oauth.fetch_token(
            doc['token_endpoint'], authorization_response=redirect.headers['location'],
            code_verifier=verifier, state=state,
        )
        keys = KeySet.import_key_set((await client.get(doc['jwks_uri'])).json())
        claims = jwt.decode(token['id_token'], keys).claims
        assert claims['sub'] == 'parent-1' and claims['nonce'] == 'interop-nonce' and claims['acr'] == '3'
        info = (await oauth.get(doc['userinfo_endpoint'])).json()
        assert info == {'sub': 'parent-1', 'name': 'Anna Andersen', 'acr': '3'}
