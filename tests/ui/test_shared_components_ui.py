"""The shared accessible parts: icon buttons carry a name, filter chips say whether they are pressed, dialogs a name."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from ui.components import icon_button, named_dialog, page_heading, section_heading, toggle_chip


async def test_a_filter_chip_is_a_button_that_says_whether_it_is_pressed(user: User) -> None:
    seen: list[bool] = []

    @ui.page("/test-toggle-chip")
    def chips() -> None:
        toggle_chip("Oscar", True, lambda e: seen.append(e.value), icon="child_care").mark("chip")

    await user.open("/test-toggle-chip")
    chip = next(iter(user.find(marker="chip").elements))
    assert chip.props["role"] == "button"
    assert chip.props["aria-pressed"] == "true"
    assert isinstance(chip, ui.chip)
    chip.set_selected(False)  # what the browser's click on a selectable chip sends
    assert seen == [False]
    assert chip.props["aria-pressed"] == "false"
    chip.set_selected(True)
    assert seen == [False, True]
    assert chip.props["aria-pressed"] == "true"


async def test_an_icon_button_is_named_and_a_dialog_and_headings_carry_their_text(user: User) -> None:
    clicked: list[str] = []

    @ui.page("/test-icon-button")
    def parts() -> None:
        page_heading("Beskeder").mark("h1")
        section_heading("Mapper").mark("h2")
        icon_button("edit", "Omdøb mappen", lambda: clicked.append("edit")).mark("edit")
        named_dialog("Flyt tråden").mark("dialog")

    await user.open("/test-icon-button")
    button = next(iter(user.find(marker="edit").elements))
    assert button.props["aria-label"] == "Omdøb mappen"
    user.find(marker="edit").click()
    assert clicked == ["edit"]
    await user.should_see("Omdøb mappen")  # the tooltip says it to a mouse user too
    assert next(iter(user.find(marker="dialog").elements)).props["aria-label"] == "Flyt tråden"
    assert next(iter(user.find(marker="h1").elements)).tag == "h1"
    assert next(iter(user.find(marker="h2").elements)).tag == "h2"
    await user.should_see("Beskeder")
