"""CSV exports of the plan (phases, tracks, milestones) and of the waves, for Danish Excel (see export.py)."""

from __future__ import annotations

from domain.collation import danish_key
from domain.rollout.export import csv_file, danish_day, safe_cell
from domain.rollout.model import SpanKind
from domain.rollout.plan import ProgrammeView
from domain.rollout.waves import WaveView

KIND_WORDS = {SpanKind.TRACK: "spor", SpanKind.PHASE: "fase"}
STATUS_WORDS = {"planned": "planlagt", "in_progress": "i gang", "done": "færdig", "late": "forsinket"}


def plan_csv(programmes: list[ProgrammeView]) -> bytes:
    """One line per phase, track and milestone: plan, area, kind, name, owner, first and last day, status."""
    rows: list[list[object]] = []
    for p in sorted(programmes, key=lambda p: (p.start, danish_key(p.name))):
        for s in sorted(p.spans, key=lambda s: (s.start, s.kind.value, danish_key(s.label))):
            rows.append([safe_cell(p.name), p.area.value, KIND_WORDS[s.kind], safe_cell(s.label), "",
                         danish_day(s.start), danish_day(s.end), ""])
        for m in p.milestones:
            rows.append([safe_cell(p.name), p.area.value, "milepæl", safe_cell(m.title), safe_cell(m.owner), "",
                         danish_day(m.due), STATUS_WORDS[m.status.value]])
    return csv_file(["plan", "omraade", "type", "navn", "ansvarlig", "start", "slut_eller_frist", "status"], rows)


def waves_csv(programmes: list[ProgrammeView], waves: list[WaveView]) -> bytes:
    """One line per institution in a wave: plan, wave, go-live date, institution."""
    names = {p.id: p.name for p in programmes}
    rows: list[list[object]] = [
        [safe_cell(names.get(w.programme_id, "")), w.area.value, safe_cell(w.name), danish_day(w.go_live),
         safe_cell(m.name)] for w in waves for m in w.members]
    return csv_file(["plan", "omraade", "boelge", "go_live", "institution"], rows)
