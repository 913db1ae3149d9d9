"""The report's added sections: the Gantt chart, the next four weeks' milestones, lagging institutions, the trend."""

from __future__ import annotations

from datetime import date, timedelta

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from domain.rollout.adoption import TrendPoint
from domain.rollout.lagging import Lagging
from domain.rollout.model import Area
from domain.rollout.plan import ProgrammeView
from ui.accessibility.parts import table_expansion
from ui.components import section_heading
from ui.i18n import fmt_short_date, t
from ui.rollout.adoption_section import pct
from ui.rollout.report_charts import gantt_svg, trend_svg

UPCOMING = timedelta(days=28)


def shown_programmes(programmes: list[ProgrammeView], today: date) -> list[ProgrammeView]:
    """The programmes running today; when none runs, the latest one."""
    running = [p for p in programmes if p.start <= today <= p.end]
    return running or sorted(programmes, key=lambda p: p.start)[-1:]


def gantt_section(programmes: list[ProgrammeView], today: date) -> None:
    """Each running programme's Gantt chart, with its periods as a table for screen readers."""
    section_heading(t("rollout.report.gantt"))
    for p in shown_programmes(programmes, today):
        TextElement(tag="h3", text=p.name).classes("text-subtitle1 text-weight-medium q-my-none")
        ui.html(gantt_svg(p, today)).classes("w-full").mark("report-gantt")
        table_expansion([t("a11y.chart.span"), t("a11y.chart.start"), t("a11y.chart.end")],
                        [[f"{t('rollout.kind.' + s.kind.value)}: {s.label}", fmt_short_date(s.start),
                          fmt_short_date(s.end)] for s in p.spans]
                        + [[f"{t('rollout.report.milestone')}: {m.title}", fmt_short_date(m.due), ""]
                           for m in p.milestones]).classes("no-print")


def upcoming_section(programmes: list[ProgrammeView], today: date) -> None:
    """Milestones due from today through the next four weeks, by date."""
    section_heading(t("rollout.report.upcoming"))
    due = sorted(((p, m) for p in programmes for m in p.milestones if today <= m.due < today + UPCOMING),
                 key=lambda pm: (pm[1].due, pm[1].title))
    if not due:
        ui.label(t("rollout.report.none_upcoming"))
        return
    ui.table(columns=[
        {"name": "due", "label": t("rollout.field.due"), "field": "due", "align": "left"},
        {"name": "title", "label": t("rollout.field.title"), "field": "title", "align": "left"},
        {"name": "owner", "label": t("rollout.field.owner"), "field": "owner", "align": "left"},
        {"name": "status", "label": t("rollout.field.status"), "field": "status", "align": "left"},
        {"name": "plan", "label": t("rollout.field.programme"), "field": "plan", "align": "left"},
    ], rows=[{"id": m.id, "due": fmt_short_date(m.due), "title": m.title, "owner": m.owner,
              "status": t(f"rollout.status.{m.status.value}"), "plan": p.name} for p, m in due],
        row_key="id").props("flat dense wrap-cells").classes("w-full").mark("report-upcoming")


def lagging_section(rows: list[Lagging], today: date) -> None:
    """Institutions behind their wave: done, needed by now, and days to or since go-live."""
    section_heading(t("rollout.report.lagging"))
    ui.label(t("rollout.report.lagging_rule")).classes("text-grey-8")
    if not rows:
        ui.label(t("rollout.report.none_lagging"))
        return

    def when(r: Lagging) -> str:
        days = r.days_left(today)
        return t("rollout.report.live_since", n=-days) if days < 0 else (
            t("rollout.report.live_today") if days == 0 else t("rollout.report.live_in", n=days))

    ui.table(columns=[
        {"name": "name", "label": t("rollout.institution"), "field": "name", "align": "left"},
        {"name": "wave", "label": t("rollout.report.wave"), "field": "wave", "align": "left"},
        {"name": "go_live", "label": t("rollout.wave.go_live_field"), "field": "go_live", "align": "left"},
        {"name": "done", "label": t("rollout.report.done_share"), "field": "done"},
        {"name": "needed", "label": t("rollout.report.needed"), "field": "needed"},
    ], rows=[{"id": r.institution_id, "name": r.name, "wave": r.wave,
              "go_live": f"{fmt_short_date(r.go_live)} ({when(r)})",
              "done": f"{r.done}/{r.total} ({pct(r.share)})", "needed": pct(r.required)} for r in rows],
        row_key="id").props("flat dense wrap-cells").classes("w-full").mark("report-lagging")


def trend_section(points: list[TrendPoint]) -> None:
    """The adoption trend as a chart that prints, with its figures week by week as a table."""
    section_heading(t("rollout.report.trend"))
    if not points:
        ui.label(t("rollout.adoption.no_trend"))
        return
    ui.html(trend_svg(points)).classes("w-full").mark("report-trend")
    days = sorted({p.day for p in points})
    weekly = days[::-7][::-1]  # every seventh day back from the latest, oldest first
    share = {(p.day, p.area): p.share_30d for p in points}
    table_expansion([t("a11y.chart.day")] + [t(f"rollout.area.{a.value}") for a in Area],
                    [[fmt_short_date(d)] + [pct(share[(d, a)]) if (d, a) in share else "—" for a in Area]
                     for d in weekly]).classes("no-print")
