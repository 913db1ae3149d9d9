"""Import fra registre (/kommune/import): upload, check and apply the municipal files; the pipeline overview."""

from __future__ import annotations

from nicegui import ui

from domain.errors import AccessDenied
from domain.identity.model import Actor
from domain.provisioning.pipeline import admin_municipality
from ui import session_guard
from ui.frame import frame, refusal
from ui.guard import SIGNED_IN, page
from ui.i18n import current_language, t
from ui.provisioning.pipeline import PipelineView
from ui.provisioning.upload import ImportPanel


async def _page(actor: Actor) -> None:
    lang = current_language()
    with frame(actor, t("prov.title", lang)):
        try:
            await admin_municipality(actor, "provisioning.page")
        except AccessDenied:
            refusal("error.access_denied")
            return
        overview = PipelineView(actor, lang)

        async def applied() -> None:
            await overview.show.refresh()

        with ui.tabs().classes("w-full").props("align=left no-caps") as tabs:
            upload_tab = ui.tab("import", t("prov.tab.import", lang)).mark("tab-import")
            ui.tab("pipeline", t("prov.tab.pipeline", lang)).mark("tab-pipeline")
        with ui.tab_panels(tabs, value=upload_tab, animated=False).classes("w-full bg-transparent"):
            with ui.tab_panel("import").classes("gap-3 q-px-none"):
                ImportPanel(actor, lang, applied).build()
            with ui.tab_panel("pipeline").classes("gap-3 q-px-none"):
                await overview.show()


def register() -> None:
    """Add /kommune/import and the route that ends a deactivated person's session."""
    session_guard.register()


@page("/kommune/import", *SIGNED_IN)
async def provisioning_page(actor: Actor) -> None:
    """Import from the registers: upload, check and apply."""
    await _page(actor)
