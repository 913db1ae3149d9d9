"""CSV exports of the rollout for Danish Excel: ';' between fields, decimal comma, dates dd-mm-åååå, UTF-8 with BOM."""

from __future__ import annotations

import csv
import io
from datetime import date

from domain.clock import COPENHAGEN
from domain.rollout.adoption import AdoptionRow
from domain.rollout.matrix import InstitutionChecklist


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    # A byte-order mark makes Excel read the file as UTF-8 (æ, ø, å).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    """Neutralise text a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_file(header: list[str], rows: list[list[object]]) -> bytes:
    """A CSV file for Danish Excel: ';' between fields, CRLF lines, UTF-8 with a BOM."""
    return _csv(header, rows)


def safe_cell(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return _safe(text)


def danish_day(day: date | None) -> str:
    """A date as Danish Excel reads it: 07-12-2026 (empty when there is none)."""
    return day.strftime("%d-%m-%Y") if day else ""


def danish_number(value: float, decimals: int = 3) -> str:
    """A number with a decimal comma: 0,575."""
    return f"{value:.{decimals}f}".replace(".", ",")


def readiness_csv(checklists: list[InstitutionChecklist]) -> bytes:
    """One line per institution and item: phase, owner, deadline (dd-mm-åååå), ticked, by whom, when, comment."""
    rows: list[list[object]] = []
    for inst in checklists:
        for item in inst.items:
            c = inst.cells[item.id]
            rows.append([_safe(inst.name), inst.area.value, _safe(inst.wave), _safe(item.phase_label),
                         _safe(item.title), _safe(item.owner),
                         item.deadline.strftime("%d-%m-%Y") if item.deadline else "", "ja" if c.ticked else "nej",
                         "sammen" if c.observed else "manuel", _safe(c.by_name),
                         c.at.astimezone(COPENHAGEN).strftime("%d-%m-%Y %H:%M") if c.at else "", _safe(c.comment)])
    return _csv(["institution", "omraade", "boelge", "fase", "punkt", "ansvarlig", "frist", "afkrydset", "kilde",
                 "af", "tidspunkt", "kommentar"], rows)


def adoption_csv(rows: list[AdoptionRow]) -> bytes:
    """One line per institution with counts and shares."""
    return _csv(
        ["institution", "omraade", "foraeldre", "logget_ind_nogensinde", "logget_ind_30_dage", "andel_nogensinde",
         "andel_30_dage", "superbrugere"],
        [[_safe(r.name), r.area.value, r.guardians, r.guardians_ever, r.guardians_30d, danish_number(r.share_ever),
          danish_number(r.share_30d), r.superusers] for r in rows])
