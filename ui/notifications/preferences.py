"""Notification choices: the profile's Notifikationer section (a card per category) and the first-login ticks."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.notifications.centre import Category, Channel
from domain.notifications.preferences import (
    LOCKED_ON,
    Cell,
    Preferences,
    clock_text,
    do_mark_chosen,
    do_set_choice,
    do_set_times,
    first_choices,
    offered,
    preferences,
)
from ui.components import attempt, refuse
from ui.i18n import t

# Quasar's toggle is a div with role=switch and tabindex=0: Tab reaches it and Space flips it. Its visible label
# names the channel; the accessible name also names the category, as three "Push på telefonen" would not tell apart.
SWITCH_PROPS = "color=primary keep-color"


def _name(category: Category) -> str:
    return t(f"notify.category.{category.value}")


class ChoiceTable:
    """A card per category with a switch per channel; each flip is stored at once and confirmed."""

    def __init__(self, actor: Actor, prefs: Preferences) -> None:
        self.actor = actor
        self.state: dict[Cell, bool] = dict(prefs.cells)
        self.switches: dict[Cell, ui.switch] = {}
        self.only: dict[Category, ui.label] = {}
        with ui.element("div").classes("grid grid-cols-1 md:grid-cols-2 gap-2 w-full").mark("notify-table"):
            for category in Category:
                self._card(category)

    def _card(self, category: Category) -> None:
        group = ui.card().props("flat bordered role=group").classes("w-full q-pa-sm gap-0").mark(
            f"notify-{category.value}")
        group.props["aria-label"] = _name(category)
        with group:
            with ui.row().classes("w-full items-baseline justify-between no-wrap"):
                ui.label(_name(category)).classes("text-weight-medium")
                self.only[category] = ui.label(t("notify.prefs.only_app")).classes("text-caption text-grey-8")
            for channel in Channel:
                if not offered(category, channel):
                    continue
                cell = (category, channel)
                switch = ui.switch(t(f"notify.channel.{channel.value}"), value=self.state[cell],
                                   on_change=lambda e, c=cell: self._flip(c, bool(e.value))).props(SWITCH_PROPS)
                switch.props["aria-label"] = t("notify.prefs.switch_label", category=_name(category),
                                               channel=t(f"notify.channel.{channel.value}"))
                if cell in LOCKED_ON:
                    switch.props("disable")
                switch.mark(f"notify-{category.value}-{channel.value}")
                self.switches[cell] = switch
            if category is Category.CRISIS:
                ui.label(t("notify.prefs.crisis_hint")).classes("text-caption text-grey-8").mark("notify-crisis-hint")
            self._show_only(category)

    def _show_only(self, category: Category) -> None:
        self.only[category].set_visibility(not any(self.state[(category, ch)] for ch in Channel))

    async def _flip(self, cell: Cell, on: bool) -> None:
        if self.state[cell] == on:
            return  # set by us (the other e-mail switch, or a refusal undone): nothing to store
        category, channel = cell
        try:
            changed = await do_set_choice(self.actor, category, channel, on=on)
        except DomainError as error:
            refuse(error)
            self.switches[cell].set_value(self.state[cell])
            return
        self.state[cell] = on
        others = sorted(c for c in changed if c != cell)
        for other in others:
            self.state[other] = not self.state[other]
            self.switches[other].set_value(self.state[other])
        self._show_only(category)
        words = {"category": _name(category), "channel": t(f"notify.channel.{channel.value}")}
        if others:
            ui.notify(t("notify.prefs.saved.exclusive", other=t(f"notify.channel.{others[0][1].value}"), **words),
                      type="positive")
        else:
            ui.notify(t("notify.prefs.saved.on" if on else "notify.prefs.saved.off", **words), type="positive")


def _times(actor: Actor, prefs: Preferences) -> None:
    """Quiet hours and the summary's time: native time fields (a wheel on a phone, typing with a keyboard)."""
    ui.label(t("notify.prefs.times")).classes("text-subtitle2 q-mt-md")
    with ui.row().classes("items-end gap-3 w-full"):
        start = ui.input(t("notify.prefs.quiet_from"), value=clock_text(prefs.quiet.start)).props(
            "type=time outlined dense").classes("w-32").mark("notify-quiet-from")
        end = ui.input(t("notify.prefs.quiet_to"), value=clock_text(prefs.quiet.end)).props(
            "type=time outlined dense").classes("w-32").mark("notify-quiet-to")
        digest = ui.input(t("notify.prefs.digest_at"), value=clock_text(prefs.digest_at)).props(
            "type=time outlined dense").classes("w-40").mark("notify-digest-at")
    ui.label(t("notify.prefs.quiet_hint")).classes("text-caption text-grey-8")

    async def save() -> None:
        try:
            quiet, minute = await do_set_times(actor, str(start.value or ""), str(end.value or ""),
                                               str(digest.value or ""))
        except DomainError as error:
            refuse(error)
            return
        key = "notify.prefs.times_saved" if quiet.start != quiet.end else "notify.prefs.times_saved_none"
        ui.notify(t(key, start=clock_text(quiet.start), end=clock_text(quiet.end), digest=clock_text(minute)),
                  type="positive")

    ui.button(t("notify.prefs.save_times"), icon="schedule", on_click=save).props("outline no-caps").mark(
        "notify-save-times")


async def notification_section(actor: Actor) -> None:
    """The profile's Notifikationer card: the table, quiet hours and summary time, and where e-mail goes."""
    prefs = await preferences(actor)
    with ui.card().classes("w-full gap-2").mark("notify-section"):
        ui.label(t("notify.prefs.title")).classes("text-subtitle1 text-weight-medium")
        ui.label(t("notify.prefs.intro")).classes("text-grey-8")
        ui.label(t("notify.prefs.safe")).classes("text-caption text-grey-8")
        ui.label(t("notify.prefs.email_needs_address" if prefs.email else "notify.prefs.no_address")).classes(
            "text-caption text-grey-8").mark("notify-email-note")
        if prefs.summary_off:
            ui.label(t("notify.prefs.summary_off")).classes("text-caption text-grey-8").mark("notify-summary-off")
        ChoiceTable(actor, prefs)
        _times(actor, prefs)


def first_choice_ticks(prefs: Preferences) -> dict[str, ui.checkbox]:
    """The first-login question's three ticks (push, e-mail, daily summary) and where e-mail goes."""
    ui.label(t("notify.first.title")).classes("text-subtitle1 text-weight-medium")
    ui.label(t("notify.first.text")).classes("text-grey-8")
    ticks = {name: ui.checkbox(t(f"notify.first.{name}"), value=prefs.on(Category.MESSAGE, channel)).mark(
        f"notify-first-{name}") for name, channel in (("push", Channel.PUSH), ("email", Channel.EMAIL),
                                                       ("digest", Channel.DIGEST))}
    ui.label(t("notify.first.email_needs_address" if prefs.email else "notify.prefs.no_address")).classes(
        "text-caption text-grey-8")
    return ticks


async def answer_first_choice(actor: Actor, prefs: Preferences, ticks: dict[str, ui.checkbox], *, save: bool) -> bool:
    """Store the ticks ("Gem") or only that the question was answered ("Spring over"); True when it was stored."""
    choices = first_choices(prefs.role, push=bool(ticks["push"].value), email=bool(ticks["email"].value),
                            digest=bool(ticks["digest"].value)) if save else None
    done = t("notify.first.saved" if save else "notify.first.skipped")
    return bool(await attempt(do_mark_chosen(actor, now=utcnow(), choices=choices), done=done))
