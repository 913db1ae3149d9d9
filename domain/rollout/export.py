"""CSV exports of the readiness matrix and the adoption figures (semicolon-separated, as Danish Excel reads)."""

from __future__ import annotations

import csv
import io

from domain.rollout.adoption import AdoptionRow
from domain.rollout.model import ReadinessItem
from domain.rollout.readiness import ReadinessMatrix


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


def readiness_csv(matrix: ReadinessMatrix) -> bytes:
    """One line per institution and item: ticked, by whom, when, comment."""
    rows: list[list[object]] = []
    for r in matrix.rows:
        for item in ReadinessItem:
            c = r.cells[item]
            rows.append([_safe(r.name), r.area.value, item.value, "ja" if c.ticked else "nej",
                         "sammen" if c.observed else "manuel", _safe(c.by_name),
                         c.at.isoformat() if c.at else "", _safe(c.comment)])
    return _csv(["institution", "omraade", "punkt", "afkrydset", "kilde", "af", "tidspunkt", "kommentar"], rows)


def adoption_csv(rows: list[AdoptionRow]) -> bytes:
    """One line per institution with counts and shares."""
    return _csv(
        ["institution", "omraade", "foraeldre", "logget_ind_nogensinde", "logget_ind_30_dage", "andel_nogensinde",
         "andel_30_dage", "superbrugere"],
        [[_safe(r.name), r.area.value, r.guardians, r.guardians_ever, r.guardians_30d, f"{r.share_ever:.3f}",
          f"{r.share_30d:.3f}", r.superusers] for r in rows])
