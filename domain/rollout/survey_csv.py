"""A survey's grouped results as CSV for Danish Excel: ';', decimal comma, dd-mm-åååå, UTF-8 with a BOM.

One row per question and group with its count, average and spread, then (where the group may be shown) one row
per free-text answer. No row carries a respondent: the figures come from survey_groups, which has none.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from domain.rollout.model import MIN_GROUP, Area, QuestionKind
from domain.rollout.survey_cells import OTHER
from domain.rollout.survey_groups import GroupBy, GroupedResults, QuestionGroups
from domain.rollout.survey_summary import QuestionSummary

# The file is for Danish Excel, so it is written in Danish whatever the page's language.
HEADER = ["Nr.", "Spørgsmål", "Type", "Gruppe", "Antal svar", "Gennemsnit", "Fordeling", "Fritekst",
          "Evaluering", "Lukker", "Udtrukket"]
AREAS = {Area.DAGTILBUD.value: "Dagtilbud", Area.BFO_KLUB.value: "BFO og klub", Area.SKOLE.value: "Skole"}
KINDS = {"scale": "Skala 1–5", "text": "Fritekst", "choice": "Ét valg", "choices": "Flere valg", "yes_no": "Ja/nej",
         "zero_ten": "0–10"}
TOTAL = "I alt"
CHOICE_KINDS = frozenset({"choice", "choices"})
CATCH_ALL = {OTHER: "Institutioner med for få svar til at stå alene", "none": "Uden bølge"}
HIDDEN = f"færre end {MIN_GROUP}"


def danish_date(day: date) -> str:
    """dd-mm-åååå."""
    return day.strftime("%d-%m-%Y")


def decimal(value: float | None) -> str:
    """Two decimals with a comma; empty for none."""
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def _safe(text: str) -> str:
    """Neutralise text a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _value_name(q: QuestionGroups, value: int) -> str:
    if q.kind.value == "yes_no":
        return "Ja" if value == 1 else "Nej"
    if q.kind.value in CHOICE_KINDS and 0 <= value < len(q.options):
        return q.options[value]
    return str(value)


def spread(q: QuestionGroups, s: QuestionSummary) -> str:
    """'Ja: 12 | Nej: 3': every possible value in the question's order, zeros included."""
    return " | ".join(f"{_value_name(q, b.value)}: {b.count}" for b in s.buckets)


def _label(r: GroupedResults, key: str, label: str) -> str:
    if key in CATCH_ALL:
        return CATCH_ALL[key]
    return AREAS.get(key, label) if r.filter.group_by is GroupBy.AREA else label


def results_csv(r: GroupedResults, exported: date) -> bytes:
    """The whole file, as bytes ready to download."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    tail = [_safe(r.title), danish_date(r.closes_on), danish_date(exported)]
    for q in r.questions:
        head = [q.position, _safe(q.text), KINDS.get(q.kind.value, q.kind.value)]
        rows = [(TOTAL, q.summary)] + [(_label(r, g.key, g.label), g.summary) for g in q.groups]
        for name, summary in rows:
            if summary is None:
                writer.writerow([*head, _safe(name), HIDDEN, "", "", "", *tail])
            else:
                writer.writerow([*head, _safe(name), summary.answered, decimal(summary.average),
                                 _safe(spread(q, summary)), "", *tail])
        if q.kind is QuestionKind.TEXT and q.total is not None:
            # Texts per group where the group may be shown, each filtered by the search like on the page.
            shown = set(q.texts)
            for g in q.groups:
                for text in (g.figures.texts if g.figures else ()):
                    if text in shown:
                        writer.writerow([*head, _safe(_label(r, g.key, g.label)), "", "", "", _safe(text), *tail])
    # A byte-order mark makes Excel read the file as UTF-8 (æ, ø, å).
    return ("\ufeff" + out.getvalue()).encode("utf-8")
