"""A chart's figures become table rows: one per category, one column per series, gaps shown as a dash."""

from __future__ import annotations

from ui.accessibility.charts import cell, series_rows


def test_a_category_chart_becomes_one_row_per_category_and_one_column_per_series() -> None:
    options = {"xAxis": {"type": "category", "data": ["Uge 48", "Uge 49"]}, "yAxis": {"type": "value"},
               "series": [{"name": "Dagtilbud", "data": [3, 4]}, {"name": "Skole", "data": [None, 2.5]}]}
    names, rows = series_rows(options, "da")
    assert names == ["Dagtilbud", "Skole"]
    assert rows == [["Uge 48", "3", "—"], ["Uge 49", "4", "2,5"]]


def test_a_horizontal_chart_takes_its_categories_from_the_y_axis() -> None:
    options = {"xAxis": {"type": "value"}, "yAxis": {"type": "category", "data": ["Solsikken"]},
               "series": [{"name": "Læst", "data": [{"value": 12}]}, {"name": "Ikke læst", "data": []}]}
    assert series_rows(options, "en") == (["Læst", "Ikke læst"], [["Solsikken", "12", "—"]])


def test_an_english_decimal_keeps_its_point() -> None:
    assert cell(3.8, "en") == "3.8"
    assert cell(3.8, "da") == "3,8"
