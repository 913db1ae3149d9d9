"""The results of one survey: response rates, averages per question and institution, answers per week, free texts.

What an anonymous survey may not show never reaches this page: the service hands over None or leaves it out.
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from domain.identity.model import Actor
from domain.rollout.model import MIN_GROUP, ROLLOUT_TOPIC, SCALE_MAX, QuestionKind, SurveyAnswered
from domain.rollout.surveys import SurveyResults, results
from ui.accessibility.charts import chart_table
from ui.i18n import fmt_date, t
from ui.live import follow
from ui.rollout.question_results import question_results

SHORT_QUESTION = 40


def _short(text: str) -> str:
    return text if len(text) <= SHORT_QUESTION else text[:SHORT_QUESTION - 1] + "…"


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def averages_options(r: SurveyResults, lang: str) -> dict[str, Any]:
    """A bar for all institutions and one per institution shown, for each scale question; no average is a gap."""
    scale = [q for q in r.questions if q.kind is QuestionKind.SCALE]
    series = [{"name": t("survey.results.all", lang), "type": "bar", "data": [_rounded(q.average) for q in scale]}]
    for inst in r.institutions:
        data = []
        for q in scale:
            figure = next((f for f in q.by_institution if f.institution_id == inst.institution_id), None)
            data.append(_rounded(figure.average) if figure else None)
        if any(v is not None for v in data):
            series.append({"name": inst.name, "type": "bar", "data": data})
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"type": "scroll", "bottom": 0},
        "grid": {"left": 30, "right": 10, "top": 20, "bottom": 60, "containLabel": True},
        "xAxis": {"type": "category", "data": [f"{q.position}. {_short(q.text)}" for q in scale],
                  "axisLabel": {"interval": 0, "width": 110, "overflow": "truncate"}},
        "yAxis": {"type": "value", "min": 0, "max": SCALE_MAX},
        "series": series,
    }


def hidden_names(r: SurveyResults) -> list[str]:
    """Institutions with answers whose averages are not shown on their own."""
    hidden = {i for q in r.questions for i in q.hidden_institutions}
    return [inst.name for inst in r.institutions if inst.institution_id in hidden]


def weeks_options(r: SurveyResults, lang: str) -> dict[str, Any]:
    """Answers per ISO week as a line; a hidden week is a gap."""
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 30, "right": 10, "top": 20, "bottom": 30, "containLabel": True},
        "xAxis": {"type": "category", "data": [t("survey.results.week", lang, week=w.week) for w in r.weeks]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "line", "data": [w.responses for w in r.weeks], "name": t("table.responses", lang)}],
    }


class ResultsView:
    """Draws a survey's results and redraws them when someone answers that survey."""

    def __init__(self, actor: Actor, first: SurveyResults, lang: str) -> None:
        # The language is fixed when the page opens: a redraw runs in the task of whoever answered.
        self.actor, self.results, self.lang = actor, first, lang
        self.body = ui.column().classes("w-full gap-4")

    def t(self, key: str, **params: object) -> str:
        """A text in this page's language."""
        return t(key, self.lang, **params)

    def start(self) -> None:
        """Draw now and follow the answers."""
        self.draw()
        follow(ROLLOUT_TOPIC, self.on_event)

    async def on_event(self, event: object) -> None:
        """Reload only for answers to the survey on screen."""
        if isinstance(event, SurveyAnswered) and event.survey_id == self.results.id:
            self.results = await results(self.actor, self.results.id)
            self.draw()

    def draw(self) -> None:
        """Replace the content with the current figures."""
        r = self.results
        self.body.clear()
        with self.body:
            audience, day = self.t(f"survey.audience.{r.audience.value}"), fmt_date(r.closes_on, self.lang)
            summary = (self.t("survey.results.summary_hidden", min=MIN_GROUP, audience=audience, date=day)
                       if r.responses is None else self.t("survey.results.summary", n=r.responses,
                                                          audience=audience, date=day))
            ui.label(summary).classes("text-grey-8").mark("response-total")
            rule = "survey.results.rule.anonymous" if r.anonymous else "survey.results.rule.named"
            ui.label(self.t(rule, min=MIN_GROUP)).classes("text-body2").mark("privacy-rule")
            self._rates()
            if r.responses is None:
                ui.label(self.t("survey.results.too_few", min=MIN_GROUP)).classes("text-grey-8").mark("too-few")
                return
            if not r.responses:
                ui.label(self.t("survey.results.no_answers")).classes("text-grey-7")
                return
            # A survey without 1-5 questions has no averages to chart; its questions are summed up below.
            if any(q.kind is QuestionKind.SCALE for q in r.questions):
                self._averages()
            with ui.card().classes("w-full"):
                ui.label(self.t("survey.results.weeks")).classes("text-subtitle1 text-weight-medium")
                weeks = weeks_options(r, self.lang)
                ui.echart(weeks).classes("w-full h-64").mark("weeks-chart")
                chart_table(self.t("a11y.chart.week"), weeks, self.lang)
                if any(w.responses is None for w in r.weeks):
                    ui.label(self.t("survey.results.weeks_hidden", min=MIN_GROUP)).classes("text-grey-8 text-body2")
            question_results(r.summaries, self.lang)

    def _averages(self) -> None:
        r = self.results
        with ui.card().classes("w-full"):
            ui.label(self.t("survey.results.averages")).classes("text-subtitle1 text-weight-medium")
            averages = averages_options(r, self.lang)
            ui.echart(averages).classes("w-full h-80").mark("averages-chart")
            chart_table(self.t("a11y.chart.question"), averages, self.lang)
            if names := hidden_names(r):
                ui.label(self.t("survey.results.hidden", names=", ".join(names))).classes(
                    "text-grey-8 text-body2").mark("hidden-institutions")

    def _rates(self) -> None:
        too_few = self.t("survey.results.too_few", min=MIN_GROUP)
        rows = [{"id": i.institution_id, "name": i.name, "invited": i.invited,
                 "responses": too_few if i.responses is None else i.responses,
                 "rate": "–" if i.rate is None else f"{round(i.rate * 100)} %"} for i in self.results.institutions]
        with ui.card().classes("w-full"):
            ui.label(self.t("survey.results.rates")).classes("text-subtitle1 text-weight-medium")
            ui.table(columns=[
                {"name": "name", "label": self.t("table.institution"), "field": "name", "align": "left"},
                {"name": "responses", "label": self.t("table.responses"), "field": "responses"},
                {"name": "invited", "label": self.t("table.invited"), "field": "invited"},
                {"name": "rate", "label": self.t("table.rate"), "field": "rate"},
            ], rows=rows, row_key="id").props("flat dense").classes("w-full").mark("rates")
