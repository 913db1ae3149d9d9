"""In-memory RS256 signing key of the development identity provider."""

from typing import Any

from joserfc.jwk import KeySet, RSAKey


class SigningKey:
    """A 2048-bit RSA key generated once per router; never written to disk."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={'use': 'sig', 'alg': 'RS256'}, auto_kid=True)

    @property
    def kid(self) -> str:
        """Key id (RFC 7638 thumbprint) put in the JWKS and in every ID token header."""
        return str(self.key.kid)

    def jwks(self) -> dict[str, Any]:
        """Public part of the key as a JWKS document."""
        return dict(KeySet([self.key]).as_dict(private=False))
