"""The development provider's own login: remembered until asked anew, ended at end_session, cancelled with Afbryd."""

import secrets
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import KeySet

from auth.dev_idp import DevUser, create_dev_idp_router
from tests.integration import test_dev_idp as provider
from tests.integration.test_dev_idp import (
    CLIENT_ID,
    CLIENT_SECRET,
    ISSUER,
    REDIRECT_URI,
    USERS,
    auth_params,
    exchange,
    get_code,
    parse_page,
    pkce_pair,
)

app = provider.app  # the same provider app and client fixtures as the flow tests
client = provider.client


async def id_token_for(client: httpx.AsyncClient, acr: str = '2') -> str:
    """Log in on the page (which starts the provider's own session) and return the ID token issued."""
    verifier, challenge = pkce_pair()
    code = await get_code(client, challenge, acr=acr)
    response = await exchange(client, code, verifier)
    assert response.status_code == 200, response.text
    return str(response.json()['id_token'])


async def answers_without_a_page(client: httpx.AsyncClient, **overrides: str) -> bool:
    """Whether an authorization request is answered from the provider's session (a code, no page)."""
    _, challenge = pkce_pair()
    params = auth_params(challenge, nonce=secrets.token_urlsafe(8), **overrides)  # each code its own nonce
    response = await client.get('/dev-idp/authorize', params=params)
    if response.status_code == 200:
        return False
    assert response.status_code == 302 and 'code=' in response.headers['location'], response.text
    return True


async def test_the_provider_remembers_its_login_until_a_new_one_is_asked_for(client: httpx.AsyncClient) -> None:
    await id_token_for(client, acr='2')
    cookie = client.cookies.get('dev_idp_session')
    assert cookie
    assert await answers_without_a_page(client)
    assert await answers_without_a_page(client, acr_values='2 3')
    assert not await answers_without_a_page(client, prompt='login')
    assert not await answers_without_a_page(client, max_age='0')
    assert not await answers_without_a_page(client, acr_values='3')  # its login was at level 2


async def test_end_session_ends_the_providers_login_and_returns_to_the_app(client: httpx.AsyncClient) -> None:
    id_token = await id_token_for(client)
    response = await client.get('/dev-idp/end_session', params={
        'id_token_hint': id_token, 'post_logout_redirect_uri': 'http://test/login', 'state': 'logged_out'})
    assert response.status_code == 303
    assert response.headers['location'] == 'http://test/login?state=logged_out'
    assert not await answers_without_a_page(client)


@pytest.mark.parametrize('back', ['https://evil.example/login', 'http://test/auth/callback',
                                  'http://test/login?next=//evil.example', 'http://test/login#x'])
async def test_end_session_returns_only_to_the_apps_login_page(client: httpx.AsyncClient, back: str) -> None:
    id_token = await id_token_for(client)
    response = await client.get('/dev-idp/end_session',
                                params={'id_token_hint': id_token, 'post_logout_redirect_uri': back})
    assert response.status_code == 400 and 'location' not in response.headers
    assert await answers_without_a_page(client)  # nothing ended


async def test_end_session_ends_the_login_only_for_an_id_token_this_provider_issued(client: httpx.AsyncClient) -> None:
    id_token = await id_token_for(client)
    header, payload, signature = id_token.split('.')
    forged = '.'.join([header, payload[:-4] + ('AAAA' if payload[-4:] != 'AAAA' else 'BBBB'), signature])
    for hint in ('', forged):
        response = await client.get('/dev-idp/end_session',
                                    params={'id_token_hint': hint, 'post_logout_redirect_uri': 'http://test/login'})
        assert response.status_code == 303 and response.headers['location'] == 'http://test/login'
        assert await answers_without_a_page(client)  # back to the app, but the provider's login stands
    assert (await client.get('/dev-idp/end_session', params={'id_token_hint': forged})).status_code == 400


async def test_cancel_answers_the_app_with_access_denied(client: httpx.AsyncClient) -> None:
    _, challenge = pkce_pair()
    page = await client.get('/dev-idp/authorize', params=auth_params(challenge))
    assert 'name="cancel"' in page.text
    answer = await client.post('/dev-idp/authorize', data=dict(parse_page(page.text).hidden + [('cancel', '1')]))
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers['location']).query)
    assert answer.headers['location'].startswith(REDIRECT_URI + '?')
    assert query['error'] == ['access_denied'] and query['state'] == ['st-123'] and 'code' not in query


async def test_the_acr_claim_says_what_the_app_is_configured_for() -> None:
    async def list_users() -> list[DevUser]:
        return list(USERS)

    application = FastAPI()
    application.include_router(create_dev_idp_router(
        issuer=ISSUER, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, list_users=list_users,
        acr_claims={'2': 'urn:loa:substantial', '3': 'urn:loa:high'}), prefix='/dev-idp')
    async with httpx.AsyncClient(transport=httpx.ASGITransport(application), base_url='http://test') as client:
        doc = (await client.get('/dev-idp/.well-known/openid-configuration')).json()
        assert doc['acr_values_supported'] == ['urn:loa:substantial', 'urn:loa:high']
        _, challenge = pkce_pair()
        page = await client.get('/dev-idp/authorize', params=auth_params(challenge, acr_values='urn:loa:high'))
        assert parse_page(page.text).radios == {'2': False, '3': True}
        id_token = await id_token_for(client, acr='3')
        keys = KeySet.import_key_set((await client.get('/dev-idp/jwks')).json())
        assert jwt.decode(id_token, keys).claims['acr'] == 'urn:loa:high'
