"""Samtaler: /kalender/samtaler lists rounds (staff create them); /kalender/samtaler/{id} books or shows a schedule."""

from __future__ import annotations

from nicegui import ui

from domain.clock import COPENHAGEN, utcnow
from domain.conferences import queries
from domain.conferences.model import RoundSummary
from domain.errors import AccessDenied, NotFound
from domain.identity.model import Actor, Role
from ui.components import empty_state, section_heading
from ui.conferences.booking import GuardianBooking
from ui.conferences.form import RoundForm
from ui.conferences.format import deadline, short_date, when
from ui.conferences.schedule import Schedule
from ui.frame import frame, refusal
from ui.guard import page
from ui.i18n import t

ROLES = frozenset({Role.PARENT, Role.STAFF, Role.LEADER})


def _span(summary: RoundSummary) -> str:
    if summary.first_start is None or summary.last_start is None:
        return ""
    first = short_date(summary.first_start.astimezone(COPENHAGEN).date())
    last = short_date(summary.last_start.astimezone(COPENHAGEN).date())
    return first if first == last else f"{first} – {last}"


def _round_card(summary: RoundSummary, *, staff: bool) -> ui.card:
    target = f"/kalender/samtaler/{summary.round_id}"
    card = ui.card().classes("w-full q-pa-sm cursor-pointer").props(f"data-round={summary.round_id}").on(
        "click", lambda _e: ui.navigate.to(target))
    with card:
        with ui.row().classes("items-center no-wrap w-full gap-2"):
            with ui.column().classes("gap-0 col min-w-0"):
                ui.label(f"{summary.title} · {summary.group_name}").classes("text-subtitle1 ellipsis")
                ui.label(_span(summary)).classes("text-caption text-grey-8")
                ui.label(t("conferences.deadline", when=deadline(summary.booking_deadline))).classes("text-caption")
                if staff:
                    ui.label(t("conferences.booked_count", booked=summary.booked, total=summary.total)).classes(
                        "text-caption text-grey-8")
            if summary.closed:
                ui.badge(t("conferences.closed_badge"), color="grey-7")
            ui.button(t("conferences.open_round"), on_click=lambda: ui.navigate.to(target)).props(
                "flat dense no-caps").mark(f"open-round-{summary.round_id}")
    return card


async def _staff_list(actor: Actor) -> None:
    groups = await queries.organiser_groups(actor, now=utcnow())
    rounds = await queries.rounds_for_staff(actor, now=utcnow())
    with frame(actor, t("conferences.title")):
        if groups:
            with ui.expansion(t("conferences.new"), icon="add", value=not rounds).props(
                    "duration=0 header-class=text-weight-medium").classes(
                    "w-full bg-white rounded-borders shadow-1").mark("new-round"):
                with ui.column().classes("w-full gap-2 q-pa-sm"):
                    RoundForm(actor, groups).build()
        section_heading(t("conferences.my_rounds"))
        if not rounds:
            empty_state("event", "conferences.none_staff")
        for summary in rounds:
            _round_card(summary, staff=True)


async def _family_list(actor: Actor) -> None:
    rounds = await queries.family_rounds(actor, now=utcnow())
    with frame(actor, t("conferences.title")):
        if not rounds:
            empty_state("event", "conferences.none_family")
        for summary, children in rounds:
            with _round_card(summary, staff=False):
                for child in children:
                    start = child.slot_start
                    text = t("conferences.child_booked", child=child.name, when=when(start)) if start else \
                        t("conferences.child_unbooked", child=child.name)
                    ui.label(text).classes("text-body2" if start else "text-body2 text-negative").mark(
                        f"family-child-{summary.round_id}-{child.child_id}")


async def _round_page(actor: Actor, round_id: int) -> None:
    try:
        view = await queries.round_view(actor, round_id, now=utcnow())
    except (AccessDenied, NotFound) as error:
        with frame(actor, t("conferences.title")):
            refusal(error.key)
        return
    with frame(actor, t("conferences.title")):
        ui.link(t("conferences.back"), "/kalender/samtaler").classes("no-print").mark("back")
        if view.organiser_view:
            Schedule(actor, view).build()
        else:
            GuardianBooking(actor, view).build()


@page("/kalender/samtaler", *ROLES)
async def conferences_page(actor: Actor) -> None:
    """Rounds of conferences: a family's bookings, or the rounds staff made."""
    await (_family_list(actor) if actor.role is Role.PARENT else _staff_list(actor))


@page("/kalender/samtaler/{round_id}", *ROLES)
async def conference_round_page(actor: Actor, round_id: int) -> None:
    """One round: free slots to book for a family, the schedule for staff."""
    await _round_page(actor, round_id)
