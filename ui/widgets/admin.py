"""The municipal admin's register of suppliers' widgets: list, switch on and off, register a new one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.settings import Settings
from domain.widgets.model import WIDGET_ROLES, Placement
from domain.widgets.suppliers import (
    SupplierWidget,
    WidgetDraft,
    do_register_widget,
    do_set_widget_active,
    http_hosts,
    institution_choices,
    list_widgets,
)
from ui.components import empty_state, named_dialog, refuse, section_heading
from ui.frame import frame, load_or_refuse
from ui.guard import SIGNED_IN, page
from ui.i18n import error_text, t

PATH = "/kommune/widgets/leverandoerer"
SHOWN_NAMES = 6


def _roles_text(roles: list[Role]) -> str:
    return ", ".join(t(f"role.{r.value}") for r in roles)


def _institutions_text(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES]) + (" …" if len(names) > SHOWN_NAMES else "")
    return t("extwidget.admin.institutions", n=len(names), names=shown)


def _widget_card(actor: Actor, w: SupplierWidget) -> None:
    async def toggle(active: bool) -> None:
        try:
            await do_set_widget_active(actor, w.id, active)
        except DomainError as error:
            refuse(error)

    with ui.card().classes("w-full q-pa-sm gap-1").mark(f"supplier-widget-{w.id}"):
        with ui.row().classes("w-full items-center justify-between no-wrap"):
            with ui.column().classes("gap-0"):
                ui.label(w.name).classes("text-subtitle1 text-weight-medium")
                ui.label(w.supplier).classes("text-grey-8")
            ui.switch(t("extwidget.admin.active"), value=w.active,
                      on_change=lambda e: toggle(bool(e.value))).mark(f"active-{w.id}")
        ui.label(w.url).classes("text-caption text-grey-8").style("word-break: break-all")
        ui.label(f"{t('extwidget.admin.placement')}: {t(f'extwidget.placement.{w.placement.value}')} · "
                 f"{t('extwidget.admin.roles', roles=_roles_text(w.roles))}").classes("text-body2")
        ui.label(_institutions_text(w.institutions)).classes("text-body2 text-grey-8")


async def register_dialog(actor: Actor, allowed_http: frozenset[str],
                          on_registered: Callable[[], Awaitable[None]]) -> None:
    """The 'Registrér widget' dialog; a refusal is shown in it and what was typed stays."""
    choices = dict(await institution_choices(actor))
    heading = t("extwidget.admin.new")
    with named_dialog(heading) as dialog, ui.card().classes("w-full max-w-lg gap-2").mark("register-dialog"):
        section_heading(heading)
        name = ui.input(t("extwidget.field.name")).props("dense outlined maxlength=120").classes("w-full").mark(
            "widget-name")
        supplier = ui.input(t("extwidget.field.supplier")).props("dense outlined maxlength=120").classes(
            "w-full").mark("widget-supplier")
        url = ui.input(t("extwidget.field.url")).props("dense outlined maxlength=500").classes("w-full").mark(
            "widget-url")
        placement = ui.radio({p.value: t(f"extwidget.placement.{p.value}") for p in Placement},
                             value=Placement.SIDE.value).props("inline").mark("widget-placement")
        ui.label(t("extwidget.field.roles")).classes("text-subtitle2")
        with ui.row().classes("gap-2"):
            roles = {r: ui.checkbox(t(f"role.{r.value}")).mark(f"widget-role-{r.value}")
                     for r in sorted(WIDGET_ROLES, key=list(Role).index)}
        places = ui.select(choices, multiple=True, label=t("extwidget.field.institutions"), value=[]).props(
            "dense outlined use-chips").classes("w-full").mark("widget-institutions")
        mobile = ui.checkbox(t("extwidget.field.mobile"), value=True).mark("widget-mobile")
        problem = ui.label("").classes("text-negative").mark("register-error")

        async def create() -> None:
            draft = WidgetDraft(name.value or "", supplier.value or "", url.value or "", str(placement.value),
                                [r.value for r, box in roles.items() if box.value], list(places.value or []),
                                bool(mobile.value))
            try:
                await do_register_widget(actor, draft, utcnow(), allowed_http=allowed_http)
            except DomainError as error:
                problem.set_text(error_text(error))
                refuse(error)
                return
            dialog.close()
            ui.notify(t("extwidget.admin.registered"), type="positive")
            await on_registered()

        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
            ui.button(t("extwidget.create"), on_click=create).props("no-caps").mark("register-widget")
    dialog.open()


@page(PATH, *SIGNED_IN)
async def supplier_widgets(actor: Actor, settings: Settings) -> None:
    """Suppliers' widgets of the municipality: register, switch on and off (https only outside development)."""
    allowed_http = http_hosts(settings.public_url, settings.dev_idp_enabled)
    widgets = await load_or_refuse(actor, t("extwidget.admin.title"), list_widgets(actor))
    if widgets is None:
        return
    with frame(actor, t("extwidget.admin.title")):
        ui.label(t("extwidget.admin.hint")).classes("text-grey-8")
        ui.label(t("extwidget.admin.jwks", url=f"{settings.public_url}/api/widgets/jwks")).classes(
            "text-caption text-grey-7")

        @ui.refreshable
        def listing(rows: list[SupplierWidget]) -> None:
            if not rows:
                empty_state("extension", "extwidget.admin.empty")
            for w in rows:
                _widget_card(actor, w)

        async def reload() -> None:
            listing.refresh(await list_widgets(actor))

        ui.button(t("extwidget.admin.new"), icon="add",
                  on_click=lambda: register_dialog(actor, allowed_http, reload)).props("no-caps").mark(
            "new-widget")
        with ui.column().classes("w-full gap-2").mark("supplier-widgets"):
            listing(widgets)
