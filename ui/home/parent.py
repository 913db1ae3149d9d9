"""Overblik: a guardian's children with their institutions and groups, and each child's KommeGå day, live."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.organisation import children
from domain.presence.family import ChildDay, family_days
from domain.settings import Settings
from ui.broadcast.banner import broadcast_banner
from ui.components import avatar, empty_state, enrolment_line
from ui.conferences.pending import pending_conferences
from ui.contacts.links import contact_list_links
from ui.forms.pending import pending_forms
from ui.frame import frame
from ui.guard import page
from ui.i18n import t
from ui.onboarding.walkthrough import first_login
from ui.posts.feed import post_feed
from ui.presence.absence_family import AbsenceList, show_all, sick_today
from ui.presence.parent_parts import LiveStatus
from ui.vacation.pending import pending_vacation
from ui.widgets.area import WidgetArea


def _presence(actor: Actor, day: ChildDay, lists: list[AbsenceList]) -> None:
    """The child's live status and today's plan, its reported absences, and the way to plan it."""
    with ui.row().classes("items-end justify-between no-wrap w-full q-mt-sm gap-2"):
        with ui.column().classes("gap-1 min-w-0"):
            LiveStatus(day.tile)
            if day.settings.closed_reason(today_local()):
                ui.label(t("pp.closed_today")).classes("text-caption text-grey-8")
            lists.append(AbsenceList(actor, [day.child_id], {day.settings.institution_id: day.settings},
                                     with_names=False, compact=True))
        # The card itself opens the child's page; the click.stop listener keeps this tap from reaching it.
        ui.button(t("pp.plan_button"), icon="edit_calendar",
                  on_click=lambda: ui.navigate.to(f"/kommegaa/plan/{day.child_id}")).props(
            "outline no-caps dense").classes("q-px-sm shrink-0").mark(f"plan-{day.child_id}").on(
            "click.stop", js_handler="() => {}")


@page("/overblik", Role.PARENT)
async def overblik(actor: Actor, settings: Settings) -> None:
    """Overblik: a guardian's children, their day in KommeGå, posts and widgets."""
    cards = await children.children_of_guardian(actor, today_local())
    try:
        days = {d.child_id: d for d in await family_days(actor, today_local(), history=False)}
    except DomainError:
        days = {}
    with frame(actor, t("overblik.title")):
        await broadcast_banner(actor)
        ui.label(t("overblik.hello", name=actor.name.split()[0])).classes("text-subtitle1 text-grey-8")
        await first_login(actor)  # the walkthrough at first login, then what was skipped
        await pending_conferences(actor)
        await pending_forms(actor)
        await pending_vacation(actor)
        if not cards:
            empty_state("child_care", "overblik.empty")
        if days:  # "Syg i dag" for one or all children: this tap and one in the dialog
            with ui.row().classes("items-center gap-2 w-full").mark("kommegaa-actions"):
                ui.button(t("pp.sick_today.button"), icon="sick", on_click=lambda: sick_today(actor)).props(
                    "outline no-caps color=negative").mark("sick-today")
        lists: list[AbsenceList] = []
        with ui.element("div").classes("grid grid-cols-1 md:grid-cols-2 gap-3 w-full"):
            for card in cards:
                with ui.card().classes("cursor-pointer w-full").mark(f"child-{card.id}").on(
                        "click", lambda c=card: ui.navigate.to(f"/barn/{c.id}")):
                    with ui.row().classes("items-center no-wrap gap-3"):
                        avatar(card.initials, card.photo_url, name=f"{card.first_name} {card.last_name}")
                        # The name is the link, so a keyboard reaches the child's page (the card's click is for
                        # the mouse; the card holds buttons of its own, which a link around it could not).
                        ui.link(f"{card.first_name} {card.last_name}", f"/barn/{card.id}").classes(
                            "text-primary text-h6")
                    if not card.current:
                        ui.label(t("child.not_enrolled")).classes("text-grey-7")
                    for enrolment in card.current:
                        enrolment_line(enrolment)
                    if card.id in days:
                        _presence(actor, days[card.id], lists)
        await contact_list_links(actor)
        await show_all(actor, lists)
        await post_feed(actor, first=3)
        await WidgetArea(actor, today_local(), settings.public_url).build()
