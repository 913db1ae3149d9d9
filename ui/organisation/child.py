"""A child's page: current institutions, the path 0-16 across institutions, guardians and pickups."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local
from domain.identity.model import Actor, Role
from domain.organisation import children
from domain.organisation.children import ChildProfile
from domain.settings import Settings
from ui.components import avatar, enrolment_line, kind_badge, section_heading, span_label
from ui.contacts.links import contact_list_links
from ui.frame import frame, load_or_refuse
from ui.gdpr.consent_badges import consent_badges
from ui.guard import SIGNED_IN, page
from ui.i18n import fmt_date, t
from ui.posts.feed import post_feed
from ui.stamkort.link import stamkort_link
from ui.widgets.area import WidgetArea


def _profile(p: ChildProfile) -> None:
    with ui.card().classes("w-full"):
        with ui.row().classes("items-center no-wrap gap-4"):
            avatar(p.card.initials, p.card.photo_url, size="64px", name=f"{p.card.first_name} {p.card.last_name}")
            with ui.column().classes("gap-0"):
                section_heading(f"{p.card.first_name} {p.card.last_name}").mark("child-name")
                if p.birth_date:
                    ui.label(f"{t('child.born')} {fmt_date(p.birth_date)} · {t('child.age', age=p.age)}").classes(
                        "text-grey-8")
                ui.label(f"{t('child.cpr')} {p.cpr_masked}").classes("text-caption text-grey-7")
        ui.label(t("child.now")).classes("text-subtitle2 q-mt-sm")
        if not p.card.current:
            ui.label(t("child.not_enrolled")).classes("text-grey-7")
        for e in p.card.current:
            enrolment_line(e)
    with ui.card().classes("w-full").mark("history"):
        ui.label(t("child.history")).classes("text-subtitle1 text-weight-medium")
        ui.label(t("child.history_hint")).classes("text-caption text-grey-7")
        with ui.timeline(side="right").classes("w-full"):
            for e in p.history:
                with ui.timeline_entry(title=e.institution_name, subtitle=span_label(e),
                                       icon="school" if e.institution_kind.value in ("skole", "bfo") else "child_care"):
                    with ui.row().classes("items-center gap-2"):
                        kind_badge(e.institution_kind)
                        if e.group_name:
                            ui.label(e.group_name)
    with ui.element("div").classes("grid grid-cols-1 md:grid-cols-2 gap-3 w-full"):
        with ui.card().classes("w-full"):
            ui.label(t("child.guardians")).classes("text-subtitle1 text-weight-medium")
            for name in p.guardians:
                ui.label(name)
        with ui.card().classes("w-full"):
            ui.label(t("child.pickup")).classes("text-subtitle1 text-weight-medium")
            if not p.pickup_persons:
                ui.label(t("child.pickup_empty")).classes("text-grey-7")
            for name in p.pickup_persons:
                ui.label(name)


async def _render(actor: Actor, child_id: int, title: str, widgets_from: str = "") -> None:
    profile = await load_or_refuse(actor, title, children.child_profile(actor, child_id, today_local()))
    if profile is None:
        return
    with frame(actor, f"{profile.card.first_name} {profile.card.last_name}"):
        if widgets_from:  # a child's own page is their Overblik too
            await WidgetArea(actor, today_local(), widgets_from).build()
            await post_feed(actor, first=3)
        _profile(profile)
        await contact_list_links(actor, child_id)
        await stamkort_link(actor, child_id)
        await consent_badges(actor, child_id)


@page("/barn/{child_id}", *SIGNED_IN)
async def child_page(actor: Actor, child_id: int) -> None:
    """A child's page: institutions 0-16, guardians and pickups."""
    await _render(actor, child_id, t("error.title"))


@page("/mig", Role.CHILD)
async def me_page(actor: Actor, settings: Settings) -> None:
    """A child's own page: their institutions, widgets and posts."""
    await _render(actor, actor.person_id, t("me.title"), widgets_from=settings.public_url)
