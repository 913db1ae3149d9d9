"""The accessibility statement (tilgængelighedserklæring) at /tilgaengelighed, structured as the Danish model."""

from __future__ import annotations

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from domain.accessibility import model
from domain.settings import Settings
from ui.accessibility.parts import data_table, heading
from ui.frame import theme, toggle_language
from ui.guard import public_page
from ui.i18n import current_language, fmt_date, t
from ui.statement_link import STATEMENT_PATH


def _paragraph(text: str) -> TextElement:
    return TextElement(tag="p", text=text).classes("q-my-none")


def _problems(problems: tuple[model.KnownProblem, ...]) -> None:
    if not problems:
        _paragraph(t("a11y.problems.none")).mark("a11y-no-problems")
        return
    _paragraph(t("a11y.problems.intro"))
    english = current_language() == "en"
    rows = [(f"WCAG {p.criterion} ({p.rule})" if p.rule else f"WCAG {p.criterion}", p.page,
             p.what_en if english else p.what_da, fmt_date(p.fixed_by)) for p in problems]
    with ui.element("div").classes("w-full overflow-auto").mark("a11y-problems"):
        data_table(t("a11y.problems.heading"), [t("a11y.problems.criterion"), t("a11y.problems.page"),
                                                t("a11y.problems.what"), t("a11y.problems.fixed_by")], rows)


@public_page(STATEMENT_PATH)
def statement_page(settings: Settings) -> None:
    """Who declares, the status, what is not accessible yet and when it will be, how to report and to complain."""
    theme()
    ui.page_title(f"{t('a11y.title')} · Sammen")
    # Read when the page is built, so a change to the list shows without restarting anything but the page.
    problems = model.KNOWN_PROBLEMS
    status = model.conformance(problems)
    with ui.element("main").classes("w-full max-w-screen-md mx-auto q-pa-md column gap-4").mark("a11y-statement"):
        with ui.row().classes("items-center justify-between w-full"):
            # One long Danish word: it may break at 320 px rather than push the page sideways (1.4.10).
            heading(t("a11y.title"), 1).style("overflow-wrap:anywhere;min-width:0")
            ui.button(t("nav.language"), on_click=toggle_language).props("flat dense no-caps").mark("language")
        _paragraph(t("a11y.intro", authority=settings.a11y_authority, url=settings.public_url))

        heading(t("a11y.status.heading"))
        _paragraph(t(f"a11y.status.{status.value}.short")).classes("text-weight-bold").mark("a11y-status")
        _paragraph(t(f"a11y.status.{status.value}", standard=model.STANDARD))

        heading(t("a11y.problems.heading"))
        _problems(problems)

        heading(t("a11y.prepared.heading"))
        _paragraph(t("a11y.prepared.date", prepared=fmt_date(model.PREPARED_ON), reviewed=fmt_date(model.REVIEWED_ON)))
        _paragraph(t("a11y.prepared.method", states=model.AXE_PAGE_STATES))

        heading(t("a11y.contact.heading"))
        with TextElement(tag="p", text="").classes("q-my-none"):
            TextElement(tag="span", text=t("a11y.contact.text", authority=settings.a11y_authority) + " ")
            ui.link(settings.a11y_contact, f"mailto:{settings.a11y_contact}").mark("a11y-contact")
        _paragraph(t("a11y.contact.answer"))

        heading(t("a11y.complaint.heading"))
        _paragraph(t("a11y.complaint.text"))
        ui.link(t("a11y.complaint.link"), model.COMPLAINT_URL, new_tab=True).mark("a11y-complaint")
        with TextElement(tag="p", text="").classes("q-my-none"):
            TextElement(tag="span", text=t("a11y.complaint.was") + " ")
            ui.link(model.WAS_URL, model.WAS_URL, new_tab=True)
        ui.link(t("a11y.back"), "/").classes("q-mt-md")
