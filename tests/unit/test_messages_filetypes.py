"""Which files may be attached: first bytes and extension must agree, names are cleaned, size is limited."""

from __future__ import annotations

import pytest

from domain.errors import DomainError
from domain.messages.attachments import MAX_BYTES, checked_upload, clean_filename, sniff

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 20
GIF = b"GIF89a" + b"\0" * 20
WEBP = b"RIFF\x10\0\0\0WEBPVP8 " + b"\0" * 20
PDF = b"%PDF-1.4\n" + b"\0" * 20
EXE = b"MZ\x90\0" + b"\0" * 20


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("foto.png", PNG, "image/png"), ("Foto.JPG", JPEG, "image/jpeg"), ("foto.jpeg", JPEG, "image/jpeg"),
    ("kage.gif", GIF, "image/gif"), ("tur.webp", WEBP, "image/webp"), ("brev.pdf", PDF, "application/pdf"),
])
def test_images_and_pdf_with_matching_names_are_accepted(name: str, data: bytes, content_type: str) -> None:
    assert checked_upload(name, data) == (name, content_type)


@pytest.mark.parametrize(("name", "data"), [
    ("brev.pdf", EXE), ("virus.exe", EXE), ("foto.pdf", PNG), ("brev.png", PDF), ("tekst.txt", b"hej"),
    ("side.html", b"<script>alert(1)</script>"), ("brev.pdf.exe", PDF), ("RIFF.webp", b"RIFF\0\0\0\0WAVE" + PNG),
])
def test_an_exe_renamed_pdf_and_other_mismatches_are_refused_by_type(name: str, data: bytes) -> None:
    with pytest.raises(DomainError) as refused:
        checked_upload(name, data)
    assert refused.value.key == "messages.attachment_type"


def test_an_empty_file_or_a_name_without_extension_is_invalid() -> None:
    for name, data in [("tom.pdf", b""), ("pdf", PDF), ("", PDF), ("../..", PDF), (".pdf", PDF)]:
        with pytest.raises(DomainError) as refused:
            checked_upload(name, data)
        assert refused.value.key == "messages.attachment_invalid", name


def test_one_byte_over_ten_megabytes_is_too_big_and_says_the_limit() -> None:
    assert checked_upload("stor.pdf", PDF + b"\0" * (MAX_BYTES - len(PDF)))[1] == "application/pdf"
    with pytest.raises(DomainError) as refused:
        checked_upload("stor.pdf", PDF + b"\0" * (MAX_BYTES - len(PDF) + 1))
    assert (refused.value.key, refused.value.params) == ("messages.attachment_too_big", {"limit": "10 MB"})


def test_file_names_lose_paths_control_characters_and_length() -> None:
    assert clean_filename("C:\\Users\\gitte\\Skrivebord\\brev.pdf") == "brev.pdf"
    assert clean_filename("../../etc/passwd.png") == "passwd.png"
    assert clean_filename("...skjult.png") == "skjult.png"
    assert clean_filename("ny\nlinje\x00.png") == "nylinje.png"
    long = clean_filename("a" * 300 + ".pdf")
    assert len(long) == 120 and long.endswith(".pdf")


def test_sniff_knows_only_the_allowed_types() -> None:
    assert [sniff(d) for d in (PNG, JPEG, GIF, WEBP, PDF, EXE, b"")] == [
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", None, None]
