"""Reading import files: which file is which, CSV with semicolons, JSON arrays; rows with their line numbers."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from domain.provisioning import encoding
from domain.provisioning.columns import check_header
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
    encoding: str = ""
    separator: str = ""
    broken: bool = False  # unreadable as a whole: other files' references to it are not checked

    def error(self, line: int, reason: str, **params: Any) -> None:
        """Record a file-level error."""
        entity = self.spec.entity if self.spec else "file"
        self.lines.append(ReportLine.make(self.name, line, ERROR, entity, "", reason, **params))

    def refuse(self, line: int, reason: str, **params: Any) -> None:
        """Record the one error that stops the whole file."""
        self.error(line, reason, **params)
        self.broken = True

    def add(self, line: int, row: dict[str, str]) -> None:
        """Keep a row, flagging a value that shows a wrong decoding upstream (SÃ¸ren) as an error."""
        for column, value in row.items():
            garbled = encoding.mojibake(value)
            if garbled:
                self.error(line, "mojibake", column=column, value=value[:40], found=garbled)
                break
        self.rows.append((line, row))


def fold(text: str) -> str:
    """A column or file name in plain lowercase ASCII: æ -> ae, ø -> oe, å -> aa, spaces -> _."""
    text = text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join(text.replace("-", " ").split())


def spec_for(filename: str) -> FileSpec | None:
    """The kind of file a name says (personer.csv, Personer.json, people.csv ...)."""
    stem = fold(PurePath(filename).stem)
    return next((s for s in SPECS if stem == s.stem or stem in s.aliases), None)


def parse(file_name: str, data: bytes) -> ParsedFile:
    """Decode and split one file into rows; problems become report lines, never exceptions."""
    spec = spec_for(file_name)
    parsed = ParsedFile(PurePath(file_name).name, spec)
    if spec is None:
        parsed.refuse(0, "file_unknown", expected=", ".join(f"{s.stem}.csv/.json" for s in SPECS))
        return parsed
    text, parsed.encoding, refusal, params = encoding.decode(data)
    if text is None:
        parsed.refuse(0, refusal, **params)
        return parsed
    if PurePath(file_name).suffix.lower() == ".json":
        _parse_json(parsed, spec, text)
    else:
        _parse_csv(parsed, spec, text)
    return parsed


def _header(parsed: ParsedFile, spec: FileSpec, header: list[str], line: int) -> list[str] | None:
    names, reason, params = check_header(header, spec.required, spec.columns)
    if names is None:
        parsed.refuse(line, reason, **params)
    return names


def _parse_csv(parsed: ParsedFile, spec: FileSpec, text: str) -> None:
    first = text.splitlines()[0] if text.splitlines() else ""
    parsed.separator = ";"
    if ";" not in first and len(spec.columns) > 1:
        found = next((sep for sep in (",", "\t", "|", ":") if sep in first), "")
        if found:
            parsed.separator = found
            parsed.refuse(1, "wrong_separator", found="tabulator" if found == "\t" else found)
            return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"', strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        parsed.refuse(0, "file_empty")
        return
    names = _header(parsed, spec, header, 1)
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
            parsed.add(number, {n: cell.strip() for n, cell in zip(names, row, strict=True)})
    except csv.Error as exc:
        parsed.refuse(reader.line_num, "file_truncated", detail=f"citationstegn ikke afsluttet ({exc})")
        return
    last = parsed.lines[-1] if parsed.lines else None
    if last is not None and last.reason == "row_columns" and last.line == line and not text.endswith(("\n", "\r")):
        # The very last row is short and has no line break: the file was cut off.
        parsed.lines[-1] = ReportLine.make(parsed.name, line, ERROR, spec.entity, "", "file_truncated",
                                           detail="sidste linje er ufuldstændig")


def _parse_json(parsed: ParsedFile, spec: FileSpec, text: str) -> None:
    parsed.separator = "json"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Input that ends mid-value (or mid-string) was cut off rather than written wrong.
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        reason = "file_truncated" if cut else "json_invalid"
        parsed.refuse(exc.lineno, reason, detail=f"{exc.msg}, linje {exc.lineno}")
        return
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        parsed.refuse(0, "json_shape")
        return
    keys: list[str] = sorted({str(k) for item in data for k in item}, key=lambda k: fold(k))
    header = keys if data else list(spec.required)
    names = _header(parsed, spec, header, 0)
    if names is None:
        return
    column_of = dict(zip(keys, names, strict=False)) if data else {}
    for index, item in enumerate(data, start=1):
        row = {column_of[str(k)]: _text(v) for k, v in item.items()}
        for column in spec.columns:
            row.setdefault(column, "")
        parsed.add(index, row)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value).strip()
