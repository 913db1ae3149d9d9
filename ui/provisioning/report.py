"""An import report: counts per entity and the report lines (file, line, reason) with a filter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nicegui import ui

from domain.provisioning.model import ENTITIES, ERROR, INFO, OUTCOMES, WARNING, ImportReport, ReportLine
from ui.i18n import t
from ui.texts import TEXTS

CHANGES = ("created", "updated", "deactivated")
SEPARATORS = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe", ":": "colon", "json": "json"}


def reason_text(line: ReportLine, lang: str) -> str:
    """The line's reason in the reader's language, falling back to the domain's own Danish text."""
    key = f"prov.reason.{line.reason}"
    if key not in TEXTS:
        return line.text or line.reason
    try:
        return t(key, lang, **line.params)
    except (KeyError, IndexError, ValueError):  # a parameter the text expects is missing: keep the domain's words
        return line.text or line.reason


def totals(report: ImportReport) -> dict[str, int]:
    """Each outcome summed over every entity."""
    return {outcome: sum(c.get(outcome, 0) for c in report.counts.values()) for outcome in OUTCOMES}


def counts_table(counts: dict[str, dict[str, int]], lang: str, marker: str = "report-counts") -> ui.table:
    """One row per entity, one column per outcome, and the totals."""
    columns = [{"name": "entity", "label": t("prov.col.entity", lang), "field": "entity", "align": "left"}] + [
        {"name": o, "label": t(f"prov.col.{o}", lang), "field": o, "align": "right"} for o in OUTCOMES]
    rows = []
    for entity in [e for e in ENTITIES if e in counts] + [e for e in counts if e not in ENTITIES]:
        label = t(f"prov.entity.{entity}", lang) if f"prov.entity.{entity}" in TEXTS else entity
        rows.append({"entity": label, **{o: counts[entity].get(o, 0) for o in OUTCOMES}})
    rows.append({"entity": t("prov.entity.total", lang),
                 **{o: sum(c.get(o, 0) for c in counts.values()) for o in OUTCOMES}})
    return ui.table(columns=columns, rows=rows, row_key="entity").props("dense flat bordered").classes(
        "w-full").mark(marker)


def _level(level: str, lang: str) -> str:
    key = f"prov.level.{level}"
    return t(key, lang) if key in TEXTS else level


def lines_table(lines: Iterable[ReportLine], lang: str, marker: str = "report-lines") -> ui.table:
    """The report lines with a free-text filter; long reports page instead of growing the page."""
    rows = [{"id": i, "file": line.file, "line": line.line or "", "level": _level(line.level, lang),
             "entity": t(f"prov.entity.{line.entity}", lang) if f"prov.entity.{line.entity}" in TEXTS else line.entity,
             "key": line.key, "reason": reason_text(line, lang)} for i, line in enumerate(lines)]
    columns: list[dict[str, Any]] = [
        {"name": "file", "label": t("prov.col.file", lang), "field": "file", "align": "left", "sortable": True},
        {"name": "line", "label": t("prov.col.line", lang), "field": "line", "align": "right", "sortable": True},
        {"name": "level", "label": t("prov.col.level", lang), "field": "level", "align": "left"},
        {"name": "entity", "label": t("prov.col.entity", lang), "field": "entity", "align": "left"},
        {"name": "key", "label": t("prov.col.key", lang), "field": "key", "align": "left"},
        {"name": "reason", "label": t("prov.col.reason", lang), "field": "reason", "align": "left",
         "classes": "text-wrap", "style": "white-space: normal"},
    ]
    search = ui.input(t("prov.filter", lang)).props("dense outlined clearable").classes("w-full sm:w-80").mark(
        f"{marker}-filter")
    table = ui.table(columns=columns, rows=rows, row_key="id", pagination=25).props(
        "dense flat bordered wrap-cells").classes("w-full").mark(marker)
    search.bind_value_to(table, "filter")
    return table


def _known(key: str, fallback: str) -> str:
    return key if key in TEXTS else fallback


def files_table(files: list[dict[str, Any]], lang: str) -> ui.table:
    """Each file with the encoding and separator it was read with."""
    columns = [{"name": n, "label": t(f"prov.col.{n}", lang), "field": n, "align": "left"}
               for n in ("file", "encoding", "separator")]
    rows = [{"file": f.get("name", ""),
             "encoding": t(_known(f"prov.encoding.{f.get('encoding') or 'none'}", "prov.encoding.none"), lang),
             "separator": t(f"prov.separator.{SEPARATORS.get(f.get('separator', ''), 'none')}", lang)}
            for f in files]
    return ui.table(columns=columns, rows=rows, row_key="file").props("dense flat bordered").classes(
        "w-full").mark("report-files")


def report_view(report: ImportReport, lang: str) -> None:
    """The counts, how each file was read, the problems (errors and warnings) and each update's changes."""
    counts_table(report.counts, lang)
    if report.files:
        ui.label(t("prov.files_read", lang)).classes("text-subtitle1 text-weight-medium")
        files_table(report.files, lang)
    findings = [line for line in report.lines if line.level in (ERROR, WARNING)]
    if findings:
        ui.label(t("prov.error_lines", lang, n=len(findings))).classes("text-subtitle1 text-weight-medium")
        lines_table(findings, lang)
    changes = [line for line in report.lines if line.level == INFO and line.reason == "changed"]
    if changes:
        ui.label(t("prov.changes", lang, n=len(changes))).classes("text-subtitle1 text-weight-medium")
        lines_table(changes, lang, marker="report-changes")
