"""Each question's answers on the results page: a table of counts and shares by kind, an average for scales."""

from __future__ import annotations

from nicegui import ui

from domain.rollout.model import MIN_GROUP, YES, QuestionKind
from domain.rollout.survey_summary import Bucket, QuestionSummary
from ui.i18n import t, tn


def decimal(value: float, lang: str) -> str:
    """A figure with one decimal, written with a comma in Danish."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


def percent(share: float, lang: str) -> str:
    """A share as whole per cent, '42 %'."""
    return f"{round(share * 100)} %" if lang == "da" else f"{round(share * 100)}%"


def bucket_label(q: QuestionSummary, b: Bucket, lang: str) -> str:
    """What one row of a question's table stands for: the option, the scale point and its name, yes or no."""
    if q.kind in (QuestionKind.CHOICE, QuestionKind.CHOICES):
        return q.options[b.value]
    if q.kind is QuestionKind.YES_NO:
        return t("survey.respond.yes" if b.value == YES else "survey.respond.no", lang)
    if q.kind is QuestionKind.SCALE and 0 <= b.value - 1 < len(q.options) and q.options[b.value - 1]:
        return f"{b.value} · {q.options[b.value - 1]}"
    return str(b.value)


def question_card(q: QuestionSummary, lang: str) -> None:
    """One question: its number and text, how many answered, its table or its texts."""
    with ui.card().classes("w-full gap-1").mark(f"summary-{q.id}"):
        if q.section:
            ui.label(q.section).classes("text-caption text-grey-8")
        ui.label(f"{q.number}. {q.text}").classes("text-subtitle2 sammen-wrap")
        if q.hidden:
            ui.label(t("survey.results.question_hidden", lang, min=MIN_GROUP)).classes("text-grey-8")
            return
        if q.kind is QuestionKind.TEXT:
            if not q.texts:
                ui.label(t("survey.results.no_texts", lang)).classes("text-grey-7")
            for text in q.texts:
                ui.label(text).classes("q-pl-md text-body2 border-l-4 border-grey-4 whitespace-pre-wrap")
            return
        facts = [tn("survey.results.answered", q.answered or 0, lang)]
        if q.average is not None:
            facts.append(t("survey.results.average", lang, value=decimal(q.average, lang)))
        ui.label(" · ".join(facts)).classes("text-body2").mark(f"summary-facts-{q.id}")
        if q.kind is QuestionKind.CHOICES:
            ui.label(t("survey.results.many_note", lang)).classes("text-caption text-grey-8")
        rows = [{"id": b.value, "answer": bucket_label(q, b, lang), "count": b.count,
                 "share": percent(b.share, lang)} for b in q.buckets]
        ui.table(columns=[
            {"name": "answer", "label": t("survey.results.col.answer", lang), "field": "answer", "align": "left"},
            {"name": "count", "label": t("survey.results.col.count", lang), "field": "count"},
            {"name": "share", "label": t("survey.results.col.share", lang), "field": "share"},
        ], rows=rows, row_key="id").props("flat dense wrap-cells").classes("w-full").mark(f"summary-table-{q.id}")


def question_results(summaries: tuple[QuestionSummary, ...], lang: str) -> None:
    """The per-question section of the results page."""
    with ui.column().classes("w-full gap-2").mark("per-question"):
        ui.label(t("survey.results.per_question", lang)).classes("text-subtitle1 text-weight-medium")
        for q in summaries:
            question_card(q, lang)



