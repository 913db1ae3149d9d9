"""Small reusable pieces: avatars, institution badges, empty states, and how a write's outcome is told."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from nicegui import ui

from domain.errors import DomainError
from domain.organisation.model import EnrolmentView, InstitutionKind
from ui.i18n import error_text, fmt_date, t

KIND_COLOURS = {
    InstitutionKind.VUGGESTUE: "pink-3",
    InstitutionKind.BOERNEHAVE: "orange-4",
    InstitutionKind.INTEGRERET: "amber-6",
    InstitutionKind.DAGPLEJE: "lime-7",
    InstitutionKind.SKOLE: "blue-5",
    InstitutionKind.BFO: "teal-5",
    InstitutionKind.KLUB: "deep-purple-4",
}


def avatar(initials: str, photo_url: str = "", size: str = "48px", name: str = "") -> None:
    """A round photo, or the initials when there is no photo; the photo says whose it is (WCAG 1.1.1)."""
    with ui.avatar(color="primary", text_color="white", size=size):
        if photo_url:
            ui.image(photo_url).props(f'alt="{t("a11y.photo_of", name=name) if name else t("a11y.photo")}"')
        else:
            ui.label(initials).classes("text-weight-medium")


def kind_badge(kind: InstitutionKind) -> None:
    """A coloured badge naming the kind of institution."""
    ui.badge(t(f"kind.{kind.value}"), color=KIND_COLOURS[kind]).props("rounded")


def enrolment_line(e: EnrolmentView) -> None:
    """Institution, kind and group on one line."""
    with ui.row().classes("items-center gap-2 no-wrap"):
        kind_badge(e.institution_kind)
        ui.label(e.institution_name).classes("text-body2")
        if e.group_name:
            ui.label(f"· {e.group_name}").classes("text-body2 text-grey-8")


def span_label(e: EnrolmentView) -> str:
    """'1. august 2024 – nu'."""
    end = fmt_date(e.end) if e.end else t("child.until_now")
    return f"{fmt_date(e.start)} – {end}"


def empty_state(icon: str, message_key: str) -> None:
    """A friendly card that says what to do when there is nothing to show."""
    with ui.card().classes("w-full items-center q-pa-lg").mark("empty"):
        ui.icon(icon, size="xl", color="grey-5")
        ui.label(t(message_key)).classes("text-grey-8 text-center")


async def confirm(question: str, yes: str, marker: str, *, danger: bool = True,
                  home: ui.element | None = None) -> bool:
    """Ask before something that cannot be taken back; True when the user said yes.

    A page whose content redraws live passes a home outside the redrawn part, so the dialog survives a redraw.
    """
    with home or contextlib.nullcontext(), ui.dialog() as dialog, ui.card().classes("q-pa-md w-full max-w-sm"):
        ui.label(question).classes("text-body1 break-words")
        with ui.row().classes("justify-end w-full gap-2"):
            ui.button(t("common.cancel"), on_click=lambda: dialog.submit(False)).props("flat no-caps")
            ui.button(yes, on_click=lambda: dialog.submit(True)).props(
                "no-caps" + (" color=negative" if danger else "")).mark(marker)
    answer = bool(await dialog)
    dialog.delete()
    return answer


def refuse(error: DomainError) -> None:
    """Tell the user, in their language, why nothing was changed: the one way a refused write is reported."""
    ui.notify(error_text(error), type="negative", multi_line=True)


@dataclass(frozen=True)
class Outcome:
    """How a write went: true when it was done; otherwise the refusal, already told to the user."""

    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is None


async def attempt(write: Awaitable[Any], done: str = "", then: str | None = None) -> Outcome:
    """Run a domain write, say how it went, and go to `then` when it was done."""
    try:
        await write
    except DomainError as error:
        refuse(error)
        return Outcome(error)
    if done:
        ui.notify(done, type="positive")
    if then:
        ui.navigate.to(then)
    return Outcome()
