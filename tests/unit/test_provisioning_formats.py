"""Reading and checking import files without a database: encodings, separators, headers, fields, duplicates."""

from __future__ import annotations

from datetime import date

from domain.organisation.model import InstitutionKind, StaffRole
from domain.provisioning.encoding import decode
from domain.provisioning.fields import cpr_birth_date, mask_cpr, normalise_cpr, parse_date
from domain.provisioning.formats import parse
from domain.provisioning.validate import validate

HEADER = "institutionsnummer;navn;type;adresse\r\n"


def _reasons(name: str, data: bytes) -> list[tuple[int, str]]:
    return [(line.line, line.reason) for line in parse(name, data).lines]


def test_utf8_with_a_bom_and_windows_1252_both_read_as_danish_text() -> None:
    text = HEADER + "451001;Ærøhuset;Børnehave;Ågade 1\r\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("cp1252")):
        parsed = parse("institutioner.csv", data)
        assert parsed.lines == [] and parsed.rows[0][1]["navn"] == "Ærøhuset"
    assert decode(text.encode("cp1252")).encoding == "windows-1252"
    assert parse("institutioner.csv", b"\xef\xbb\xbf" + text.encode()).encoding == "utf-8-sig"
    assert parse("institutioner.csv", text.encode()).separator == ";"


def test_binary_empty_and_cut_off_utf8_are_refused() -> None:
    assert decode(b"\x00\x01PK")[:3] == (None, "", "file_binary")
    assert decode(b"  \n").reason == "file_empty"
    assert decode((HEADER + "451001;Bø").encode()[:-1]).reason == "file_truncated"


def test_a_utf8_file_with_windows_1252_lines_is_refused_naming_those_lines() -> None:
    lines = [HEADER] + [f"45100{i};Søren {i};Børnehave;Ågade {i}\r\n" for i in range(1, 10)]
    data = b"".join(line.encode("cp1252" if n in (4, 7) else "utf-8") for n, line in enumerate(lines, start=1))
    parsed = parse("institutioner.csv", data)
    assert [(line.reason, line.params["lines"]) for line in parsed.lines] == [("file_mixed_encoding", "4 og 7")]
    assert parsed.rows == [] and "Windows-1252" in parsed.lines[0].text and "UTF-8" in parsed.lines[0].text


def test_a_garbled_name_is_an_error_naming_the_column() -> None:
    garbled = "Søren".encode().decode("cp1252")  # 'SÃ¸ren': UTF-8 read as Windows-1252 somewhere upstream
    for name in (garbled, "ÃŸe", "Ã…se", "Ã†ble", "BÃ¦k", "Ã˜ster", "GÃ¥rd"):
        parsed = parse("personer.csv", f"cpr;fornavn;efternavn\n0101801234;{name};Bæk\n".encode())
        assert [(line.line, line.reason, line.params["column"]) for line in parsed.lines] == [
            (2, "mojibake", "fornavn")], name
    assert parse("personer.csv", "cpr;fornavn;efternavn\n0101801234;João;Ærø\n".encode()).lines == []


def test_a_comma_separated_file_is_refused_with_the_separator_named() -> None:
    parsed = parse("institutioner.csv", HEADER.replace(";", ",").encode())
    assert [(line.reason, line.params["found"]) for line in parsed.lines] == [("wrong_separator", ",")]
    assert "semikolon" in parsed.lines[0].text


def test_unknown_missing_and_doubled_columns_are_one_message_per_file() -> None:
    assert _reasons("grupper.csv", b"institutionsnummer;navn;farve\n") == [(1, "missing_column")]
    missing = parse("personer.csv", b"CPR;Navn;E-mail;Mobil\n0101801234;Bo;bo@example.dk;1\n").lines
    assert [(line.reason, line.params["column"]) for line in missing] == [("missing_column", "fornavn")]
    assert "CPR, Navn, E-mail, Mobil" in missing[0].text
    assert _reasons("grupper.csv", b"institutionsnummer;navn;navn;type\n") == [(1, "duplicate_column")]
    assert _reasons("personer.csv", b"cpr;fornavn;efternavn;Telefon;Tlf\n") == [(1, "duplicate_column")]
    assert _reasons("grupper.csv", b"institutionsnummer;navn;type;farve;tal\n") == [(1, "unknown_column")]
    assert _reasons("hemmeligt.csv", b"a;b\n") == [(0, "file_unknown")]


def test_the_usual_column_names_are_accepted_whatever_their_case_and_spaces() -> None:
    header = " Cpr-nr ;First name;EFTERNAVN;E-mail;Tlf.;Adresse;UNI-Login\n"
    parsed = parse("personer.csv", (header + "0101801234;Åse;Bæk;a@b.dk;20304050;Vej 1;aase1\n").encode())
    assert parsed.lines == []
    assert parsed.rows[0][1] == {"cpr": "0101801234", "fornavn": "Åse", "efternavn": "Bæk", "email": "a@b.dk",
                                 "telefon": "20304050", "adresse": "Vej 1", "brugernavn": "aase1"}
    for email in ("E-mail", "Email", "e-mail", "Mail", " E - Mail "):
        for phone in ("Telefon", "Tlf", "Mobil", "mobilnummer"):
            data = f"cpr;Fornavn;efternavn;{email};{phone}\n0101801234;Bo;Bæk;b@c.dk;1\n".encode()
            assert parse("personer.csv", data).lines == [], (email, phone)
    staff = parse("medarbejdere.json", b'[{"CPR": "0101801234", "Institutionsnr": "451001", "Rolle": "Leder",'
                                       b' "Startdato": "2020-01-01", "Brugernavn": "bo"}]')
    assert staff.lines == [] and staff.rows[0][1]["start"] == "2020-01-01" and staff.separator == "json"


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
