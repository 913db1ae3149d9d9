"""authlib authorization server wiring: code grant + OpenID Connect + mandatory PKCE (S256)."""

import hmac
from typing import Any

from authlib.common.security import generate_token
from authlib.oauth2.rfc6749 import AuthorizationServer, InvalidRequestError, OAuth2Request
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7636.challenge import compare_s256_code_challenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc.jwk import ECKey, RSAKey
from starlette.responses import JSONResponse, Response

from auth.dev_idp.clients import DevClient
from auth.dev_idp.keys import SigningKey
from auth.dev_idp.oauth_request import FormRequest
from auth.dev_idp.store import (
    CODE_TTL_SECONDS,
    TOKEN_TTL_SECONDS,
    AccessToken,
    AuthorizationCode,
    Login,
    MemoryStore,
    now,
)


class DevIdpError(InvalidRequestError):
    """An invalid authorization request; ``message_key`` picks the text on the error page."""

    def __init__(self, description: str, message_key: str) -> None:
        super().__init__(description)
        self.message_key = message_key


class S256Challenge(CodeChallenge):
    """PKCE that is mandatory for every request and only allows S256."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ['S256']
    CODE_CHALLENGE_METHODS = {'S256': compare_s256_code_challenge}

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        """Require code_challenge with code_challenge_method=S256, then authlib's own checks."""
        data = grant.request.payload.data
        if not data.get('code_challenge') or data.get('code_challenge_method') != 'S256':
            raise DevIdpError('PKCE with code_challenge_method=S256 is required.', 'no_pkce')
        super().validate_code_challenge(grant, redirect_uri)


class CodeGrant(AuthorizationCodeGrant):
    """Authorization code grant backed by the in-memory store; the 'user' is a ``Login``."""

    TOKEN_ENDPOINT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post']

    @staticmethod
    def validate_authorization_redirect_uri(request: OAuth2Request, client: DevClient) -> str:
        """redirect_uri is required and must pass the dev policy; errors are never redirected."""
        redirect_uri = request.payload.redirect_uri
        if not redirect_uri:
            raise DevIdpError("Missing 'redirect_uri'.", 'no_redirect')
        if not client.check_redirect_uri(redirect_uri):
            raise DevIdpError("The 'redirect_uri' is not allowed.", 'bad_redirect')
        return str(redirect_uri)

    def validate_authorization_request(self) -> str:
        """authlib's checks plus: scope must contain openid."""
        redirect_uri = str(super().validate_authorization_request())
        if 'openid' in (self.request.payload.scope or '').split():
            return redirect_uri
        raise DevIdpError("The 'scope' must contain 'openid'.", 'no_openid')

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        """Store the code bound to client, redirect_uri, PKCE challenge, nonce and login."""
        data = request.payload.data
        self.server.store.add_code(AuthorizationCode(
            code=code, client_id=request.client.get_client_id(), redirect_uri=request.payload.redirect_uri,
            scope=request.scope, code_challenge=data['code_challenge'],
            code_challenge_method=data['code_challenge_method'], nonce=data.get('nonce') or None,
            login=request.user, expires_at=now() + CODE_TTL_SECONDS,
        ))

    def query_authorization_code(self, code: str, client: DevClient) -> AuthorizationCode | None:
        """Consume the code (single use even if the exchange then fails)."""
        store: MemoryStore = self.server.store
        return store.take_code(code, client.get_client_id())

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        """Nothing to do: the code was already consumed by ``query_authorization_code``."""

    def authenticate_user(self, authorization_code: AuthorizationCode) -> Login:
        """The login recorded with the code."""
        return authorization_code.login


class IdToken(OpenIDCode):
    """ID token issuance: the key's algorithm (RS256 or ES256) with kid, iss = issuer, aud = client_id, 5 minutes."""

    def __init__(self, issuer: str, key: SigningKey, store: MemoryStore) -> None:
        super().__init__(require_nonce=False)
        self.issuer = issuer
        self.key = key
        self.store = store

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        """Replay check against live codes."""
        return self.store.nonce_in_use(request.payload.client_id, nonce)

    def resolve_client_private_key(self, client: DevClient) -> RSAKey | ECKey:
        """The router's signing key."""
        return self.key.key

    def get_client_algorithm(self, client: DevClient) -> str:
        """The signing key's algorithm."""
        return self.key.alg

    def get_encode_header(self, client: DevClient) -> dict[str, str]:
        """JWS header with the key id."""
        return {'alg': self.key.alg, 'kid': self.key.kid}

    def get_client_claims(self, client: DevClient) -> dict[str, Any]:
        """iss, aud and exp; iat, auth_time, nonce and acr are added by authlib."""
        return {'iss': self.issuer, 'aud': client.get_client_id(), 'exp': int(now()) + TOKEN_TTL_SECONDS}

    def generate_user_info(self, user: Login, scope: str) -> UserInfo:
        """sub and name."""
        return UserInfo(sub=user.user.subject, name=user.user.name)


class DevAuthorizationServer(AuthorizationServer):
    """One client, in-memory state, Starlette responses."""

    def __init__(self, issuer: str, client: DevClient, key: SigningKey, store: MemoryStore) -> None:
        super().__init__()
        self.client = client
        self.store = store
        self.register_token_generator('default', self._generate_token)
        self.register_grant(CodeGrant, [S256Challenge(required=True), IdToken(issuer, key, store)])

    def query_client(self, client_id: str) -> DevClient | None:
        """The registered client, if the id matches."""
        if client_id and hmac.compare_digest(client_id.encode(), self.client.client_id.encode()):
            return self.client
        return None

    def _generate_token(self, grant_type: str, client: DevClient, user: Login | None = None,
                        scope: str | None = None, expires_in: int | None = None,
                        include_refresh_token: bool = True) -> dict[str, Any]:
        return {'token_type': 'Bearer', 'access_token': generate_token(43),
                'expires_in': TOKEN_TTL_SECONDS, 'scope': scope}

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Remember the access token for /userinfo."""
        code: AuthorizationCode = request.authorization_code
        self.store.add_token(token['access_token'], AccessToken(
            login=request.user, client_id=code.client_id, code=code.code,
            expires_at=now() + TOKEN_TTL_SECONDS))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No signal system here."""

    def create_oauth2_request(self, request: FormRequest) -> FormRequest:
        """Requests are built by the router after reading the body."""
        return request

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        """authlib (status, body, headers) to a Starlette response."""
        if isinstance(body, dict):
            return JSONResponse(body, status_code=status, headers=dict(headers))
        return Response(body or b'', status_code=status, headers=dict(headers))
