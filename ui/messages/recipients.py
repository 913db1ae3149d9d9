"""The recipient field: search as you type, chosen recipients as chips, and the exact count before sending."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from domain.errors import DomainError
from domain.identity.model import Actor
from domain.messages import recipients
from domain.messages.model import RecipientChoice, RecipientKind
from domain.search import recipients as recipient_search
from ui.announce import HIDDEN, announce
from ui.components import refuse
from ui.i18n import t, tn

# Arrow keys move between the suggestions, Escape (or up from the first) goes back to the search field; Enter is
# Quasar's own click on a focused item. Handled in the browser, so focus never waits for the server.
SUGGESTION_KEYS = """(e) => {
  const options = [...document.querySelectorAll('#c%(box)d [role=option]')];
  const at = options.indexOf(document.activeElement);
  if (at < 0) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, options.length - 1) : at - 1;
    if (next < 0) runMethod(%(field)d, 'focus', []); else options[next].focus();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    runMethod(%(field)d, 'focus', []);
  }
}"""
FIRST_SUGGESTION = """(e) => {
  if (e.key !== 'ArrowDown') return;
  const first = document.querySelector('#c%(box)d [role=option]');
  if (first) { e.preventDefault(); first.focus(); }
}"""

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
            self.found = await recipient_search.search_recipients(self.actor, self.text) \
                if len(self.text) >= 2 else []
        except DomainError as error:
            refuse(error)
            self.found = []
        self.results.refresh()
        if len(self.text) >= 2:  # heard without leaving the field: how many suggestions, and how to reach them
            announce(tn("msg.compose.found", len(self.found)) if self.found else t("msg.compose.no_match"))

    async def recount(self) -> None:
        """Ask the domain for the exact number of people the choice reaches."""
        try:
            self.count = await recipients.count_recipients(self.actor, self.keys) \
                if self.chosen else 0
        except DomainError as error:
            refuse(error)
        self.summary.refresh()

    async def add(self, choice: RecipientChoice) -> None:
        """Choose a recipient, clear the search and put focus back in it (the chosen suggestion is gone)."""
        self.chosen[choice.key] = choice
        self.field.set_value("")
        self.field.run_method("focus")
        self.found = []
        self.results.refresh()
        self.chips.refresh()
        announce(t("msg.compose.chosen", name=choice.label))
        await self.recount()
        self.on_change()

    async def remove(self, key: str) -> None:
        """Drop a chosen recipient; focus goes to the search field, as the chip it was on is gone."""
        dropped = self.chosen.pop(key, None)
        self.field.run_method("focus")
        self.chips.refresh()
        if dropped:
            announce(t("msg.compose.removed", name=dropped.label))
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
        named = f'role=listbox aria-label="{t("msg.compose.suggestions")}"'
        with ui.list().props(f"bordered separator dense {named}").classes("w-full rounded-borders").mark("found"):
            for choice in self.found:
                # Reached with the arrow keys from the search field, so Tab goes on to the subject.
                with ui.item(on_click=lambda c=choice: self.add(c)).props("role=option tabindex=-1").mark(
                        f"choice-{choice.key}"):
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
        hint = ui.label(t("msg.compose.search_hint")).style(HIDDEN)
        # A placeholder is no label: the field's name says what it is for, even once something is typed.
        self.field = ui.input(placeholder=t("msg.compose.search")).props(
            f'outlined dense clearable debounce=250 aria-label="{t("msg.compose.search_label")}" '
            f'aria-describedby=c{hint.id}').classes("w-full").mark("recipient-search")
        self.field.on_value_change(lambda e: self.search(str(e.value or "")))
        box = ui.element("div").classes("w-full")
        with box:
            self.results()
        ids = {"box": box.id, "field": self.field.id}
        self.field.on("keydown", js_handler=FIRST_SUGGESTION % ids)
        box.on("keydown", js_handler=SUGGESTION_KEYS % ids)
        with ui.element("div").props("role=status aria-live=polite aria-atomic=true"):  # the count, heard as it changes
            self.summary()
        await self.recount()
