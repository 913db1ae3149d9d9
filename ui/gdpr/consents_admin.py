"""The admin's consent types: the list with edit dialogs, and a form for a new type."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.gdpr import consents
from domain.gdpr.consents import PHOTO_KEY, ConsentTypeView
from domain.identity.model import Actor
from ui.components import refuse
from ui.i18n import t


class TypesPage:
    """One admin's open consent-types page (per client)."""

    def __init__(self, actor: Actor, types: list[ConsentTypeView]) -> None:
        self.actor, self.types = actor, types

    async def reload(self) -> None:
        """Read the types again and redraw the list."""
        self.types = await consents.admin_types(self.actor, utcnow())
        self.listing.refresh()

    @ui.refreshable_method
    def listing(self) -> None:
        """One card per type."""
        for ctype in self.types:
            with ui.card().classes("w-full q-pa-sm").props(f"data-type={ctype.key}"):
                with ui.row().classes("w-full items-center no-wrap gap-2"):
                    with ui.column().classes("gap-0 col min-w-0"):
                        ui.label(ctype.name).classes("text-body1 text-weight-medium")
                        ui.label(ctype.key).classes("text-caption text-grey-7")
                        if ctype.description:
                            ui.label(ctype.description).classes("text-caption text-grey-8")
                    if ctype.builtin:
                        ui.badge(t("consents.admin.builtin"), color="grey-6")
                    ui.badge(t("consents.admin.active" if ctype.active else "consents.admin.inactive"),
                             color="positive" if ctype.active else "grey-5")
                    edit = ui.button(icon="edit", on_click=lambda c=ctype: self.edit(c)).props("flat round").mark(
                        f"edit-type-{ctype.key}")
                    edit.props["aria-label"] = t("consents.admin.edit_named", name=ctype.name)

    async def edit(self, ctype: ConsentTypeView) -> None:
        """A dialog to rename, describe and (de)activate a type."""
        with ui.dialog() as dialog, ui.card().classes("q-pa-md w-full"):
            name = ui.input(t("consents.admin.name"), value=ctype.name).props("outlined dense").classes(
                "w-full").mark("type-edit-name")
            description = ui.textarea(t("consents.admin.description"), value=ctype.description).props(
                "outlined dense").classes("w-full").mark("type-edit-description")
            active = ui.switch(t("consents.admin.active"), value=ctype.active).mark("type-edit-active")
            if ctype.key == PHOTO_KEY:
                active.disable()
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("common.cancel"), on_click=lambda: dialog.submit(False)).props("flat no-caps")
                ui.button(t("consents.admin.save"), on_click=lambda: dialog.submit(True)).props("no-caps").mark(
                    "type-edit-save")
        save = bool(await dialog)
        dialog.delete()
        if not save:
            return
        try:
            await consents.do_update_type(self.actor, ctype.id, name=str(name.value or ""),
                                          description=str(description.value or ""), active=bool(active.value))
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("consents.admin.saved"), type="positive")
        await self.reload()

    def new_form(self) -> None:
        """A new type: key, name, description."""
        with ui.card().classes("w-full q-pa-sm"):
            ui.label(t("consents.admin.new")).classes("text-subtitle1")
            key = ui.input(t("consents.admin.key"), placeholder=t("consents.admin.key_hint")).props(
                "outlined dense").classes("w-full").mark("type-key")
            name = ui.input(t("consents.admin.name")).props("outlined dense").classes("w-full").mark("type-name")
            description = ui.textarea(t("consents.admin.description")).props("outlined dense").classes(
                "w-full").mark("type-description")

            async def create() -> None:
                try:
                    await consents.do_create_type(self.actor, key=str(key.value or ""), name=str(name.value or ""),
                                                  description=str(description.value or ""), now=utcnow())
                except DomainError as error:
                    refuse(error)
                    return
                ui.notify(t("consents.admin.created"), type="positive")
                for field in (key, name, description):
                    field.value = ""
                await self.reload()

            ui.button(t("consents.admin.create"), icon="add", on_click=create).props("no-caps").mark("create-type")


async def types_page(actor: Actor) -> None:
    """The admin's page content (the access check is the domain's)."""
    page = TypesPage(actor, await consents.admin_types(actor, utcnow()))
    ui.label(t("consents.admin.intro")).classes("text-body2 text-grey-8")
    with ui.column().classes("w-full gap-2"):
        page.listing()
    page.new_form()
