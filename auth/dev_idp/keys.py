"""In-memory signing key of the development identity provider (RS256, or ES256 to try an algorithm switch)."""

from typing import Any

from joserfc.jwk import ECKey, KeySet, RSAKey

ALGORITHMS = ('RS256', 'ES256')


def _generate(alg: str) -> RSAKey | ECKey:
    if alg == 'ES256':
        return ECKey.generate_key('P-256', parameters={'use': 'sig', 'alg': alg}, auto_kid=True)
    return RSAKey.generate_key(2048, parameters={'use': 'sig', 'alg': 'RS256'}, auto_kid=True)


class SigningKey:
    """A key generated once per router (never written to disk); `rotate` replaces it, as a real provider might."""

    def __init__(self, alg: str = 'RS256') -> None:
        self.alg = alg if alg in ALGORITHMS else 'RS256'
        self.key = _generate(self.alg)

    def rotate(self, alg: str) -> None:
        """Sign from now on with a new key (new kid), possibly of another algorithm; the old one is gone."""
        self.alg = alg if alg in ALGORITHMS else 'RS256'
        self.key = _generate(self.alg)

    @property
    def kid(self) -> str:
        """Key id (RFC 7638 thumbprint) put in the JWKS and in every ID token header."""
        return str(self.key.kid)

    def jwks(self) -> dict[str, Any]:
        """Public part of the key as a JWKS document."""
        return dict(KeySet([self.key]).as_dict(private=False))
