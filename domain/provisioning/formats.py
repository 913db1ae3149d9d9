"""Reading import files: which file is which, decoding (UTF-8 or Windows-1252), CSV with semicolons, JSON arrays."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from domain.provisioning.model import ERROR, ReportLine


@dataclass(frozen=True)
class FileSpec:
    """One kind of import file: its entity, its names, required and optional columns."""

    entity: str
    stem: str
    aliases: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every allowed column, required first."""
        return self.required + self.optional


SPECS: tuple[FileSpec, ...] = (
    FileSpec("institution", "institutioner", ("institutions",),
             ("institutionsnummer", "navn", "type"), ("adresse",)),
    FileSpec("group", "grupper", ("groups",), ("institutionsnummer", "navn", "type"), ("udloeber",)),
    FileSpec("person", "personer", ("people", "persons"),
             ("cpr", "fornavn", "efternavn"), ("adresse", "email", "telefon", "brugernavn")),
    FileSpec("custody", "foraeldremyndighed", ("custody",), ("foraelder_cpr", "barn_cpr", "fra"), ("til",)),
    FileSpec("enrolment", "indskrivninger", ("enrolments",),
             ("barn_cpr", "institutionsnummer", "start"), ("gruppe", "slut")),
    FileSpec("employment", "medarbejdere", ("staff",),
             ("cpr", "institutionsnummer", "rolle", "start"), ("superbruger", "brugernavn", "slut")),
)
ORDER = {spec.entity: i for i, spec in enumerate(SPECS)}


@dataclass
class ParsedFile:
    """A file's rows as (line number, column -> text), with the problems found while reading it."""

    name: str
    spec: FileSpec | None
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    lines: list[ReportLine] = field(default_factory=list)

    def error(self, line: int, reason: str, **params: Any) -> None:
        """Record a file-level error."""
        entity = self.spec.entity if self.spec else "file"
        self.lines.append(ReportLine.make(self.name, line, ERROR, entity, "", reason, **params))


def fold(text: str) -> str:
    """A column or file name in plain lowercase ASCII: æ -> ae, ø -> oe, å -> aa, spaces -> _."""
    text = text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join(text.replace("-", " ").split())


def spec_for(filename: str) -> FileSpec | None:
    """The kind of file a name says (personer.csv, Personer.json, people.csv ...)."""
    stem = fold(PurePath(filename).stem)
    return next((s for s in SPECS if stem == s.stem or stem in s.aliases), None)


def decode(data: bytes) -> tuple[str | None, str, str]:
    """The text, the encoding used, and a reason key when the bytes are refused."""
    if not data.strip():
        return None, "", "file_empty"
    if b"\x00" in data[:65536]:
        return None, "", "file_binary"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the very end means the file was cut off, not that it is Windows-1252.
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return None, "utf-8", "file_truncated"
    try:
        return data.decode("cp1252"), "windows-1252", ""
    except UnicodeDecodeError:
        return None, "", "file_encoding"


def parse(file_name: str, data: bytes) -> ParsedFile:
    """Decode and split one file into rows; problems become report lines, never exceptions."""
    spec = spec_for(file_name)
    parsed = ParsedFile(PurePath(file_name).name, spec)
    if spec is None:
        parsed.error(0, "file_unknown", expected=", ".join(f"{s.stem}.csv/.json" for s in SPECS))
        return parsed
    text, _, refusal = decode(data)
    if text is None:
        parsed.error(0, refusal, detail="et tegn er skåret over i sidste linje")
        return parsed
    if PurePath(file_name).suffix.lower() == ".json":
        _parse_json(parsed, spec, text)
    else:
        _parse_csv(parsed, spec, text)
    return parsed


def _check_header(parsed: ParsedFile, spec: FileSpec, header: list[str], line: int) -> list[str] | None:
    names = [fold(h) for h in header]
    ok = True
    seen: set[str] = set()
    for raw, name in zip(header, names, strict=True):
        if name in seen:
            parsed.error(line, "duplicate_column", column=raw.strip())
            ok = False
        seen.add(name)
        if name not in spec.columns:
            parsed.error(line, "unknown_column", column=raw.strip(), allowed=", ".join(spec.columns))
            ok = False
    for column in spec.required:
        if column not in seen:
            parsed.error(line, "missing_column", column=column)
            ok = False
    return names if ok else None


def _parse_csv(parsed: ParsedFile, spec: FileSpec, text: str) -> None:
    first = text.splitlines()[0] if text.splitlines() else ""
    if ";" not in first and len(spec.columns) > 1:
        found = next((sep for sep in (",", "\t", "|", ":") if sep in first), "")
        if found:
            parsed.error(1, "wrong_separator", found="tabulator" if found == "\t" else found)
            return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"', strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        parsed.error(0, "file_empty")
        return
    names = _check_header(parsed, spec, header, 1)
    if names is None:
        return
    line = reader.line_num
    try:
        for row in reader:
            number = line + 1
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                parsed.error(number, "row_columns", found=len(row), expected=len(names))
                continue
            parsed.rows.append((number, {n: cell.strip() for n, cell in zip(names, row, strict=True)}))
    except csv.Error as exc:
        parsed.error(reader.line_num, "file_truncated", detail=f"citationstegn ikke afsluttet ({exc})")
        return
    last = parsed.lines[-1] if parsed.lines else None
    if last is not None and last.reason == "row_columns" and last.line == line and not text.endswith(("\n", "\r")):
        # The very last row is short and has no line break: the file was cut off.
        parsed.lines[-1] = ReportLine.make(parsed.name, line, ERROR, spec.entity, "", "file_truncated",
                                           detail="sidste linje er ufuldstændig")


def _parse_json(parsed: ParsedFile, spec: FileSpec, text: str) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Input that ends mid-value (or mid-string) was cut off rather than written wrong.
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        reason = "file_truncated" if cut else "json_invalid"
        parsed.error(exc.lineno, reason, detail=f"{exc.msg}, linje {exc.lineno}")
        return
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        parsed.error(0, "json_shape")
        return
    keys: list[str] = sorted({str(k) for item in data for k in item}, key=lambda k: fold(k))
    header = keys if data else list(spec.required)
    names = _check_header(parsed, spec, header, 0)
    if names is None:
        return
    for index, item in enumerate(data, start=1):
        row = {fold(str(k)): _text(v) for k, v in item.items()}
        for column in spec.columns:
            row.setdefault(column, "")
        parsed.rows.append((index, row))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value).strip()
