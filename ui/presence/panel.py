"""A tile's panel: today's plan, the day so far and only the actions allowed now, each one tap; then undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.presence import daily, service
from domain.presence.history import HistoryLine
from domain.presence.model import Action, DeviceKind, Status, Tile, allowed_actions
from domain.presence.pickups import ALONE_KEY, ALONE_LABEL
from domain.presence.tiles import Settings
from domain.stamkort.model import Safety
from ui.components import avatar, refuse
from ui.i18n import t
from ui.presence.panel_extras import Watch, child_page_link, contacts, note_editor, pickup_guardian
from ui.presence.pickup_text import pickup_sentence
from ui.presence.safety import safety_block
from ui.presence.tiles import LOOK, icon_colour, status_text
from ui.presence.undo import UndoBar, announcement

ACTION_ICONS = {
    Action.CHECK_IN: "login", Action.CHECK_OUT: "logout", Action.SLEEP: "bedtime", Action.WAKE: "wb_sunny",
    Action.TRIP: "directions_walk", Action.GO_TO_LOCATION: "place", Action.RETURN: "keyboard_return",
    Action.REPORT_SICK: "sick", Action.REPORT_VACATION: "beach_access", Action.CLEAR_ABSENCE: "undo",
}
BIG = "no-caps unelevated size=lg"


def history_text(line: HistoryLine) -> str:
    """One history line in the reader's language."""
    key = "presence.history." + ("syg_her" if line.to_status is Status.SICK_HERE else line.action.value)
    if line.action is Action.CHECK_OUT:
        key += "_alone" if line.pickup_by == ALONE_LABEL else ("" if line.pickup_by else "_plain")
    text = t(key, at=line.at, by=line.by, pickup=line.pickup_by, location=line.location)
    return f"{text} {t('presence.history.kiosk')}" if line.device is DeviceKind.KIOSK else text


@dataclass
class PanelContext:
    """What a panel needs from its board: who acts, where, today, and what to do with a new tile."""

    actor: Actor
    settings: Settings
    day: date
    take: Callable[[Tile], None]
    undo_host: ui.element
    dialog_host: ui.element
    say: Callable[[str], object]  # into the board's polite live region
    watch: Watch | None = None  # the open dialog's watch for changes made on other devices
    name_of: Callable[[Tile], str] = lambda tile: tile.first_name  # "Emma K." when the board has two Emmas
    safety_of: Callable[[int], Safety | None] = lambda _child_id: None  # allergies and diet from the stamkort

    def shown(self, tile: Tile) -> Tile:
        """The tile named as the board names it, for what the dialog and the undo bar say."""
        return replace(tile, first_name=self.name_of(tile))


async def open_panel(ctx: PanelContext, tile: Tile) -> None:
    """Load the child's plan note, pickups and history, then show the panel."""
    try:
        facts = await daily.panel_facts(ctx.actor, tile.child_id, ctx.settings.institution_id, ctx.day)
    except DomainError as error:
        refuse(error)
        return
    ctx.dialog_host.clear()
    tile = ctx.shown(tile)
    name = t("board.panel.dialog", name=tile.first_name, status=status_text(tile)).replace('"', "'")
    with ctx.dialog_host, ui.dialog().props(f'aria-label="{name}"') as dialog, \
            ui.card().classes("w-full q-pa-md").style("max-width: 40rem").mark(f"panel-{tile.child_id}"):
        _heading(tile)
        safety_block(ctx.safety_of(tile.child_id))
        _plan(tile, facts)
        ui.separator()
        if ctx.watch is not None:
            ctx.watch.stop()  # an earlier dialog's watch, should it still listen
        ctx.watch = Watch(tile, dialog, ctx.undo_host)
        _actions(ctx, tile, facts, dialog)
        ui.separator()
        contacts(facts.contacts)
        child_page_link(tile)
        ui.separator()
        note_editor(ctx.actor, tile, facts.staff_note, ctx.watch)
        ui.separator()
        ui.label(t("board.panel.history")).classes("text-subtitle2")
        if not facts.history:
            ui.label(t("presence.history.empty")).classes("text-caption text-grey-8")
        for line in facts.history:
            ui.label(history_text(line)).classes("text-body2").mark("history-line")
        with ui.row().classes("w-full justify-end"):
            ui.button(t("board.panel.close"), on_click=dialog.close).props("flat no-caps").mark("panel-close")
    # Quasar gives focus back to what opened the dialog; when that is gone (an alert chip redrawn), the tile gets it.
    dialog.on("hide", js_handler="() => { const a = document.activeElement; if (!a || a === document.body) "
              f"document.querySelector('[data-child=\"{int(tile.child_id)}\"]')?.focus(); }}")
    dialog.open()


def _heading(tile: Tile) -> None:
    palette, icon = LOOK[tile.state]
    with ui.row().classes("items-center no-wrap gap-3"):
        avatar(tile.initials, tile.photo_url, size="56px", name=tile.first_name)
        with ui.column().classes("gap-0"):
            ui.label(tile.first_name).classes("text-h6")
            with ui.row().classes("items-center gap-1"):
                ui.icon(icon, color=icon_colour(palette)).props('aria-hidden="true"')
                ui.label(status_text(tile)).mark("panel-status")
                if tile.since:
                    ui.label(t("board.panel.since", at=tile.since, by=tile.changed_by)).classes(
                        "text-caption text-grey-8")
            ui.label(tile.group_name).classes("text-caption text-grey-8")


