"""/soeg: what the top bar's search found, as links under a heading per kind, with an empty state that helps."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.search.service import TEXT_MIN, Hit, Results, search
from ui.components import empty_state, section_heading
from ui.frame import frame
from ui.guard import SIGNED_IN, page
from ui.i18n import fmt_datetime, fmt_short_date, t
from ui.search_box import QUERY_MAX, SEARCH_PATH, search_form

KIND_ICONS = {"person": "person", "child": "child_care", "message": "mail", "post": "campaign", "event": "event"}


def _when(hit: Hit) -> str:
    if hit.when is None:
        return ""
    # Messages and posts by day, events with their hour, both the numeric way (7.12.2026) as the events show.
    return fmt_datetime(hit.when) if hit.kind == "event" else fmt_short_date(hit.when.date())


def _result(hit: Hit) -> None:
    with ui.element("li").classes("q-py-sm").style("border-bottom: 1px solid #e0e0e0").mark(
            f"result-{hit.kind}-{hit.ref_id}"):
        with ui.row().classes("items-start no-wrap gap-2"):
            ui.icon(KIND_ICONS[hit.kind], color="primary").props("aria-hidden=true").classes("q-mt-xs")
            with ui.column().classes("gap-0 min-w-0"):
                link = ui.link(hit.title, hit.link).classes("text-body1 text-weight-medium break-words")
                if hit.kind == "person":
                    link.props(f'aria-label="{t("search.write_to")} {hit.title}"')
                line = " · ".join(part for part in (_when(hit), hit.detail) if part)
                if line:
                    ui.label(line).classes("text-caption text-grey-8 break-words")


def _section(kind: str, hits: tuple[Hit, ...]) -> None:
    if not hits:
        return
    with ui.element("section").classes("w-full").props(f'aria-label="{t(f"search.kind.{kind}")}"').mark(
            f"results-{kind}"):
        section_heading(f'{t(f"search.kind.{kind}")} ({len(hits)})')
        with ui.element("ul").classes("w-full q-pl-none q-my-none").style("list-style: none"):
            for hit in hits:
                _result(hit)


def _results(results: Results) -> None:
    if len(results.text) < TEXT_MIN:
        empty_state("search", "search.start")
        ui.label(t("search.try")).classes("text-body2 text-grey-8").mark("search-try")
        return
    if not results.total:
        with ui.card().classes("w-full items-center q-pa-lg").mark("empty"):
            ui.icon("search_off", size="xl", color="grey-5")
            ui.label(t("search.empty", q=results.text)).classes("text-grey-8 text-center")
            ui.label(t("search.try")).classes("text-body2 text-grey-8 text-center").mark("search-try")
        return
    key = "search.one_result_for" if results.total == 1 else "search.results_for"
    ui.label(t(key, n=results.total, q=results.text)).classes("text-subtitle1").mark("search-summary")
    for kind, hits in (("person", results.people), ("child", results.children), ("message", results.messages),
                       ("post", results.posts), ("event", results.events)):
        _section(kind, hits)


@page(SEARCH_PATH, *SIGNED_IN)
async def search_route(actor: Actor, q: str = "") -> None:
    """The results of one search, each already filtered by its feature's access rules."""
    results = await search(actor, q[:QUERY_MAX], now=utcnow())
    with frame(actor, t("search.title")):
        search_form(results.text, marker="search-page")
        with ui.column().classes("w-full gap-4").mark("search-results"):
            _results(results)
