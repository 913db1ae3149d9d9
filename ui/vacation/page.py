"""/kalender/ferie: staff send vacation requests and follow the expected attendance; guardians answer per day."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.vacation import queries
from domain.vacation.attendance import attendance
from domain.vacation.model import RequestInfo
from domain.vacation.service import do_close
from ui.components import confirm, empty_state, refuse, section_heading
from ui.frame import frame, load_or_refuse
from ui.guard import page
from ui.i18n import fmt_date, t
from ui.vacation.answer import ChildAnswers
from ui.vacation.attendance import AttendanceView
from ui.vacation.format import deadline_day, names_text, short_date, weeks_text
from ui.vacation.new import new_request_form

STAFF_ROLES = (Role.STAFF, Role.LEADER)


def _heading(info: RequestInfo, marker: str, target: str = "") -> None:
    """Title (a link when the card leads on), period with weeks, deadline and (for staff) who it went to."""
    if target:
        ui.link(info.title, target).classes("text-primary text-h6")
    else:
        section_heading(info.title)
    ui.label(f"{fmt_date(info.first_day)} – {fmt_date(info.last_day)} ({weeks_text(info.first_day, info.last_day)})")\
        .classes("text-body2").mark(marker)
    state = t("vacation.open") if info.open_at(utcnow()) else t("vacation.closed_answering")
    ui.label(f"{t('vacation.deadline', date=short_date(deadline_day(info.deadline)))} · {state}").classes(
        "text-caption text-grey-8")


async def _list_page(actor: Actor) -> None:
    with frame(actor, t("vacation.title")):
        if actor.role in STAFF_ROLES:
            await new_request_form(actor)
            requests = await queries.requests_for_staff(actor)
            if not requests:
                empty_state("beach_access", "vacation.none_staff")
            for info in requests:
                with ui.card().classes("w-full q-pa-sm cursor-pointer").on(
                        "click", lambda i=info.id: ui.navigate.to(f"/kalender/ferie/{i}")).mark(
                        f"vacation-request-{info.id}"):
                    _heading(info, f"vacation-period-{info.id}", f"/kalender/ferie/{info.id}")
                    if info.target_names:
                        ui.label(t("vacation.to", targets=", ".join(info.target_names))).classes("text-caption")
            return
        pending = await queries.pending_for_guardian(actor, utcnow())
        if not pending:
            empty_state("beach_access", "vacation.none_parent")
        for item in pending:
            with ui.card().classes("w-full q-pa-sm").mark(f"vacation-request-{item.request_id}"):
                section_heading(item.title)
                ui.label(t("vacation.pending", names=names_text(item.child_names),
                           weeks=weeks_text(item.first_day, item.last_day),
                           deadline=short_date(deadline_day(item.deadline)))).classes("text-body2")
                if not item.waiting:
                    ui.label(t("vacation.all_answered_parent")).classes("text-caption text-positive")
                ui.button(t("vacation.answer_now"), on_click=lambda i=item.request_id: ui.navigate.to(
                    f"/kalender/ferie/{i}")).props("no-caps").mark(f"vacation-open-{item.request_id}")


async def _staff_detail(actor: Actor, request_id: int) -> None:
    data = await load_or_refuse(actor, t("vacation.title"), attendance(actor, request_id))
    if data is None:
        return
    with frame(actor, t("vacation.title")):
        _heading(data.request, "vacation-period")
        if data.request.note:
            ui.label(data.request.note).classes("text-body2").style("white-space: pre-wrap")
        AttendanceView(actor, data)
        if data.request.open_at(utcnow()):
            async def close() -> None:
                if not await confirm(t("vacation.close_confirm"), t("vacation.close"), "vacation-close-confirm",
                                     danger=False):
                    return
                try:
                    await do_close(actor, request_id, now=utcnow())
                except DomainError as error:
                    refuse(error)
                    return
                ui.notify(t("vacation.closed_now"), type="positive")
                button.disable()

            button = ui.button(t("vacation.close"), icon="lock", on_click=close).props("outline no-caps").mark(
                "vacation-close")


async def _guardian_detail(actor: Actor, request_id: int) -> None:
    found = await load_or_refuse(actor, t("vacation.title"), queries.forms_for_guardian(actor, request_id))
    if found is None:
        return
    info, forms = found
    editable = info.open_at(utcnow())
    with frame(actor, t("vacation.title")):
        _heading(info, "vacation-period")
        if info.note:
            ui.label(info.note).classes("text-body2").style("white-space: pre-wrap")
        ui.label(info.author_name and t("vacation.by", name=info.author_name)).classes("text-caption")
        for form in forms:
            ChildAnswers(actor, request_id, form, editable)


@page("/kalender/ferie", *STAFF_ROLES, Role.PARENT)
async def vacation_list(actor: Actor) -> None:
    """Staff's requests and a form for a new one; a guardian's requests waiting for an answer."""
    await _list_page(actor)


@page("/kalender/ferie/{request_id}", *STAFF_ROLES, Role.PARENT)
async def vacation_detail(actor: Actor, request_id: int) -> None:
    """One request: the expected attendance for staff, the children's answers for a guardian."""
    if actor.role in STAFF_ROLES:
        await _staff_detail(actor, request_id)
    else:
        await _guardian_detail(actor, request_id)
