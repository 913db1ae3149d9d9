"""The tile dialog's extras for staff: who may pick up (with a phone link), the child's page, the note for colleagues,
and closing the dialog when another device changes the child."""

from __future__ import annotations

import re

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event, Subscription
from domain.identity.model import Actor
from domain.presence import notes
from domain.presence.daily import Contact
from domain.presence.model import Pickup, PresenceChanged, Tile, child_topic
from domain.presence.notes import NoteView, StaffNoteChanged, staff_notes_topic
from domain.presence.tiles import local_hhmm
from ui.components import avatar, refuse
from ui.i18n import t
from ui.live import follow

LINK = "row items-center no-wrap q-px-sm rounded-borders bg-blue-1 text-blue-10 text-body2 text-weight-medium"


def tel_href(phone: str) -> str:
    """A tel: address from a typed phone number ("+45 20 30 40 50" -> "tel:+4520304050"); "" when it is no number."""
    digits = re.sub(r"[^\d+]", "", phone)
    digits = digits[:1] + digits[1:].replace("+", "")
    return f"tel:{digits}" if sum(c.isdigit() for c in digits) >= 3 else ""


def contacts(items: tuple[Contact, ...]) -> None:
    """Who may pick the child up: name, relation and a real link that calls them."""
    if not items:
        return
    ui.label(t("board.panel.who_may")).classes("text-subtitle2")
    with ui.column().classes("gap-1 w-full").mark("pickup-contacts"):
        for item in items:
            relation = item.relation or (t("board.panel.guardian") if item.key.startswith("g:") else "")
            with ui.row().classes("items-center gap-2 w-full").mark(f"contact-{item.key}"):
                ui.label(item.label).classes("text-body2 text-weight-medium")
                if relation and relation != item.label:
                    ui.label(relation).classes("text-caption text-grey-8")
                ui.space()
                href = tel_href(item.phone)
                if href:
                    ui.label(item.phone).classes("text-caption text-grey-8")
                    with ui.link(target=href).classes(LINK).style("min-height: 44px; text-decoration: none").mark(
                            f"call-{item.key}"):
                        ui.icon("call").props('aria-hidden="true"')
                        ui.label(t("board.panel.call", name=item.label)).classes("q-ml-xs")
                else:
                    ui.label(t("board.panel.no_phone")).classes("text-caption text-grey-8")


def pickup_guardian(pickup: Pickup, items: tuple[Contact, ...]) -> None:
    """When a guardian picks up, their picture and phone beside the plan line, so staff know who comes and can call."""
    if pickup.done or not pickup.key.startswith("g:"):
        return
    found = next((c for c in items if c.key == pickup.key), None)
    if found is None or not (found.phone or found.picture_url):
        return
    with ui.row().classes("items-center no-wrap gap-2").mark("pickup-guardian"):
        if found.picture_url:
            avatar(found.label[:1].upper(), found.picture_url, size="48px", name=found.label)
        href = tel_href(found.phone)
        if href:
            ui.link(t("contacts.pickup.phone", phone=found.phone), href).classes("text-primary").mark(
                "pickup-guardian-phone")


def child_page_link(tile: Tile) -> None:
    """A link to the child's page (guardians, pickups, consents)."""
    with ui.link(target=f"/barn/{int(tile.child_id)}").classes(LINK).style(
            "min-height: 44px; text-decoration: none; width: fit-content").mark("child-page"):
        ui.icon("person").props('aria-hidden="true"')
        ui.label(t("board.panel.child_page", name=tile.first_name)).classes("q-ml-xs")


def note_editor(actor: Actor, tile: Tile, note: NoteView | None, watch: Watch) -> None:
    """Today's note for colleagues: read it, write it, remove it (never shown to parents or on the wall screen)."""

    async def save(text: str) -> None:
        watch.busy = True
        try:
            kept = await notes.do_staff_note(actor, tile.child_id, tile.institution_id, text, now=utcnow())
        except DomainError as error:
            watch.busy = False
            refuse(error)
            return
        watch.finish()
        ui.notify(t("board.note.saved" if kept else "board.note.removed", name=tile.first_name), type="positive")

    with ui.column().classes("gap-1 w-full").mark("staff-note"):
        ui.label(t("board.note.heading")).classes("text-subtitle2")
        if note is not None:
            ui.label(t("board.note.by", by=note.by, at=local_hhmm(note.at))).classes("text-caption text-grey-8")
        area = ui.textarea(t("board.note.label"), value=note.text if note else "").props(
            f"outlined autogrow counter maxlength={notes.MAX_LENGTH}").classes("w-full").mark("staff-note-text")
        with ui.row().classes("gap-2"):
            ui.button(t("board.note.save"), icon="save", on_click=lambda: save(str(area.value or ""))).props(
                "unelevated no-caps").mark("staff-note-save")
            if note is not None:
                ui.button(t("board.note.remove"), icon="delete", on_click=lambda: save("")).props(
                    "flat no-caps").mark("staff-note-remove")


class Watch:
    """While a child's dialog is open, a change from another device closes it with a message instead of going stale."""

    def __init__(self, tile: Tile, dialog: ui.dialog, host: ui.element) -> None:
        self.tile, self.dialog, self.host = tile, dialog, host
        self.busy = False  # this dialog's own change is under way: its own event is no news
        self.subscriptions: list[Subscription] = [
            follow(child_topic(tile.child_id), self.changed), follow(staff_notes_topic(tile.institution_id),
                                                                    self.changed)]
        dialog.on_value_change(lambda e: None if e.value else self.stop())

    def finish(self) -> None:
        """This dialog's own change is done: close it; its own event is no news."""
        self.stop()
        self.dialog.close()

    def stop(self) -> None:
        """The dialog closed: no more events for it."""
        for subscription in self.subscriptions:
            subscription.cancel()
        self.subscriptions.clear()

    def changed(self, event: Event) -> None:
        """Another tablet, the wall screen or a parent changed this child: close and say so."""
        if self.busy or not self.dialog.value:
            return
        if isinstance(event, PresenceChanged):
            if event.institution_id != self.tile.institution_id or event.tile.get("version") == self.tile.version:
                return
        elif not (isinstance(event, StaffNoteChanged) and event.child_id == self.tile.child_id):
            return
        self.dialog.close()
        self.stop()
        with self.host:
            ui.notify(t("board.panel.changed_elsewhere", name=self.tile.first_name), type="warning")
