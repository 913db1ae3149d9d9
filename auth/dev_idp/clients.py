"""The single registered client and its development-only redirect URI policy."""

import hmac
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import ClientMixin, scope_to_list

# Dev only. This provider runs on a developer's machine or inside the test suite, where the app's
# port changes from run to run, so instead of a fixed list of redirect URIs we accept any port and
# http or https, but only on loopback hosts and on `test` (the host NiceGUI's in-process test client
# uses), and only the app's callback path. Other hosts, paths, user-info parts or fragments are
# refused, so the provider can never be used to send a login code to a foreign site.
ALLOWED_REDIRECT_HOSTS = frozenset({'localhost', '127.0.0.1', '::1', 'test'})
CALLBACK_PATH = '/auth/callback'
POST_LOGOUT_PATH = '/login'  # where RP-initiated logout may send the browser back to, on the same hosts
SUPPORTED_SCOPES = ('openid', 'profile')
AUTH_METHODS = frozenset({'client_secret_basic', 'client_secret_post'})


def is_allowed_redirect_uri(uri: str, path: str = CALLBACK_PATH) -> bool:
    """True if ``uri`` is an http(s) URL on an allowed dev host with the path ``path`` (``/auth/callback``)."""
    if not uri.isprintable() or ' ' in uri or '\\' in uri:
        return False
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    return (
        parts.scheme in ('http', 'https')
        and parts.username is None
        and parts.password is None
        and (parts.hostname or '') in ALLOWED_REDIRECT_HOSTS
        and parts.path == path
        and not parts.fragment
    )


def is_allowed_post_logout_uri(uri: str) -> bool:
    """True if ``uri`` is the app's login page on an allowed dev host (no query: the reason travels as state)."""
    return is_allowed_redirect_uri(uri, POST_LOGOUT_PATH) and not urlsplit(uri).query


class DevClient(ClientMixin):
    """A confidential client authenticating with client_secret_basic or client_secret_post."""

    def __init__(self, client_id: str, client_secret: str) -> None:
        self.client_id = client_id
        self.client_secret = client_secret

    def get_client_id(self) -> str:
        """The client's id."""
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        """No default: every request must name its redirect_uri."""
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        """Requested scopes this provider knows, others dropped."""
        return ' '.join(s for s in scope_to_list(scope) or [] if s in SUPPORTED_SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        """Apply the dev redirect URI policy."""
        return is_allowed_redirect_uri(redirect_uri)

    def check_client_secret(self, client_secret: str) -> bool:
        """Constant-time secret comparison."""
        return hmac.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        """Only secret-based authentication; never the public-client method ``none``."""
        return method in AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        """Only the authorization code flow."""
        return response_type == 'code'

    def check_grant_type(self, grant_type: str) -> bool:
        """Only the authorization_code grant (no refresh tokens)."""
        return grant_type == 'authorization_code'
