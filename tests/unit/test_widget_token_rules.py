"""Widget tokens without a database: pseudonyms, the persisted signing key, the https rule, the frame address."""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from domain.errors import DomainError
from domain.widgets.keys import forget_loaded, generate_signer, load_signer, pseudonym
from domain.widgets.suppliers import check_url, http_hosts
from ui.widgets.external import frame_src

SECRET = b"s" * 32
DEV = http_hosts("http://sammen.test:8080", development=True)


def test_a_childs_pseudonym_is_stable_for_one_widget() -> None:
    assert pseudonym(SECRET, 7, 42) == pseudonym(SECRET, 7, 42)


def test_two_widgets_get_different_pseudonyms_for_the_same_child() -> None:
    assert pseudonym(SECRET, 7, 42) != pseudonym(SECRET, 8, 42)
    assert pseudonym(SECRET, 7, 42) != pseudonym(SECRET, 7, 43)


def test_pseudonyms_depend_on_the_secret() -> None:
    assert pseudonym(SECRET, 7, 42) != pseudonym(b"t" * 32, 7, 42)
    assert len(pseudonym(SECRET, 7, 42)) == 43  # 256 bits, base64url


def test_the_signing_key_is_created_once_with_owner_only_permissions_and_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "data" / "widget-signing-key.json"
    first = load_signer(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    forget_loaded()
    again = load_signer(path)
    assert again.kid == first.kid
    assert again.pseudonym(3, 9) == first.pseudonym(3, 9)
    assert again.jwks() == first.jwks()
    forget_loaded()


def test_the_published_jwks_holds_no_private_part() -> None:
    keys = generate_signer().jwks()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(keys[0])


@pytest.mark.parametrize("url", ["https://widgets.example.dk/bib", "https://x.dk:8443/a?b=c"])
def test_https_addresses_are_accepted_everywhere(url: str) -> None:
    assert check_url(url) == url
    assert check_url(url, DEV) == url


@pytest.mark.parametrize("url", ["http://localhost:8080/demo-widget", "http://127.0.0.1/w",
                                 "http://sammen.test:8080/demo-widget"])
def test_http_is_accepted_only_for_local_hosts_in_development(url: str) -> None:
    assert check_url(url, DEV) == url
    with pytest.raises(DomainError) as refused:
        check_url(url, http_hosts("http://sammen.test:8080", development=False))
    assert refused.value.key == "extwidget.error.url_https"


@pytest.mark.parametrize("url", ["http://widgets.example.dk/bib", "ftp://widgets.example.dk/", "javascript:alert(1)",
                                 "http://localhost.evil.dk/"])
def test_other_schemes_and_plain_http_to_other_hosts_are_refused(url: str) -> None:
    with pytest.raises(DomainError) as refused:
        check_url(url, DEV)
    assert refused.value.key in ("extwidget.error.url_https", "extwidget.error.url_invalid")


@pytest.mark.parametrize("url", ["", "https://", "https://user:pw@widgets.example.dk/", "https://a b.dk/",
                                 "https://x.dk:port/"])
def test_malformed_addresses_are_refused(url: str) -> None:
    with pytest.raises(DomainError):
        check_url(url, DEV)


def test_the_frame_address_carries_token_and_widget_and_keeps_the_suppliers_own_query() -> None:
    src = frame_src("https://w.example.dk/bib?lang=da&token=old#top", "a.b.c", 5)
    parts = urlsplit(src)
    assert parts.netloc == "w.example.dk" and parts.path == "/bib" and not parts.fragment
    assert parse_qs(parts.query) == {"lang": ["da"], "token": ["a.b.c"], "widget": ["5"]}


def test_the_demo_suppliers_page_escapes_every_claim() -> None:
    from ui.widgets.api import demo_page

    page = demo_page({"role": "<b>x</b>", "institutions": ["<i>1</i>"], "children": ["<s>"]})
    assert "<b>" not in page and "<i>" not in page and "<s>" not in page and "&lt;b&gt;" in page
