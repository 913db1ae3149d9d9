"""The timeline tab through the UI: a new plan, a new phase with its own name, a refused period, removal with undo."""

from __future__ import annotations

from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from domain.dates import show_day
from persistence.rollout import Milestone, Programme, Span
from tests.conftest import TODAY
from tests.ui.conftest import login


def fill_date(user: User, marker: str, day: object) -> None:
    """Type a day into a date field as 7.12.2026."""
    field = user.find(marker=marker).elements.pop()
    assert isinstance(field, ui.input)
    field.set_value(show_day(day) if not isinstance(day, str) else day)  # type: ignore[arg-type]


async def test_the_team_adds_a_phase_of_its_own_to_the_school_plan(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    school = await Programme.get(name="Udrulning i skolerne")
    user.find(marker=f"new-phase-{school.id}").click()
    user.find(marker="span-name").type("Pilot på Engskolen")
    fill_date(user, "span-start", TODAY + timedelta(days=5))
    fill_date(user, "span-end", TODAY + timedelta(days=25))
    user.find(marker="span-save").click()
    await user.should_see("Gemt")
    span = await Span.get(programme=school, label="Pilot på Engskolen")
    assert (span.kind, span.start, span.end) == ("phase", TODAY + timedelta(days=5), TODAY + timedelta(days=25))
    await user.should_see(marker=f"span-edit-{span.id}")


async def test_a_phase_ending_before_it_starts_or_outside_its_plan_is_refused(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    school = await Programme.get(name="Udrulning i skolerne")
    before = await Span.all().count()
    user.find(marker=f"new-track-{school.id}").click()
    user.find(marker="span-name").type("Support")
    fill_date(user, "span-start", TODAY + timedelta(days=9))
    fill_date(user, "span-end", TODAY + timedelta(days=8))
    user.find(marker="span-save").click()
    await user.should_see("før")
    fill_date(user, "span-end", school.end + timedelta(days=1))
    user.find(marker="span-save").click()
    await user.should_see("Perioden skal ligge inden for planens periode")
    assert await Span.all().count() == before


async def test_the_team_creates_a_plan_and_removes_a_phase_with_undo(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    user.find(marker="new-programme").click()
    user.find(marker="programme-name").type("Dagtilbud 2027")
    fill_date(user, "programme-start", TODAY)
    fill_date(user, "programme-end", TODAY + timedelta(days=365))
    user.find(marker="programme-save").click()
    await user.should_see("Gemt")
    created = await Programme.get(name="Dagtilbud 2027")
    assert (created.area, created.end) == ("skole", TODAY + timedelta(days=365))
    await user.should_see(marker=f"programme-{created.id}")

    school = await Programme.get(name="Udrulning i skolerne")
    phase = await Span.get(programme=school, key="udrulning")
    held = set(await Milestone.filter(phase_id=phase.id).values_list("id", flat=True))
    user.find(marker=f"span-remove-{phase.id}").click()
    await user.should_see(marker="span-remove-confirm")
    user.find(marker="span-remove-confirm").click()
    await user.should_see(marker="plan-undo")
    assert not await Span.filter(id=phase.id).exists()
    user.find(marker="plan-undo").click()
    await user.should_not_see(marker="plan-undo")
    back = await Span.get(programme=school, key="udrulning")
    assert set(await Milestone.filter(phase_id=back.id).values_list("id", flat=True)) == held
