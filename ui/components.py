"""Small reusable pieces: avatars, institution badges, empty states, and how a write's outcome is told."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from domain.errors import DomainError
from domain.organisation.model import EnrolmentView, InstitutionKind
from ui.i18n import error_text, fmt_date, t

# Dark shades, so the badge's white text reads at ≥ 4.5:1 (tests/unit/test_theme_contrast.py).
KIND_COLOURS = {
    InstitutionKind.VUGGESTUE: "pink-9",
    InstitutionKind.BOERNEHAVE: "deep-orange-10",
    InstitutionKind.INTEGRERET: "brown-6",
    InstitutionKind.DAGPLEJE: "light-green-10",
    InstitutionKind.SKOLE: "blue-9",
    InstitutionKind.BFO: "teal-9",
    InstitutionKind.KLUB: "deep-purple-6",
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
    with home or contextlib.nullcontext(), named_dialog(question) as dialog, ui.card().classes(
            "q-pa-md w-full max-w-sm"):
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


# --- accessible building blocks (WCAG 2.1 AA): every control has a name, every page one h1 and landmarks -------------

def icon_button(icon: str, label: str, on_click: Any = None, *, props: str = "flat round dense") -> ui.button:
    """A button showing only an icon: the label is its accessible name and its tooltip, so it is never unnamed."""
    button = ui.button(icon=icon, on_click=on_click).props(props)
    button.props["aria-label"] = label
    button.tooltip(label)
    return button


def named_dialog(label: str) -> ui.dialog:
    """A dialog a screen reader announces by name when it opens."""
    dialog = ui.dialog()
    dialog.props["aria-label"] = label
    return dialog


def toggle_chip(text: str, selected: bool, on_change: Any, icon: str = "") -> ui.chip:
    """A chip that filters on and off and says so (aria-pressed), not only by its colour."""

    def changed(e: Any) -> None:
        chip.props["aria-pressed"] = "true" if e.value else "false"
        on_change(e)

    chip = ui.chip(text, selectable=True, selected=selected, icon=icon or None, on_selection_change=changed)
    chip.props["role"] = "button"
    chip.props["aria-pressed"] = "true" if selected else "false"
    return chip


def page_heading(title: str) -> ui.element:
    """The page's one h1: the title the frame shows."""
    return TextElement(tag="h1", text=title).classes("sammen-title text-h5 text-weight-medium")


def section_heading(text: str) -> ui.element:
    """A section's h2, looking like the card titles it replaces."""
    return TextElement(tag="h2", text=text).classes("sammen-section text-h6")


# Quasar's page is the <main> landmark; Enter on the skip link moves focus there itself, whatever the browser does
# with the fragment.
SKIP_JS = ("(e) => { e.preventDefault(); const m = document.querySelector('main');"
           " if (m) { m.setAttribute('tabindex', '-1'); m.focus(); } }")


def skip_link() -> None:
    """'Gå til indhold': the first stop for Tab, hidden until focused."""
    ui.link(t("nav.skip"), "#indhold").classes("sammen-skip").on("click", js_handler=SKIP_JS).mark("skip-link")
