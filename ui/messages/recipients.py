"""The recipient field: search as you type, chosen recipients as chips, and the exact count before sending."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from domain.errors import DomainError
from domain.identity.model import Actor
from domain.messages import recipients
from domain.messages.model import RecipientChoice, RecipientKind
from ui.components import refuse
from ui.i18n import t, tn

KIND_ICONS = {
    RecipientKind.PERSON: "person",
    RecipientKind.SHARED_INBOX: "inbox",
    RecipientKind.INSTITUTION_STAFF: "badge",
}


class RecipientPicker:
    """One client's chosen recipients; calls back when the choice changes."""

    def __init__(self, actor: Actor, chosen: list[RecipientChoice], on_change: Callable[[], None]) -> None:
        self.actor = actor
        self.chosen: dict[str, RecipientChoice] = {c.key: c for c in chosen}
        self.found: list[RecipientChoice] = []
        self.count = 0
        self.text = ""
        self.on_change = on_change

    @property
    def keys(self) -> list[str]:
        """The chosen recipients' keys, in the order chosen."""
        return list(self.chosen)

    async def search(self, text: str) -> None:
        """Show the recipients matching what is typed (nothing for less than two letters)."""
        self.text = text.strip()
        try:
            self.found = await recipients.search_recipients(self.actor, self.text) \
                if len(self.text) >= 2 else []
        except DomainError as error:
            refuse(error)
            self.found = []
        self.results.refresh()

    async def recount(self) -> None:
        """Ask the domain for the exact number of people the choice reaches."""
        try:
            self.count = await recipients.count_recipients(self.actor, self.keys) \
                if self.chosen else 0
        except DomainError as error:
            refuse(error)
        self.summary.refresh()

    async def add(self, choice: RecipientChoice) -> None:
        """Choose a recipient and clear the search."""
        self.chosen[choice.key] = choice
        self.field.set_value("")
        self.found = []
        self.results.refresh()
        self.chips.refresh()
        await self.recount()
        self.on_change()

    async def remove(self, key: str) -> None:
        """Drop a chosen recipient."""
        self.chosen.pop(key, None)
        self.chips.refresh()
        await self.recount()
        self.on_change()

    @ui.refreshable_method
    def chips(self) -> None:
        """The chosen recipients."""
        with ui.row().classes("w-full gap-1").mark("chosen"):
            for key, choice in self.chosen.items():
                ui.chip(choice.label, icon=KIND_ICONS.get(choice.kind, "groups"), removable=True,
                        on_value_change=lambda _, k=key: self.remove(k)).props(
                    f"dense data-key={key}").classes("max-w-full ellipsis").mark(f"chip-{key}")

    @ui.refreshable_method
    def results(self) -> None:
        """What the search found, each with its detail line."""
        if not self.found:
            if len(self.text) >= 2:
                ui.label(t("msg.compose.no_match")).classes("text-caption text-grey-8")
            return
        with ui.list().props("bordered separator dense").classes("w-full rounded-borders").mark("found"):
            for choice in self.found:
                with ui.item(on_click=lambda c=choice: self.add(c)).mark(f"choice-{choice.key}"):
                    with ui.item_section().props("avatar"):
                        ui.icon(KIND_ICONS.get(choice.kind, "groups"), color="primary")
                    with ui.item_section():
                        ui.item_label(choice.label)
                        if choice.detail:
                            ui.item_label(choice.detail).props("caption")

    @ui.refreshable_method
    def summary(self) -> None:
        """The exact count, before sending."""
        text = tn("msg.compose.count", self.count) if self.chosen else t("msg.compose.count_none")
        ui.label(text).classes("text-body2 text-weight-medium" if self.chosen else "text-caption text-grey-8").props(
            f"data-count={self.count}").mark("recipient-count")

    async def build(self) -> None:
        """The field with its chips, results and count."""
        ui.label(t("msg.compose.to")).classes("text-caption text-grey-8")
        self.chips()
        self.field = ui.input(placeholder=t("msg.compose.search")).props(
            "outlined dense clearable debounce=250").classes("w-full").mark("recipient-search")
        self.field.on_value_change(lambda e: self.search(str(e.value or "")))
        self.results()
        self.summary()
        await self.recount()
