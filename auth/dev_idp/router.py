"""FastAPI router exposing the development OpenID Connect provider."""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from authlib.common.urls import add_params_to_uri
from authlib.oauth2 import OAuth2Error
from fastapi import APIRouter, Request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from auth.dev_idp.clients import AUTH_METHODS, SUPPORTED_SCOPES, DevClient, is_allowed_post_logout_uri
from auth.dev_idp.keys import SigningKey
from auth.dev_idp.oauth_request import FormRequest
from auth.dev_idp.pages import render_error_page, render_logged_out_page, render_login_page
from auth.dev_idp.server import DevAuthorizationServer, DevIdpError
from auth.dev_idp.store import SESSION_TTL_SECONDS, Login, MemoryStore, now
from auth.dev_idp.texts import texts_for
from auth.dev_idp.users import DevUser

ACR_LEVELS = ('2', '3')
PAGE_HEADERS = {'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer'}
CLAIMS = ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'name']
LOGIN_FIELDS = ('subject', 'acr', 'cancel')
SESSION_COOKIE = 'dev_idp_session'


def _wants_new_login(params: Mapping[str, str], session: Login, acr_claims: Mapping[str, str]) -> bool:
    """Whether the request asks for a fresh login despite the provider's session: prompt=login, a max_age the
    session is older than, or acr_values the session's level is not among."""
    if 'login' in params.get('prompt', '').split():
        return True
    max_age = params.get('max_age', '')
    if max_age.isdigit() and now() - session.auth_time > int(max_age):
        return True
    wanted = params.get('acr_values', '').split()
    return bool(wanted) and session.acr not in wanted and _level_of(session.acr, acr_claims) not in wanted


def _level_of(acr: str, acr_claims: Mapping[str, str]) -> str | None:
    """The page's level ('2' or '3') for an acr value or a level name."""
    if acr in ACR_LEVELS:
        return acr
    return next((level for level, claim in acr_claims.items() if claim == acr), None)


def _discovery(issuer: str, alg: str, acr_claims: Mapping[str, str]) -> dict[str, Any]:
    return {
        'issuer': issuer,
        'authorization_endpoint': f'{issuer}/authorize',
        'token_endpoint': f'{issuer}/token',
        'userinfo_endpoint': f'{issuer}/userinfo',
        'jwks_uri': f'{issuer}/jwks',
        'end_session_endpoint': f'{issuer}/end_session',
        'response_types_supported': ['code'],
        'grant_types_supported': ['authorization_code'],
        'subject_types_supported': ['public'],
        'id_token_signing_alg_values_supported': [alg],
        'code_challenge_methods_supported': ['S256'],
        'scopes_supported': list(SUPPORTED_SCOPES),
        'token_endpoint_auth_methods_supported': sorted(AUTH_METHODS),
        'acr_values_supported': [acr_claims[level] for level in ACR_LEVELS],
        'claims_supported': CLAIMS,
    }


