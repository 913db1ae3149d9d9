"""The search in the app bar: an icon button that opens a labelled search field; Enter opens /soeg?q=…."""

from __future__ import annotations

from nicegui import ui

from ui.components import icon_button, named_dialog
from ui.i18n import t

SEARCH_PATH = "/soeg"
QUERY_MAX = 200


def search_form(value: str = "", *, marker: str = "search-field", autofocus: bool = False) -> ui.input:
    """A real form (role=search) with a named field and a submit button: Enter searches without any script."""
    with ui.element("form").props(f'action={SEARCH_PATH} method=get role=search aria-label="{t("search.title")}"') \
            .classes("w-full flex no-wrap items-center gap-2"):
        field = ui.input(t("search.title"), value=value, placeholder=t("search.placeholder")).props(
            f'name=q type=search outlined dense autocomplete=off maxlength={QUERY_MAX} '
            f'aria-label="{t("search.label")}"' + (" autofocus" if autofocus else "")).classes("col min-w-0").mark(
            marker)
        ui.button(t("search.submit"), icon="search").props("type=submit unelevated no-caps color=primary").mark(
            f"{marker}-submit")
    return field


def search_box() -> ui.button:
    """The app bar's search button; it opens the search field at the top of the screen (phone and desktop alike)."""
    dialog = named_dialog(t("search.title")).props("position=top").mark("search-dialog")
    with dialog, ui.card().classes("w-full q-pa-sm").style("max-width: 40rem"):
        with ui.row().classes("w-full items-center no-wrap gap-1"):
            search_form(marker="search-box", autofocus=True)  # the dialog's content is built on opening: focus lands
            icon_button("close", t("search.close"), dialog.close).mark("search-close")
    return icon_button("search", t("search.open"), dialog.open, props="flat round dense color=white").mark(
        "search-open")
