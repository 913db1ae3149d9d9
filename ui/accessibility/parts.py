"""Semantic parts: real headings, a data table behind every chart, and the footer link to the statement."""

from __future__ import annotations

from collections.abc import Sequence

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from ui.i18n import t

STATEMENT_PATH = "/tilgaengelighed"


def heading(text: str, level: int = 2) -> TextElement:
    """A real <h1>…<h6> (screen readers list them), styled like the page's other titles."""
    size = {1: "text-h5", 2: "text-h6", 3: "text-subtitle1"}.get(level, "text-subtitle2")
    return TextElement(tag=f"h{level}", text=text).classes(f"{size} text-weight-medium q-my-none")


def data_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> ui.element:
    """A plain <table> with a caption and column headers: what a chart shows, readable without seeing it."""
    with ui.element("table").classes("sammen-data-table w-full text-left") as table:
        TextElement(tag="caption", text=caption).classes("text-left text-caption text-grey-8")
        with ui.element("thead"), ui.element("tr"):
            for header in headers:
                TextElement(tag="th", text=header).props('scope="col"').classes("q-pa-xs")
        with ui.element("tbody"):
            for row in rows:
                with ui.element("tr"):
                    for i, cell in enumerate(row):
                        # The first column names the row (a week, a question), so it is the row's header.
                        cell_tag = "th" if i == 0 else "td"
                        element = TextElement(tag=cell_tag, text=str(cell)).classes("q-pa-xs")
                        if i == 0:
                            element.props('scope="row"')
    return table


def table_expansion(headers: Sequence[str], rows: Sequence[Sequence[object]], lang: str | None = None
                    ) -> ui.expansion:
    """The figures behind a chart, in a table that opens under it (1.1.1: a text alternative for every chart)."""
    with ui.expansion(t("a11y.chart.table", lang), icon="table_chart").props("dense").classes(
            "w-full").mark("chart-table") as expansion:
        with ui.element("div").classes("w-full overflow-auto"):
            data_table(t("a11y.chart.table", lang), headers, rows)
    return expansion


def statement_link(dark: bool = False) -> ui.link:
    """The link to the accessibility statement, as every page's footer and the login page carry it."""
    colour = "text-white" if dark else "text-primary"
    return ui.link(t("a11y.link"), STATEMENT_PATH).classes(f"{colour} text-caption").mark("a11y-link")


def footer() -> None:
    """A small footer (a contentinfo landmark) with the link to the accessibility statement."""
    with ui.element("footer").classes("w-full row justify-center q-pa-md"):
        statement_link()