def _plan(tile: Tile, facts: daily.PanelFacts) -> None:
    with ui.column().classes("gap-0 w-full").mark("panel-plan"):
        ui.label(t("board.panel.plan")).classes("text-subtitle2")
        pickup = pickup_sentence(facts.pickup)  # the same answer as the check-out button below
        if not (tile.arrival or pickup or facts.note):
            ui.label(t("board.panel.no_plan")).classes("text-caption text-grey-8")
        if tile.arrival:
            ui.label(t("board.panel.arrival", at=tile.arrival))
        if pickup:
            ui.label(pickup).props("data-pickup").mark("panel-pickup")
            pickup_guardian(facts.pickup, facts.contacts)
        if tile.with_child:
            ui.label(t("board.tile.with_child", name=tile.with_child))
        if facts.note:
            with ui.row().classes("items-start no-wrap gap-1 bg-amber-1 q-pa-xs rounded-borders w-full"):
                ui.icon("sticky_note_2", color="brown-8").props('aria-hidden="true"')
                ui.label(facts.note).classes("text-body2").style("white-space: pre-wrap").mark("panel-note")


def _actions(ctx: PanelContext, tile: Tile, facts: daily.PanelFacts, dialog: ui.dialog) -> None:
    allowed = allowed_actions(tile.state, InstitutionKind(ctx.settings.kind))

    async def act(action: Action, location: str = "", pickup_key: str = "") -> None:
        await _do(ctx, tile, action, dialog, location=location, pickup_key=pickup_key)

    with ui.row().classes("gap-2 w-full"):
        for action in allowed:
            if action in (Action.CHECK_OUT, Action.GO_TO_LOCATION):
                continue
            colour = "negative" if action is Action.REPORT_SICK else "primary"
            ui.button(t(f"presence.action.{action.value}"), icon=ACTION_ICONS[action], color=colour,
                      on_click=lambda a=action: act(a)).props(BIG).mark(f"action-{action.value}")
    if Action.GO_TO_LOCATION in allowed:
        places = [p for p in ctx.settings.locations if p != tile.location]
        if places:
            with ui.row().classes("items-center gap-2 w-full"):
                ui.icon(ACTION_ICONS[Action.GO_TO_LOCATION], color="teal-9").props('aria-hidden="true"')
                for place in places:
                    ui.button(place, color="teal-9", on_click=lambda p=place: act(Action.GO_TO_LOCATION, location=p)) \
                        .props(BIG).mark(f"action-lokation-{places.index(place)}")
    if Action.CHECK_OUT in allowed:
        _check_out(tile, facts, act)


def _check_out(tile: Tile, facts: daily.PanelFacts, act: Callable[..., object]) -> None:
    """One button per person: who picks up now first and filled, the others outlined; one tap confirms."""
    ui.label(t("board.panel.check_out_by")).classes("text-subtitle2")
    answer = facts.pickup  # the same answer as the plan line above: never a second guess at who comes
    alone_first = answer.alone and facts.may_go_alone
    planned = answer.key if answer.key in {c.key for c in facts.choices} else ""
    with ui.row().classes("gap-2 w-full").mark("check-out"):
        if alone_first:
            _alone_button(tile, act, filled=True)
        elif not planned:
            # No one from the list is planned: check out with whatever the plan says (or no one named).
            label = t("board.panel.check_out_planned", by=answer.label) if answer.label and not answer.alone \
                else t("presence.action.tjek_ud")
            ui.button(label, icon="logout", on_click=lambda: act(Action.CHECK_OUT)).props(
                f"{BIG} data-checkout-default").mark("action-tjek_ud")
        for choice in sorted(facts.choices, key=lambda c: c.key != planned):
            is_planned = choice.key == planned
            text = t("board.panel.check_out_planned", by=choice.label) if is_planned else choice.label
            button = ui.button(text, icon="logout" if is_planned else None,
                               on_click=lambda k=choice.key: act(Action.CHECK_OUT, pickup_key=k))
            button.props(f"{BIG} data-checkout-default" if is_planned else "no-caps outline size=lg").mark(
                "action-tjek_ud" if is_planned else f"pickup-{choice.key}")
        if facts.may_go_alone and not alone_first:
            _alone_button(tile, act, filled=False)


def _alone_button(tile: Tile, act: Callable[..., object], *, filled: bool) -> None:
    # deep-orange-10, not deep-orange: white on it, and it on white, reach 4.5:1 (deep-orange is 3:1).
    ui.button(t("board.panel.alone", at=tile.alone), icon="directions_walk", color="deep-orange-10",
              on_click=lambda: act(Action.CHECK_OUT, pickup_key=ALONE_KEY)).props(
        f"{BIG} data-checkout-default" if filled else "no-caps outline size=lg").mark(
        "pickup-alone action-tjek_ud" if filled else "pickup-alone")


async def _do(ctx: PanelContext, tile: Tile, action: Action, dialog: ui.dialog, *, location: str,
              pickup_key: str) -> None:
    if ctx.watch is not None:
        ctx.watch.busy = True  # this tablet's own change: its event must not close the dialog as news from elsewhere
    try:
        done = await service.do_action(ctx.actor, tile.child_id, ctx.settings.institution_id, action, now=utcnow(),
                                       device=DeviceKind.TABLET, location=location, pickup_key=pickup_key)
    except DomainError as error:
        if ctx.watch is not None:
            ctx.watch.busy = False
        refuse(error)
        return
    dialog.close()
    ctx.take(done.tile)
    offer_undo(ctx, done, action)


def offer_undo(ctx: PanelContext, done: service.Done, action: Action) -> None:
    """A bar at the bottom saying what happened, with Fortryd for ten seconds; said out loud as well."""
    shown = ctx.shown(done.tile)
    text = t("board.undo.what", name=shown.first_name, status=status_text(shown))
    UndoBar(ctx.actor, done, ctx.take, ctx.undo_host, ctx.say, LOOK[done.tile.state][1], text, action)
    ctx.say(announcement(action, shown))
