"""Adapter from an already-read Starlette request to authlib's synchronous OAuth2Request."""

from collections.abc import Iterable

from authlib.oauth2.rfc6749 import OAuth2Payload, OAuth2Request
from starlette.datastructures import Headers


class FormPayload(OAuth2Payload):
    """Request parameters (query or form) as authlib wants them: first values plus all values."""

    def __init__(self, params: Iterable[tuple[str, str]]) -> None:
        self._datalist: dict[str, list[str]] = {}
        for key, value in params:
            self._datalist.setdefault(key, []).append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        """First value of each parameter."""
        return self._data

    @property
    def datalist(self) -> dict[str, list[str]]:
        """All values of each parameter."""
        return self._datalist


class FormRequest(OAuth2Request):
    """An already-read Starlette request (authlib's server API is synchronous)."""

    def __init__(self, method: str, url: str, params: Iterable[tuple[str, str]], headers: Headers) -> None:
        # authlib refuses plain-http request URLs unless the host is loopback or the process-wide
        # AUTHLIB_INSECURE_TRANSPORT switch is on. This dev-only provider is also reached as
        # http://test (test client) or over a LAN IP from a phone; instead of flipping the switch
        # for the whole process (it would relax the app's real OAuth code too), the base class is
        # given a placeholder https URL and the real one is stored right after.
        super().__init__(method, 'https://dev-idp.invalid/', headers=headers)
        self.uri = url
        self.payload = FormPayload(params)

    @property
    def args(self) -> dict[str, str]:
        """Parameters (authlib's name for query arguments)."""
        return dict(self.payload.data)

    @property
    def form(self) -> dict[str, str]:
        """Parameters (authlib's name for the form body)."""
        return dict(self.payload.data)
