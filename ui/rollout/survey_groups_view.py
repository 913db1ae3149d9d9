"""Results per institution, area or wave with filters, a free-text search and the CSV download, under a survey's
results. What an anonymous survey may not show never reaches this view: the service leaves it out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nicegui import ui

from domain.clock import today_local
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.rollout.model import MIN_GROUP, ROLLOUT_TOPIC, Area, SurveyAnswered
from domain.rollout.survey_cells import OTHER
from domain.rollout.survey_csv import results_csv
from domain.rollout.survey_groups import GroupBy, GroupedResults, QuestionGroups, ResultFilter, grouped_results
from domain.rollout.survey_summary import QuestionSummary
from ui.components import refuse
from ui.i18n import t
from ui.live import follow

AVERAGED = frozenset({"scale", "zero_ten"})
CHOICE_KINDS = frozenset({"choice", "choices"})


def number(value: float | None, lang: str) -> str:
    """Two decimals, with a comma in Danish; a dash for none."""
    if value is None:
        return "–"
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "da" else text


def value_name(q: QuestionGroups, value: int, lang: str) -> str:
    """A stored value as the question names it: an option, yes/no, or the number."""
    if q.kind.value == "yes_no":
        return t("survey.groups.yes" if value == 1 else "survey.groups.no", lang)
    if q.kind.value in CHOICE_KINDS and 0 <= value < len(q.options):
        return q.options[value]
    return str(value)


def spread(q: QuestionGroups, s: QuestionSummary, lang: str) -> str:
    """'Ja: 12 (80 %) · Nej: 3 (20 %)', every possible value in order."""
    return " · ".join(f"{value_name(q, b.value, lang)}: {b.count} ({round(b.share * 100)} %)" for b in s.buckets)


def group_label(r: GroupedResults, key: str, label: str, lang: str) -> str:
    """A group's name in the reader's language."""
    if key in (OTHER, "none"):
        return t(f"survey.groups.{key}", lang)
    return t(f"rollout.area.{key}", lang) if r.filter.group_by is GroupBy.AREA else label


def table_rows(r: GroupedResults, q: QuestionGroups, lang: str) -> list[dict[str, Any]]:
    """The total and each group as rows: answers, average (numeric kinds) and spread; a hidden group says so."""
    hidden = t("survey.groups.hidden", lang, min=MIN_GROUP)
    rows = []
    named = [(TOTAL_KEY, t("survey.groups.total", lang), q.summary)]
    named += [(g.key, group_label(r, g.key, g.label, lang), g.summary) for g in q.groups]
    for key, name, s in named:
        rows.append({"key": key, "group": name, "answers": hidden if s is None else s.answered,
                     "average": "" if s is None or s.average is None else number(s.average, lang),
                     "spread": "" if s is None else spread(q, s, lang)})
    return rows


TOTAL_KEY = "total"


class GroupedView:
    """The filters and the grouped figures of one survey; redrawn on every change and on every new answer."""

    def __init__(self, actor: Actor, first: GroupedResults, lang: str) -> None:
        self.actor, self.r, self.lang = actor, first, lang
        self.filter = first.filter
        with ui.card().classes("w-full gap-2").mark("grouped-results"):
            ui.label(self.t("survey.groups.title")).classes("text-subtitle1 text-weight-medium")
            self.controls = ui.row().classes("w-full items-end gap-2").mark("group-filters")
            self.body = ui.column().classes("w-full gap-3")

    def t(self, key: str, **params: object) -> str:
        """A text in this page's language."""
        return t(key, self.lang, **params)

    def start(self) -> None:
        """Draw the filters and figures, and follow new answers."""
        self.draw_controls()
        self.draw()
        follow(ROLLOUT_TOPIC, self.on_event)

    async def on_event(self, event: object) -> None:
        """New answers to this survey: the same filter again."""
        if isinstance(event, SurveyAnswered) and event.survey_id == self.r.id:
            await self.reload(self.filter)

    async def reload(self, wanted: ResultFilter) -> None:
        """Fetch the figures for a filter; a refused filter is told and the figures stay."""
        try:
            self.r = await grouped_results(self.actor, self.r.id, wanted)
        except DomainError as error:
            refuse(error)
            return
        self.filter = wanted
        self.draw()

    def change(self, **fields: Any) -> Any:
        """A handler that reloads with one part of the filter replaced."""
        async def handler(e: Any) -> None:
            await self.reload(replace(self.filter, **{name: convert(e.value) for name, convert in fields.items()}))
        return handler

    def draw_controls(self) -> None:
        """Area, institution and wave filters, the split, the search and the download."""
        r = self.r
        with self.controls:
            areas = {a.value: self.t(f"rollout.area.{a.value}") for a in Area if any(p.area is a for p in r.places)}
            ui.select(areas, multiple=True, value=[], label=self.t("survey.groups.area"),
                      on_change=self.change(areas=lambda v: frozenset(Area(a) for a in v or []))).props(
                "dense outlined use-chips clearable").classes("min-w-[12rem]").mark("filter-area")
            ui.select({p.id: p.name for p in r.places}, multiple=True, value=[],
                      label=self.t("survey.groups.institution"),
                      on_change=self.change(institution_ids=lambda v: frozenset(int(i) for i in v or []))).props(
                "dense outlined use-chips clearable").classes("min-w-[16rem]").mark("filter-institution")
            splits = [GroupBy.INSTITUTION, GroupBy.AREA]
            if r.waves:
                ui.select(dict(r.waves), multiple=True, value=[], label=self.t("survey.groups.wave"),
                          on_change=self.change(wave_ids=lambda v: frozenset(int(i) for i in v or []))).props(
                    "dense outlined use-chips clearable").classes("min-w-[12rem]").mark("filter-wave")
                splits.append(GroupBy.WAVE)
            by = {g.value: self.t(f"survey.groups.by.{g.value}") for g in splits}
            ui.select(by, value=self.filter.group_by.value, label=self.t("survey.groups.by"),
                      on_change=self.change(group_by=lambda v: GroupBy(v))).props("dense outlined").classes(
                "min-w-[10rem]").mark("group-by")
            ui.input(self.t("survey.groups.search"), on_change=self.change(search=lambda v: str(v or ""))).props(
                "dense outlined clearable debounce=400 maxlength=100 type=search").classes(
                "min-w-[14rem]").mark("text-search")
            ui.space()
            ui.button(self.t("survey.groups.csv"), icon="download", on_click=self.download).props(
                "outline no-caps").mark("csv-download")

    def download(self) -> None:
        """The figures as shown, as CSV for Danish Excel."""
        today = today_local()
        ui.download.content(results_csv(self.r, today), f"evaluering-{self.r.id}-{today.strftime('%d-%m-%Y')}.csv",
                            "text/csv; charset=utf-8")

    def draw(self) -> None:
        """One card per question: the groups' table, and the free texts matching the search."""
        r = self.r
        self.body.clear()
        with self.body:
            if r.left_out:
                ui.label(self.t("survey.groups.left_out", names=", ".join(r.left_out))).classes(
                    "text-body2 text-grey-9").mark("left-out")
            if not r.responses:
                ui.label(self.t("survey.groups.empty")).classes("text-grey-8").mark("groups-empty")
                return
            for q in r.questions:
                self._question(q)

    def _question(self, q: QuestionGroups) -> None:
        with ui.column().classes("w-full gap-1").mark(f"group-question-{q.id}"):
            ui.label(f"{q.position}. {q.text}").classes("text-subtitle2")
            columns = [{"name": "group", "label": self.t("survey.groups.column.group"), "field": "group",
                        "align": "left"},
                       {"name": "answers", "label": self.t("survey.groups.column.answers"), "field": "answers"}]
            if q.kind.value in AVERAGED:
                columns.append({"name": "average", "label": self.t("survey.groups.column.average"),
                                "field": "average"})
            if q.kind.value != "text":
                columns.append({"name": "spread", "label": self.t("survey.groups.column.spread"), "field": "spread",
                                "align": "left"})
            ui.table(columns=columns, rows=table_rows(self.r, q, self.lang), row_key="key").props(
                "flat dense wrap-cells").classes("w-full").mark(f"group-table-{q.id}")
            if q.left_out and q.left_out != self.r.left_out:
                ui.label(self.t("survey.groups.left_out", names=", ".join(q.left_out))).classes(
                    "text-body2 text-grey-9")
            if q.kind.value == "text" and q.total is not None:
                ui.label(self.t("survey.groups.texts", n=len(q.texts))).classes("text-body2 text-weight-medium")
                with ui.column().classes("w-full gap-1").mark(f"texts-{q.id}"):
                    if not q.texts:
                        ui.label(self.t("survey.groups.texts_none")).classes("text-grey-8")
                    for text in q.texts:
                        ui.label(text).classes("q-pl-md text-body2 border-l-4 border-grey-4 whitespace-pre-wrap").mark(
                            "group-text")


async def grouped_section(actor: Actor, survey_id: int, lang: str) -> None:
    """The section under a survey's results."""
    GroupedView(actor, await grouped_results(actor, survey_id, ResultFilter()), lang).start()
