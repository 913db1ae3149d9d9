"""In-memory, expiring stores for authorization codes and access tokens."""

import secrets
from dataclasses import dataclass

from authlib.oidc.core import AuthorizationCodeMixin

from auth.dev_idp.users import DevUser
from domain.clock import protocol_seconds

CODE_TTL_SECONDS = 60
TOKEN_TTL_SECONDS = 300
SESSION_TTL_SECONDS = 8 * 3600  # the provider's own login, as a broker keeps one for a working day


def now() -> float:
    """Seconds since the epoch for codes and tokens: the relying party checks them against the machine's clock."""
    return protocol_seconds()


@dataclass(frozen=True)
class Login:
    """What was chosen on the login page: who, at which assurance level, and when."""

    user: DevUser
    acr: str
    auth_time: int


@dataclass(frozen=True)
class AuthorizationCode(AuthorizationCodeMixin):
    """An issued code and everything it is bound to."""

    code: str
    client_id: str
    redirect_uri: str
    scope: str
    code_challenge: str
    code_challenge_method: str
    nonce: str | None
    login: Login
    expires_at: float

    def get_redirect_uri(self) -> str:
        """Redirect URI the code was issued for."""
        return self.redirect_uri

    def get_scope(self) -> str:
        """Granted scope."""
        return self.scope

    def get_nonce(self) -> str | None:
        """Nonce from the authorization request, if any."""
        return self.nonce

    def get_auth_time(self) -> int:
        """When the user picked themselves on the login page."""
        return self.login.auth_time

    def get_acr(self) -> str:
        """The acr claim for the level chosen on the login page ('2'/'3' or what the router maps them to)."""
        return self.login.acr


@dataclass(frozen=True)
class AccessToken:
    """An issued bearer token, remembered until it expires."""

    login: Login
    client_id: str
    code: str
    expires_at: float


class MemoryStore:
    """Codes (single use, 60 s) and access tokens (5 min); expired entries are purged on each call."""

    def __init__(self) -> None:
        self._codes: dict[str, AuthorizationCode] = {}
        self._spent: dict[str, float] = {}
        self._tokens: dict[str, AccessToken] = {}
        self._sessions: dict[str, tuple[Login, float]] = {}

    def _purge(self) -> None:
        t = now()
        self._sessions = {k: v for k, v in self._sessions.items() if v[1] > t}
        self._codes = {k: v for k, v in self._codes.items() if v.expires_at > t}
        self._spent = {k: v for k, v in self._spent.items() if v > t}
        self._tokens = {k: v for k, v in self._tokens.items() if v.expires_at > t}

    def add_code(self, record: AuthorizationCode) -> None:
        """Remember a freshly issued code."""
        self._purge()
        self._codes[record.code] = record

    def take_code(self, code: str, client_id: str) -> AuthorizationCode | None:
        """Consume a code: it is gone after the first attempt, whether that attempt succeeds or not."""
        self._purge()
        record = self._codes.pop(code, None)
        if record is None:
            if code in self._spent:
                # RFC 6749 §4.1.2: a reused code revokes the tokens issued from it.
                self._tokens = {k: v for k, v in self._tokens.items() if v.code != code}
            return None
        self._spent[code] = now() + TOKEN_TTL_SECONDS
        if record.client_id != client_id:
            return None
        return record

    def nonce_in_use(self, client_id: str, nonce: str) -> bool:
        """True if a live code for this client already carries the nonce (replay)."""
        self._purge()
        return any(c.client_id == client_id and c.nonce == nonce for c in self._codes.values())

    def add_token(self, access_token: str, record: AccessToken) -> None:
        """Remember an issued access token."""
        self._purge()
        self._tokens[access_token] = record

    def get_token(self, access_token: str) -> AccessToken | None:
        """Look up a live access token."""
        self._purge()
        return self._tokens.get(access_token)

    def start_session(self, login: Login) -> str:
        """Remember a login at the provider itself; the browser gets the returned id in a cookie."""
        self._purge()
        session_id = secrets.token_urlsafe(32)
        self._sessions[session_id] = (login, now() + SESSION_TTL_SECONDS)
        return session_id

    def session(self, session_id: str | None) -> Login | None:
        """The provider's login behind a cookie, while it lasts."""
        self._purge()
        entry = self._sessions.get(session_id or '')
        return entry[0] if entry else None

    def end_session(self, session_id: str | None) -> None:
        """Forget the provider's login (RP-initiated logout)."""
        self._sessions.pop(session_id or '', None)
