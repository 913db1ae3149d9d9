"""Reading and checking import files without a database: encodings, separators, headers, fields, duplicates."""

from __future__ import annotations

from datetime import date

from domain.organisation.model import InstitutionKind, StaffRole
from domain.provisioning.fields import cpr_birth_date, mask_cpr, normalise_cpr, parse_date
from domain.provisioning.formats import decode, parse
from domain.provisioning.validate import validate

HEADER = "institutionsnummer;navn;type;adresse\r\n"


def _reasons(name: str, data: bytes) -> list[tuple[int, str]]:
    return [(line.line, line.reason) for line in parse(name, data).lines]


def test_utf8_with_a_bom_and_windows_1252_both_read_as_danish_text() -> None:
    text = HEADER + "451001;Ærøhuset;Børnehave;Ågade 1\r\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("cp1252")):
        parsed = parse("institutioner.csv", data)
        assert parsed.lines == [] and parsed.rows[0][1]["navn"] == "Ærøhuset"
    assert decode(text.encode("cp1252"))[1] == "windows-1252"


def test_binary_empty_and_cut_off_utf8_are_refused() -> None:
    assert decode(b"\x00\x01PK") == (None, "", "file_binary")
    assert decode(b"  \n")[2] == "file_empty"
    assert decode((HEADER + "451001;Bø").encode()[:-1])[2] == "file_truncated"


def test_a_comma_separated_file_is_refused_with_the_separator_named() -> None:
    parsed = parse("institutioner.csv", HEADER.replace(";", ",").encode())
    assert [(line.reason, line.params["found"]) for line in parsed.lines] == [("wrong_separator", ",")]
    assert "semikolon" in parsed.lines[0].text


def test_unknown_missing_and_doubled_columns_are_named() -> None:
    assert _reasons("grupper.csv", b"institutionsnummer;navn;farve\n") == [
        (1, "unknown_column"), (1, "missing_column")]
    assert _reasons("grupper.csv", b"institutionsnummer;navn;navn;type\n") == [(1, "duplicate_column")]
    assert _reasons("hemmeligt.csv", b"a;b\n") == [(0, "file_unknown")]


def test_a_short_last_line_without_a_line_break_is_a_truncated_file() -> None:
    data = (HEADER + "451001;Solen;Børnehave;Vej 1\r\n451002;Må").encode()
    assert _reasons("institutioner.csv", data) == [(3, "file_truncated")]
    assert _reasons("institutioner.csv", data + b"nen\r\n") == [(3, "row_columns")]


def test_json_must_be_an_array_of_objects_and_cut_off_json_is_truncated() -> None:
    good = b'[{"institutionsnummer": "451001", "navn": "Solen", "type": "skole"}]'
    parsed = parse("institutioner.json", good)
    assert parsed.lines == [] and parsed.rows == [(1, {"institutionsnummer": "451001", "navn": "Solen",
                                                       "type": "skole", "adresse": ""})]
    assert _reasons("institutioner.json", good[:-8])[0][1] == "file_truncated"
    assert _reasons("institutioner.json", b'{"a": 1}') == [(0, "json_shape")]


def test_cpr_numbers_need_ten_digits_and_a_real_date_with_the_right_century() -> None:
    assert normalise_cpr("150320-4123") == "1503204123"
    assert cpr_birth_date("1503204123") == date(2020, 3, 15)
    assert cpr_birth_date("1503201123") == date(1920, 3, 15)
    assert normalise_cpr("3102201234") is None and normalise_cpr("15032041") is None
    assert mask_cpr("1503204123") == "150320-****"
    assert parse_date("01-08-2025") == parse_date("2025-08-01") == date(2025, 8, 1)
    assert parse_date("2025-02-30") is None


def test_rows_are_checked_and_duplicates_within_the_files_are_errors() -> None:
    institutions = parse("institutioner.csv", (HEADER + "451001;Solen;Børnehave;\r\n45100;Kort;Skole;\r\n"
                                               "451001;Igen;Skole;\r\n451003;Klubben;Fritidsklub;\r\n").encode())
    people = parse("personer.csv", "cpr;fornavn;efternavn\n0101801234;Åse;Bæk\n0101801234;Åse;Bæk\n"
                   "0101801234;Bo;Bæk\n".encode())
    staff = parse("medarbejdere.csv", "cpr;institutionsnummer;rolle;start;superbruger\n"
                  "0101801234;;Pædagog;2020-01-01;nej\n0101801234;451001;Skoleleder;2020-01-01;måske\n".encode())
    rows = validate([institutions, people, staff])
    assert [(line.file, line.line, line.reason) for line in rows.lines] == [
        ("institutioner.csv", 3, "institution_number_format"),
        ("institutioner.csv", 4, "institution_number_duplicate"),
        ("personer.csv", 3, "cpr_duplicate"), ("personer.csv", 4, "cpr_conflict"),
        ("medarbejdere.csv", 2, "staff_without_institution"), ("medarbejdere.csv", 3, "boolean")]
    assert rows.institutions["451003"].kind is InstitutionKind.KLUB
    assert rows.lines[4].level == "warning" and rows.staff == {}
    ok = validate([parse("medarbejdere.csv", b"cpr;institutionsnummer;rolle;start\n0101801234;451001;leder;"
                                             b"2020-01-01\n")])
    assert ok.staff[("0101801234", "451001")].role is StaffRole.LEDER
