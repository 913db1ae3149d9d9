"""Homes for leaders, the municipal admin, the project team and PPR."""

from __future__ import annotations

from nicegui import ui

from domain.clock import start_of_local_day, today_local
from domain.events import Event
from domain.identity import service as identity
from domain.identity.model import LOGINS_TOPIC, Actor, Role
from domain.organisation import service
from domain.organisation.service import InstitutionSummary
from ui.components import empty_state, kind_badge
from ui.frame import frame, load_or_refuse
from ui.guard import SIGNED_IN, page
from ui.home.staff import cross_group_chip, group_chip
from ui.i18n import t, tn
from ui.live import follow


def _institution_header(s: InstitutionSummary) -> None:
    with ui.row().classes("items-center gap-2"):
        kind_badge(s.institution.kind)
        ui.label(f"{t('leader.number')}: {s.institution.number}").classes("text-grey-8")
        ui.label(s.institution.address).classes("text-grey-8")
    ui.label(f"{tn('staff.children', s.children)} · {tn('staff.staff', s.staff)}")


async def _leader_page(actor: Actor, institution_id: int | None) -> None:
    target = institution_id or min(actor.leader_institutions, default=0)
    found = await load_or_refuse(actor, t("nav.leader"), service.institution_admin(actor, target, today_local()))
    if found is None:
        return
    summary, staff = found
    with frame(actor, t("leader.title", name=summary.institution.name)):
        _institution_header(summary)
        ui.link(t("crossgroups.title"), "/kommune/grupper").classes("text-primary").mark("crossgroups-link")
        with ui.card().classes("w-full"):
            ui.label(t("staff.groups")).classes("text-subtitle1 text-weight-medium")
            with ui.row().classes("gap-2"):
                for g in summary.groups:
                    group_chip(g, False)
        with ui.card().classes("w-full"):
            ui.label(t("leader.staff")).classes("text-subtitle1 text-weight-medium")
            rows = [{"name": m.name, "role": t(f"staffrole.{m.role.value}"),
                     "superuser": "✓" if m.superuser else ""} for m in staff]
            ui.table(columns=[
                {"name": "name", "label": t("table.name"), "field": "name", "align": "left", "sortable": True},
                {"name": "role", "label": t("table.role"), "field": "role", "align": "left"},
                {"name": "superuser", "label": t("leader.superuser"), "field": "superuser"},
            ], rows=rows, row_key="name").props("flat dense").classes("w-full").mark("staff-table")


async def _live_logins() -> None:
    """Today's login count, raised live by every login anywhere (the first adoption figure)."""
    count = await identity.logins_since(start_of_local_day())
    with ui.card().classes("q-pa-sm"):
        with ui.row().classes("items-center gap-2"):
            ui.icon("login", color="primary")
            ui.label(t("municipality.logins_today")).classes("text-grey-8")
            figure = ui.label(str(count)).classes("text-h6").mark("logins-today")

    def on_login(_event: Event) -> None:
        figure.set_text(str(int(figure.text) + 1))

    follow(LOGINS_TOPIC, on_login)


@page("/leder", Role.LEADER)
async def leader_home(actor: Actor, institution: int | None = None) -> None:
    """A leader's institution: staff, groups and administration."""
    await _leader_page(actor, institution)


@page("/kommune", *SIGNED_IN)
async def municipality_home(actor: Actor) -> None:
    """The municipality's institutions with their figures, and today's logins live."""
    found = await load_or_refuse(actor, t("municipality.title"), service.municipality_overview(actor, today_local()))
    if found is None:
        return
    summaries, cross = found
    today = today_local()
    with frame(actor, t("municipality.title")):
        totals = await service.municipality_totals(actor, today)
        ui.label(t("municipality.totals", inst=totals.institutions, kids=totals.children,
                   staff=totals.staff)).classes("text-grey-8").mark("totals")
        await _live_logins()
        rows = [{"id": s.institution.id, "name": s.institution.name, "number": s.institution.number,
                 "kind": t(f"kind.{s.institution.kind.value}"), "children": s.children, "staff": s.staff,
                 "groups": len(s.groups)} for s in summaries]
        ui.table(columns=[
            {"name": "name", "label": t("table.institution"), "field": "name", "align": "left", "sortable": True},
            {"name": "kind", "label": t("table.kind"), "field": "kind", "align": "left", "sortable": True},
            {"name": "number", "label": t("leader.number"), "field": "number", "align": "left"},
            {"name": "children", "label": t("table.children"), "field": "children", "sortable": True},
            {"name": "staff", "label": t("table.staff"), "field": "staff", "sortable": True},
            {"name": "groups", "label": t("table.groups"), "field": "groups", "sortable": True},
        ], rows=rows, row_key="id", pagination=20).props("flat dense").classes("w-full").mark("institutions")
        ui.label(t("municipality.cross")).classes("text-subtitle1 text-weight-medium")
        ui.link(t("crossgroups.title"), "/kommune/grupper").classes("text-primary").mark("crossgroups-link")
        with ui.row().classes("gap-2"):
            for g in cross:
                cross_group_chip(g, today)


@page("/sager", Role.PPR)
async def ppr_home(actor: Actor) -> None:
    """A PPR consultant's cases."""
    cases = await service.ppr_cases(actor)
    with frame(actor, t("cases.title")):
        if not cases:
            empty_state("folder_off", "cases.empty")
        for c in cases:
            ui.button(f"{c.first_name} {c.last_name}", on_click=lambda c=c: ui.navigate.to(f"/barn/{c.id}")).props(
                "flat no-caps align=left").classes("w-full")
