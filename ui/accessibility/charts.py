"""Text alternatives for charts: the figures of a category chart as table rows, and a name for the chart itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nicegui import ui

from ui.accessibility.parts import table_expansion
from ui.i18n import t


def cell(value: object, lang: str | None = None) -> str:
    """One figure as people read it: a gap is "—", a decimal has a comma in Danish."""
    if isinstance(value, Mapping):
        value = value.get("value")
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if (lang or "da") == "da" else text
    return str(value)


def series_rows(options: Mapping[str, Any], lang: str | None = None) -> tuple[list[str], list[list[str]]]:
    """The series names and, per category of the category axis, one row: the category, then each series' figure."""
    axes = [options.get("xAxis"), options.get("yAxis")]
    category = next((a for a in axes if isinstance(a, Mapping) and a.get("type") == "category"), None)
    categories = list(category.get("data", [])) if category else []
    series = [s for s in options.get("series", []) if isinstance(s, Mapping)]
    names = [str(s.get("name") or "") for s in series]
    rows = [[str(label), *(cell(s["data"][i] if i < len(s.get("data", [])) else None, lang) for s in series)]
            for i, label in enumerate(categories)]
    return names, rows


def chart_table(first_header: str, options: Mapping[str, Any], lang: str | None = None) -> ui.expansion:
    """Under a category chart: the same figures in a table (1.1.1)."""
    names, rows = series_rows(options, lang)
    return table_expansion([first_header, *names], rows, lang)


def name_chart(chart: ui.element, what: str, lang: str | None = None) -> ui.element:
    """Give a chart a name a screen reader says, pointing to the figures in text."""
    label = t("a11y.chart.name", lang, what=what).replace('"', "'")
    return chart.props(f'role="img" aria-label="{label}"')
