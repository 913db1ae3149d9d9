"""FastAPI router exposing the development OpenID Connect provider."""

from collections.abc import Awaitable, Callable
from typing import Any

from authlib.oauth2 import OAuth2Error
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from auth.dev_idp.clients import AUTH_METHODS, SUPPORTED_SCOPES, DevClient
from auth.dev_idp.keys import SigningKey
from auth.dev_idp.oauth_request import FormRequest
from auth.dev_idp.pages import render_error_page, render_login_page
from auth.dev_idp.server import DevAuthorizationServer, DevIdpError
from auth.dev_idp.store import Login, MemoryStore, now
from auth.dev_idp.texts import texts_for
from auth.dev_idp.users import DevUser

ACR_LEVELS = ('2', '3')
PAGE_HEADERS = {'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer'}
CLAIMS = ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'name']
LOGIN_FIELDS = ('subject', 'acr')


def _discovery(issuer: str) -> dict[str, Any]:
    return {
        'issuer': issuer,
        'authorization_endpoint': f'{issuer}/authorize',
        'token_endpoint': f'{issuer}/token',
        'userinfo_endpoint': f'{issuer}/userinfo',
        'jwks_uri': f'{issuer}/jwks',
        'response_types_supported': ['code'],
        'grant_types_supported': ['authorization_code'],
        'subject_types_supported': ['public'],
        'id_token_signing_alg_values_supported': ['RS256'],
        'code_challenge_methods_supported': ['S256'],
        'scopes_supported': list(SUPPORTED_SCOPES),
        'token_endpoint_auth_methods_supported': sorted(AUTH_METHODS),
        'acr_values_supported': list(ACR_LEVELS),
        'claims_supported': CLAIMS,
    }


def create_dev_idp_router(
    *,
    issuer: str,
    client_id: str,
    client_secret: str,
    list_users: Callable[[], Awaitable[list[DevUser]]],
    lang: str = 'da',
) -> APIRouter:
    """Router to mount with ``prefix='/dev-idp'``; ``issuer`` is the full URL of that prefix."""
    issuer = issuer.rstrip('/')
    texts = texts_for(lang)
    key = SigningKey()
    store = MemoryStore()
    server = DevAuthorizationServer(issuer, DevClient(client_id, client_secret), key, store)
    discovery = _discovery(issuer)
    router = APIRouter()

    def error_page(message_key: str, detail: str = '') -> HTMLResponse:
        message = texts.get(message_key) or texts['generic']
        return HTMLResponse(render_error_page(texts, lang, message, detail), 400, headers=PAGE_HEADERS)

    def oauth_error_page(error: OAuth2Error) -> HTMLResponse:
        key_name = error.message_key if isinstance(error, DevIdpError) else str(error.error)
        detail = f'{error.error}: {error.description}' if error.description else str(error.error)
        return error_page(key_name, detail)

    async def find_user(subject: str) -> DevUser | None:
        return next((u for u in await list_users() if u.subject == subject), None)

    @router.get('/.well-known/openid-configuration')
    async def openid_configuration() -> JSONResponse:
        return JSONResponse(discovery)

    @router.get('/jwks')
    async def jwks() -> JSONResponse:
        return JSONResponse(key.jwks())

    @router.get('/authorize', response_class=HTMLResponse)
    async def authorize_page(request: Request) -> Response:
        params = [(k, v) for k, v in request.query_params.multi_items() if k not in LOGIN_FIELDS]
        try:
            server.get_consent_grant(FormRequest('GET', str(request.url), params, request.headers))
        except OAuth2Error as error:
            return oauth_error_page(error)
        except ValueError:  # authlib refuses to build an error whose text echoes non-ASCII input
            return error_page('generic')
        acr_values = request.query_params.get('acr_values', '').split()
        default_acr = next((a for a in acr_values if a in ACR_LEVELS), '2')
        page = render_login_page(texts, lang, await list_users(), params, default_acr)
        return HTMLResponse(page, headers=PAGE_HEADERS)

    @router.post('/authorize', response_class=HTMLResponse)
    async def authorize_submit(request: Request) -> Response:
        form = await request.form()
        fields = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        params = [(k, v) for k, v in fields if k not in LOGIN_FIELDS]
        oauth_request = FormRequest('POST', str(request.url), params, request.headers)
        try:
            grant = server.get_consent_grant(oauth_request)
        except OAuth2Error as error:
            return oauth_error_page(error)
        except ValueError:  # as in the GET handler
            return error_page('generic')
        chosen = dict(fields)
        user = await find_user(chosen.get('subject', ''))
        if user is None:
            return error_page('unknown_user')
        if chosen.get('acr') not in ACR_LEVELS:
            return error_page('bad_acr')
        login = Login(user=user, acr=chosen['acr'], auth_time=int(now()))
        response: Response = server.create_authorization_response(
            oauth_request, grant_user=login, grant=grant
        )
        return response

    @router.post('/token')
    async def token(request: Request) -> Response:
        form = await request.form()
        params = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        try:
            response: Response = server.create_token_response(
                FormRequest('POST', str(request.url), params, request.headers)
            )
        except ValueError:  # as in the authorize handlers: an error text authlib refused to build
            return JSONResponse({'error': 'invalid_request'}, 400, headers={'Cache-Control': 'no-store'})
        return response

    @router.get('/userinfo')
    async def userinfo(request: Request) -> JSONResponse:
        scheme, _, value = request.headers.get('authorization', '').partition(' ')
        record = store.get_token(value.strip()) if scheme.lower() == 'bearer' and value.strip() else None
        if record is None:
            return JSONResponse(
                {'error': 'invalid_token'}, 401,
                headers={'WWW-Authenticate': 'Bearer error="invalid_token"', 'Cache-Control': 'no-store'},
            )
        user = record.login.user
        return JSONResponse({'sub': user.subject, 'name': user.name, 'acr': record.login.acr},
                            headers={'Cache-Control': 'no-store'})

    return router