def create_dev_idp_router(
    *,
    issuer: str,
    client_id: str,
    client_secret: str,
    list_users: Callable[[], Awaitable[list[DevUser]]],
    lang: str = 'da',
    acr_claims: Mapping[str, str] | None = None,
    key: SigningKey | None = None,
) -> APIRouter:
    """Router to mount with ``prefix='/dev-idp'``; ``issuer`` is the full URL of that prefix.

    ``acr_claims`` says what goes in the `acr` claim for levels '2' and '3' (default: those strings); ``key`` lets a
    test switch the signing key or algorithm while the provider runs.
    """
    issuer = issuer.rstrip('/')
    texts = texts_for(lang)
    key = key or SigningKey()
    claims_for = {level: (acr_claims or {}).get(level, level) for level in ACR_LEVELS}
    store = MemoryStore()
    server = DevAuthorizationServer(issuer, DevClient(client_id, client_secret), key, store)
    router = APIRouter()
    cookie_path = urlsplit(issuer).path or '/'
    secure_cookie = issuer.startswith('https://')

    def remember_login(response: Response, login: Login) -> None:
        response.set_cookie(SESSION_COOKIE, store.start_session(login), max_age=SESSION_TTL_SECONDS,
                            path=cookie_path, httponly=True, samesite='lax', secure=secure_cookie)

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
        return JSONResponse(_discovery(issuer, key.alg, claims_for))

    @router.get('/jwks')
    async def jwks() -> JSONResponse:
        return JSONResponse(key.jwks())

    @router.get('/authorize', response_class=HTMLResponse)
    async def authorize_page(request: Request) -> Response:
        params = [(k, v) for k, v in request.query_params.multi_items() if k not in LOGIN_FIELDS]
        oauth_request = FormRequest('GET', str(request.url), params, request.headers)
        try:
            grant = server.get_consent_grant(oauth_request)
        except OAuth2Error as error:
            return oauth_error_page(error)
        except ValueError:  # authlib refuses to build an error whose text echoes non-ASCII input
            return error_page('generic')
        session = store.session(request.cookies.get(SESSION_COOKIE))
        if session is not None and not _wants_new_login(dict(params), session, claims_for):
            # Single sign-on, as a broker does: the provider's own login answers without a page.
            response: Response = server.create_authorization_response(oauth_request, grant_user=session,
                                                                      grant=grant)
            return response
        acr_values = request.query_params.get('acr_values', '').split()
        default_acr = next((lv for lv in (_level_of(a, claims_for) for a in acr_values) if lv), '2')
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
        if chosen.get('cancel'):
            # No user: authlib answers the app with error=access_denied (its session, if any, stays).
            cancelled: Response = server.create_authorization_response(oauth_request, grant_user=None, grant=grant)
            return cancelled
        user = await find_user(chosen.get('subject', ''))
        if user is None:
            return error_page('unknown_user')
        if chosen.get('acr') not in ACR_LEVELS:
            return error_page('bad_acr')
        login = Login(user=user, acr=claims_for[chosen['acr']], auth_time=int(now()))
        response: Response = server.create_authorization_response(
            oauth_request, grant_user=login, grant=grant
        )
        if response.status_code == 302:
            store.end_session(request.cookies.get(SESSION_COOKIE))
            remember_login(response, login)
        return response

    @router.get('/end_session', response_class=HTMLResponse)
    async def end_session(request: Request) -> Response:
        """RP-initiated logout: ends the provider's login only for an ID token it issued (so a planted link ends
        nothing) and returns only to an allowed login page."""
        query = request.query_params
        back = query.get('post_logout_redirect_uri', '')
        if back and not is_allowed_post_logout_uri(back):
            return error_page('bad_post_logout')
        ended = _issued_here(query.get('id_token_hint', ''))
        if ended:
            store.end_session(request.cookies.get(SESSION_COOKIE))
        elif not back:
            return error_page('no_hint')
        # Without a token of its own (one from before this provider restarted with a new key, or none) it ends
        # nothing, but still returns to the app's login page.
        response: Response
        if back:
            state = query.get('state')
            response = RedirectResponse(add_params_to_uri(back, [('state', state)]) if state else back, 303)
        else:
            response = HTMLResponse(render_logged_out_page(texts, lang), headers=PAGE_HEADERS)
        if ended:
            response.delete_cookie(SESSION_COOKIE, path=cookie_path, httponly=True, samesite='lax',
                                   secure=secure_cookie)
        return response

    def _issued_here(id_token: str) -> bool:
        """Whether a (possibly expired) ID token carries this provider's signature, issuer and client."""
        try:
            token = jwt.decode(id_token, KeySet([key.key]))
        except (JoseError, ValueError):
            return False
        claims = token.claims
        audience = claims.get('aud')
        audiences = audience if isinstance(audience, list) else [audience]
        return claims.get('iss') == issuer and client_id in audiences

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
