"""The board's undo bar: says what happened out loud, offers Fortryd for ten seconds, and waits while it has focus."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import Client, ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.presence import service
from domain.presence.model import UNDO_SECONDS, Action, Tile
from ui.components import refuse
from ui.i18n import t

# Move focus to a tile only when it would otherwise be lost (on <body>, or in the bar that is going away).
FOCUS_TILE = ("(() => {{ const a = document.activeElement;"
              " if (!a || a === document.body || a.closest('.undo-bar'))"
              " document.querySelector('[data-child=\"{child}\"]')?.focus(); }})()")


def focus_tile(client: Client, child_id: int) -> None:
    """Give focus back to a child's tile when nothing sensible has it."""
    # The client's, not the context's: the element that was clicked may just have been deleted.
    client.run_javascript(FOCUS_TILE.format(child=int(child_id)))


def announcement(action: Action, tile: Tile) -> str:
    """'Tjekket ind: Oscar. Fortryd?' and how to reach the button by keyboard."""
    what = t(f"board.undo.did.{action.value}", location=tile.location)
    return f"{t('board.undo.announce', what=what, name=tile.first_name)} {t('board.undo.hint')}"


def undone_text(action: Action | None, tile: Tile) -> str:
    """'Fortrudt: tjek ind af Oscar': what was undone, and for whom."""
    key = f"board.undone.{action.value}" if action else ""
    what = t(key, name=tile.first_name) if key else ""
    return t("board.undo.done", what=what if what and what != key else tile.first_name)


class UndoBar:
    """One offer to undo a change; the window starts again when focus leaves the bar (WCAG 2.2.1)."""

    def __init__(self, actor: Actor, done: service.Done, take: Callable[[Tile], None], host: ui.element,
                 say: Callable[[str], object], icon: str, text: str, action: Action | None = None) -> None:
        self.actor, self.done, self.take, self.host, self.say = actor, done, take, host, say
        self.action = action
        self.finished = False  # undone or refused: the bar is gone and its late focus events and timers do nothing
        self.held = False  # focus is in the bar now
        self.was_held = False  # the user kept the offer open, so the domain allows the longer window
        self.generation = 0
        host.clear()
        with host, ui.card().classes("undo-bar fixed-bottom q-ma-md q-pa-sm bg-grey-9 text-white z-top").style(
                "max-width: 32rem; margin-left: auto; margin-right: auto").mark("undo-bar") as self.bar:
            with ui.row().classes("items-center no-wrap w-full gap-2"):
                ui.icon(icon).props('aria-hidden="true"')
                ui.label(text).classes("col")
                ui.button(t("board.undo.button"), on_click=self.undo).props("flat no-caps color=amber").mark("undo")
        self.bar.on("focusin", self.hold)
        self.bar.on("focusout", self.release)
        self.bar.on("keydown.escape", self.dismiss)
        self.restart()

    def restart(self) -> None:
        """A fresh ten seconds; an older timer finds its generation outdated and does nothing."""
        self.generation += 1
        generation = self.generation
        with self.host:
            ui.timer(UNDO_SECONDS, lambda: self.expire(generation), once=True)

    def expire(self, generation: int) -> None:
        """Time is up, unless the user is in the bar or came back to it since."""
        if generation == self.generation and not self.held and not self.finished:
            self.bar.set_visibility(False)

    def hold(self) -> None:
        """Focus entered the bar: no time limit while it stays."""
        self.held = self.was_held = True

    def release(self) -> None:
        """Focus left the bar: ten seconds more."""
        self.held = False
        if self.bar.visible and not self.finished:
            self.restart()

    def dismiss(self) -> None:
        """Escape: close the bar and go back to the child's tile."""
        self.held = False
        self.bar.set_visibility(False)
        focus_tile(self.host.client, self.done.tile.child_id)

    async def undo(self) -> None:
        """Revert the change, tell it, and put focus back on the tile."""
        if self.finished:  # a second click on the way out
            return
        self.finished = True
        self.generation += 1
        child_id = self.done.tile.child_id
        self.host.clear()
        with self.host:  # the button that was clicked is gone; speak from the host that stays
            try:
                tile = await service.do_undo(self.actor, self.done.change_id, now=utcnow(), held=self.was_held)
            except DomainError as error:
                refuse(error)
                focus_tile(self.host.client, child_id)
                return
            self.take(tile)
            self.say("")  # the offer is gone; the notification (role=alert) tells that it was undone
            ui.notify(undone_text(self.action, tile), type="info")
            focus_tile(self.host.client, child_id)
