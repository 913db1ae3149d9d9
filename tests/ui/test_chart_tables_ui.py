"""Every chart has its figures in a table beside it (WCAG 1.1.1), or a name that points to the table under it."""

from __future__ import annotations

from nicegui.elements.mixins.text_element import TextElement
from nicegui.testing import User

from domain.clock import utcnow
from domain.rollout.surveys import do_answer
from persistence.organisation import Institution
from tests.ui.conftest import login
from tests.ui.test_surveys_ui import solsikken_parents, solsikken_survey


def cells(user: User) -> set[str]:
    """The text of every table header and data cell on the page."""
    return {e.text for e in user.find(kind=TextElement).elements if e.tag in ("th", "td")}


async def test_survey_averages_and_answers_per_week_are_also_in_tables(user: User) -> None:
    survey_id, (scale, _text) = await solsikken_survey()
    for parent, value in zip(await solsikken_parents(5), (5, 4, 4, 3, 3), strict=True):
        await do_answer(parent, survey_id, {scale: value}, utcnow())
    await login(user, "demo-projektgruppe")
    await user.open(f"/udrulning/evaluering/{survey_id}")
    await user.should_see(marker="averages-chart")
    assert len(user.find(marker="chart-table").elements) == 2
    shown = cells(user)
    assert {"Spørgsmål", "Alle institutioner", "1. Er Sammen let at bruge?", "3,8", "Uge"} <= shown, shown


async def test_the_rollout_timeline_lists_its_tracks_and_phases_with_dates_in_a_table(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    await user.should_see(marker="gantt")
    shown = cells(user)
    assert {"Spor eller fase", "Start", "Slut"} <= shown, shown
    assert any(c.startswith(("Spor: ", "Fase: ")) for c in shown), shown


async def test_charts_that_have_a_table_under_them_are_named_for_a_screen_reader(user: User) -> None:
    bfo = await Institution.get(name="Skovlyskolens BFO")
    await login(user, "demo-paedagog-bfo")
    await user.open(f"/kommegaa/statistik?institution={bfo.id}")
    await user.should_see(marker="stats-chart")
    chart = user.find(marker="stats-chart").elements.pop()
    assert chart.props["role"] == "img"
    assert "Tallene står i tabellen under diagrammet" in chart.props["aria-label"]
