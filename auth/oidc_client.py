"""authlib's Starlette client with two corrections: the provider's keys are refetched when they changed, and
client_secret_basic encodes the client's id and secret as RFC 6749 section 2.3.1 says."""

from __future__ import annotations

import base64
import logging
from typing import Any
from urllib.parse import quote_plus

from authlib.integrations.starlette_client import StarletteOAuth2App
from joserfc.errors import (
    InvalidKeyCurveError,
    InvalidKeyIdError,
    InvalidKeyTypeError,
    MissingKeyError,
    UnsupportedAlgorithmError,
    UnsupportedKeyAlgorithmError,
)

log = logging.getLogger(__name__)

# What an ID token signed with a key or algorithm Sammen has not fetched yet fails with.
KEY_CHANGED = (InvalidKeyIdError, UnsupportedAlgorithmError, UnsupportedKeyAlgorithmError, InvalidKeyTypeError,
               InvalidKeyCurveError, MissingKeyError)


def encode_client_secret_basic(client: Any, method: str, uri: str, headers: dict[str, str], body: str
                               ) -> tuple[str, dict[str, str], str]:
    """HTTP Basic with the id and secret form-urlencoded first, so a secret holding `+`, `%` or `:` survives."""
    # authlib sends them raw; a provider that decodes as the specification says then sees another secret.
    text = f"{quote_plus(client.client_id)}:{quote_plus(client.client_secret or '')}"
    headers["Authorization"] = "Basic " + base64.b64encode(text.encode()).decode("ascii")
    return uri, headers, body


class RefreshingOAuthApp(StarletteOAuth2App):
    """The provider's discovery document and keys are read again when an ID token names a key or algorithm
    that the cached copy does not know (the provider switched from RS256 to ES256, or rolled its key)."""

    async def parse_id_token(self, token: Any, nonce: Any, claims_options: Any = None, claims_cls: Any = None,
                             leeway: int = 120) -> Any:
        """authlib's checks; once more with fresh metadata and keys when the first try met an unknown key."""
        try:
            return await super().parse_id_token(token, nonce, claims_options, claims_cls, leeway)
        except KEY_CHANGED as error:
            log.warning("ID token names a key or algorithm not in the cached provider keys (%s): fetching them again",
                        type(error).__name__)
        self.server_metadata.pop("_loaded_at", None)
        self.server_metadata.pop("jwks", None)
        return await super().parse_id_token(token, nonce, claims_options, claims_cls, leeway)
