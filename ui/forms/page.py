"""Blanketter (/kalender/blanketter): staff build forms and follow the answers live; guardians answer on the phone."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from nicegui import app, ui

from auth.session import actor_or_redirect
from domain.clock import today_local, utcnow
from domain.errors import AccessDenied, DomainError
from domain.forms import reading, results
from domain.forms.model import FormSummary
from domain.identity.model import Actor, Role
from ui.components import empty_state
from ui.error_pages import Id
from ui.forms.answer import AnswerCards
from ui.forms.builder import FormBuilder
from ui.forms.parts import fmt_deadline, status_badge
from ui.forms.results import ResultsView
from ui.frame import frame, refusal
from ui.guard import page
from ui.i18n import error_text, t

ROLES = (Role.PARENT, Role.STAFF, Role.LEADER)
STAFF = (Role.STAFF, Role.LEADER)
HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


def _summary_card(s: FormSummary, staff: bool) -> None:
    with ui.card().classes("w-full q-pa-sm cursor-pointer").mark(f"form-{s.id}").on(
            "click", lambda: ui.navigate.to(f"/kalender/blanketter/{s.id}")):
        with ui.row().classes("items-center justify-between no-wrap w-full gap-2"):
            ui.link(s.title, f"/kalender/blanketter/{s.id}").classes(
                "text-primary text-subtitle1 text-weight-medium ellipsis")
            status_badge(s.closed)
        ui.label(f"{s.group_name} · {t('forms.deadline', when=fmt_deadline(s.deadline))}").classes(
            "text-caption text-grey-8")
        if staff:
            ui.label(t("forms.answered_of", n=s.answered, m=s.expected)).classes("text-body2")
        elif s.waiting_children:
            ui.label(t("forms.waiting_for", names=", ".join(s.waiting_children))).classes("text-body2 text-orange-9")
        else:
            ui.label(t("forms.all_answered")).classes("text-body2 text-positive")


async def _list_page(actor: Actor) -> None:
    staff = actor.role in STAFF
    forms = await (reading.forms_for_staff if staff else reading.forms_for_guardian)(actor, utcnow())
    with frame(actor, t("forms.title")):
        if staff:
            ui.button(t("forms.new"), icon="add", on_click=lambda: ui.navigate.to("/kalender/blanketter/ny")).props(
                "no-caps").mark("new-form")
        if not forms:
            empty_state("assignment", "forms.empty_staff" if staff else "forms.empty_parent")
        with ui.element("div").classes("grid grid-cols-1 md:grid-cols-2 gap-3 w-full"):
            for s in forms:
                _summary_card(s, staff)


async def _form_page(actor: Actor, form_id: int) -> None:
    now = utcnow()
    with frame(actor, t("forms.title")):
        ui.link(t("forms.back"), "/kalender/blanketter").classes("text-body2")
        try:
            if actor.role in STAFF:
                ResultsView(actor, await results.form_results(actor, form_id, now)).build()
            else:
                AnswerCards(actor, await reading.form_for_guardian(actor, form_id, now)).build()
        except AccessDenied:
            refusal("error.access_denied")
        except DomainError as error:
            refusal(error.key)


async def _csv(request: Request, form_id: int) -> Response:
    actor = await actor_or_redirect(request)
    if isinstance(actor, RedirectResponse):
        return actor
    try:
        found = await results.form_results(actor, form_id, utcnow())
    except AccessDenied:
        return PlainTextResponse(t("error.access_denied"), status_code=403)
    except DomainError as error:
        return PlainTextResponse(error_text(error), status_code=404)
    return Response(results.results_csv(found), media_type="text/csv; charset=utf-8", headers={
        **HEADERS, "Content-Disposition": f'attachment; filename="blanket-{found.form_id}.csv"'})


def register() -> None:
    """Add /kalender/blanketter, the builder, one form's page and its CSV download."""

    @app.get("/kalender/blanketter/{form_id}/csv")
    async def csv_route(request: Request, form_id: Id) -> Response:
        return await _csv(request, form_id)


@page("/kalender/blanketter", *ROLES)
async def list_route(actor: Actor) -> None:
    """Forms: those waiting for an answer, or those staff sent."""
    await _list_page(actor)


@page("/kalender/blanketter/ny", *STAFF)
async def builder_route(actor: Actor) -> None:
    """A new form, built question by question."""
    groups = await reading.builder_groups(actor, today_local())
    with frame(actor, t("forms.new")):
        ui.link(t("forms.back"), "/kalender/blanketter").classes("text-body2")
        if not groups:
            empty_state("group_off", "forms.builder.no_groups")
        else:
            FormBuilder(actor, groups).build()


@page("/kalender/blanketter/{form_id}", *ROLES)
async def form_route(actor: Actor, form_id: int) -> None:
    """One form: the answers for a guardian's children, or the results for staff."""
    await _form_page(actor, form_id)
