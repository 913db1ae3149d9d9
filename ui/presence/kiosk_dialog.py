"""The wall screen's big dialog for one child: the PIN keypad if asked for, the allowed taps, the greeting."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from domain.errors import DomainError
from domain.organisation.model import InstitutionKind
from domain.presence.kiosk import ScreenPickup
from domain.presence.model import KIOSK_ACTIONS, Action, Tile, allowed_actions
from ui.i18n import error_text, t

CONFIRM_SECONDS = 3.0
REFUSAL_SECONDS = 10.0  # long enough to read "Farmor henter dig i dag. Spørg en voksen." aloud, then the tiles again
PIN_LENGTH = 4
BIG = "unelevated no-caps size=xl"
Perform = Callable[[int, Action, str, str], Awaitable[DomainError | None]]
FindPickup = Callable[[int], Awaitable[ScreenPickup | None]]
ORDER = (Action.CHECK_IN, Action.CHECK_OUT, Action.GO_TO_LOCATION, Action.RETURN)


def kiosk_choices(tile: Tile, kind: str, locations: tuple[str, ...]) -> list[tuple[Action, str]]:
    """The taps a child gets in its state: check in/out, each other place, back (no staff-only actions)."""
    allowed = set(allowed_actions(tile.state, InstitutionKind(kind))) & KIOSK_ACTIONS
    choices: list[tuple[Action, str]] = []
    for action in ORDER:
        if action not in allowed:
            continue
        if action is Action.GO_TO_LOCATION:
            choices += [(action, place) for place in locations if place != tile.location]
        else:
            choices.append((action, ""))
    return choices


class ChildDialog:
    """One dialog per wall screen page, filled anew for each child who taps."""

    def __init__(self, perform: Perform, touch: Callable[[], None], find_pickup: FindPickup) -> None:
        self.perform, self.touch, self.find_pickup = perform, touch, find_pickup
        self.pin = ""
        self.tile: Tile | None = None
        self.pickup: ScreenPickup | None = None
        self.kind, self.needs_pin = "", False
        self.locations: tuple[str, ...] = ()
        # A tap beside the dialog does not close it (small hands), Escape does (keyboards).
        with ui.dialog().props("no-backdrop-dismiss") as self.dialog, \
                ui.card().classes("w-full max-w-3xl items-center q-pa-xl gap-6").mark("kiosk-dialog"):
            self.body = ui.column().classes("w-full items-center gap-6")
            # Present while the dialog is open, so "Du er tjekket ind" put in it later is read out.
            self.announcer = ui.label("").classes("sr-only").props("role=status aria-live=polite").mark(
                "kiosk-status")
        self.dialog.on_value_change(lambda e: None if e.value else self._forget())

    @property
    def is_open(self) -> bool:
        """Whether a child is using the dialog."""
        return bool(self.dialog.value)

    def open(self, tile: Tile, kind: str, locations: tuple[str, ...], needs_pin: bool) -> None:
        """Start over for a child: the keypad first when the institution wants a PIN."""
        self.tile, self.kind, self.locations, self.needs_pin, self.pin = tile, kind, locations, needs_pin, ""
        self.pickup = None
        self.announcer.set_text("")
        self.dialog.props(f'aria-label="{tile.first_name}"')
        self._keypad() if needs_pin else self._choices()
        self.dialog.open()

    def close(self) -> None:
        """Back to the tiles."""
        self._forget()
        self.dialog.close()

    def _forget(self) -> None:
        """Closed (by the page, the timer or Escape): nothing of the child stays."""
        self.pin = ""
        self.tile = None
        self.pickup = None

    def _heading(self) -> None:
        assert self.tile is not None
        ui.label(self.tile.first_name).classes("text-h3 text-weight-bold text-center").mark("kiosk-child-name")

    def _close_button(self) -> None:
        ui.button(t("kiosk.close"), icon="close", on_click=self.close).props("flat no-caps size=lg").mark(
            "kiosk-close")

    def _keypad(self, problem: str = "") -> None:
        self.body.clear()
        with self.body:
            self._heading()
            ui.label(t("kiosk.pin.prompt")).classes("text-h5")
            ui.label("● " * len(self.pin) + "○ " * (PIN_LENGTH - len(self.pin))).classes("text-h3").props(
                'aria-hidden="true"').mark("pin-dots")
            ui.label(t("kiosk.pin.typed", n=len(self.pin), of=PIN_LENGTH)).classes("sr-only")
            if problem:
                ui.label(problem).classes("text-h6 text-negative text-center").mark("kiosk-problem")
                self.announcer.set_text(problem)
            with ui.element("div").classes("grid grid-cols-3 gap-3"):
                for key in "123456789":
                    ui.button(key, on_click=lambda _, k=key: self._digit(k)).props(BIG).classes(
                        "text-h4 w-24 h-24").mark(f"pin-{key}")
                ui.button(icon="backspace", on_click=self._backspace).props(
                    f'flat size=xl aria-label="{t("kiosk.pin.delete")}"').classes(
                    "w-24 h-24").mark("pin-delete")
                ui.button("0", on_click=lambda: self._digit("0")).props(BIG).classes("text-h4 w-24 h-24").mark(
                    "pin-0")
            self._close_button()

    def _digit(self, key: str) -> None:
        self.touch()
        self.pin = (self.pin + key)[:PIN_LENGTH]
        self._choices() if len(self.pin) == PIN_LENGTH else self._keypad()

    def _backspace(self) -> None:
        self.touch()
        self.pin = self.pin[:-1]
        self._keypad()

    def _choices(self, problem: str = "", picked_up: bool = False) -> None:
        assert self.tile is not None
        self.body.clear()
        with self.body:
            self._heading()
            if picked_up:
                self._pickup_picture()
            if problem:
                ui.label(problem).classes("text-h5 text-negative text-center").props("data-kiosk-problem").mark(
                    "kiosk-problem")
                self.announcer.set_text(problem)
                # Closes by itself like the greeting; a tap in the dialog redraws it and so drops this timer.
                ui.timer(REFUSAL_SECONDS, self.close, once=True).mark("kiosk-refusal-timer")
            choices = kiosk_choices(self.tile, self.kind, self.locations)
            if not choices:
                ui.label(t("kiosk.ask_adult")).classes("text-h5 text-center")
            with ui.row().classes("w-full justify-center gap-4"):
                for action, place in choices:
                    label = t("kiosk.go_to", location=place) if place else t(f"presence.action.{action.value}")
                    colour = "positive" if action is Action.CHECK_IN else "primary"
                    ui.button(label, on_click=lambda _, a=action, p=place: self._act(a, p)).props(
                        f"{BIG} color={colour}").classes("text-h5 q-px-xl q-py-lg").mark(
                        f"kiosk-{action.value}" + (f"-{place}" if place else ""))
            self._close_button()

    async def _act(self, action: Action, place: str) -> None:
        self.touch()
        tile = self.tile
        if tile is None:
            return
        error = await self.perform(tile.child_id, action, place, self.pin)
        if self.tile is not tile:  # closed (idle or revoked) while the tap was on its way
            return
        if error is None:
            self._greet(tile.first_name, action, place)
        elif error.key in ("kiosk.error.wrong_pin", "kiosk.error.pin_locked", "kiosk.error.no_pin"):
            self.pin = ""
            self._keypad(error_text(error)) if error.key != "kiosk.error.no_pin" else self._choices(error_text(error))
        elif error.key == "presence.error.kiosk_pickup_by":  # "Mette henter dig i dag. Spørg en voksen." shows Mette
            pickup = await self.find_pickup(tile.child_id)  # read for this child only, as it is needed
            if self.tile is not tile:
                return
            self.pickup = pickup
            self._choices(error_text(error), picked_up=True)
        else:
            self._choices(error_text(error))

    def _greet(self, name: str, action: Action, place: str) -> None:
        self.body.clear()
        with self.body:
            ui.icon("celebration" if action is Action.CHECK_IN else "thumb_up", size="96px", color="positive").props(
                'aria-hidden="true"')
            words = t(f"kiosk.done.{action.value}", name=name, location=place)
            ui.label(words).classes("text-h3 text-weight-bold text-center").mark("kiosk-greeting")
            ui.timer(CONFIRM_SECONDS, self.close, once=True)
        self.announcer.set_text(words)

    def _pickup_picture(self) -> None:
        """Beside "Mette henter dig i dag. Spørg en voksen.": Mette's own picture when she shares it, so the child
        knows whom to wait for (the hall sees it too: a first name and a face, never a phone number or an e-mail)."""
        if self.pickup is None or not self.pickup.picture_url:
            return
        with ui.avatar(size="160px").mark("kiosk-pickup"):
            ui.image(self.pickup.picture_url).props(
                f'alt="{t("a11y.photo_of", name=self.pickup.name)}"').mark("kiosk-pickup-picture")
