"""The guardian's Samtykker: per child, each consent as a switch, and the child's photo (upload, delete)."""

from __future__ import annotations

from nicegui import events, ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.gdpr import consents, photos
from domain.gdpr.consents import PHOTO_KEY, ChildConsents
from domain.identity.model import Actor
from ui.accessibility.parts import name_upload
from ui.components import avatar, empty_state, refuse, section_heading
from ui.i18n import fmt_datetime, t


class FamilyConsents:
    """One guardian's open consents page (per client)."""

    def __init__(self, actor: Actor, children: list[ChildConsents]) -> None:
        self.actor = actor
        self.children = {c.child_id: c for c in children}

    async def reload(self, _child_id: int) -> None:
        """Read the family's consents again and redraw."""
        self.children = {c.child_id: c for c in await consents.family_consents(self.actor, utcnow())}
        self.cards.refresh()

    @ui.refreshable_method
    def cards(self) -> None:
        """One card per child."""
        if not self.children:
            empty_state("verified_user", "consents.no_children")
            return
        for child in self.children.values():
            self._card(child)

    def _card(self, child: ChildConsents) -> None:
        with ui.card().classes("w-full q-pa-sm").props(f"data-child={child.child_id}"):
            with ui.row().classes("items-center no-wrap gap-3"):
                avatar(child.initials, child.photo_url, size="56px", name=f"{child.first_name} {child.last_name}")
                section_heading(f"{child.first_name} {child.last_name}").classes("ellipsis")
            for ctype in child.types:
                self._consent(child, ctype)
            ui.separator()
            self._photo(child)

    def _consent(self, child: ChildConsents, ctype: consents.ConsentTypeView) -> None:
        given = ctype.id in child.given
        with ui.row().classes("w-full items-start no-wrap gap-2"):
            with ui.column().classes("gap-0 col min-w-0"):
                ui.label(ctype.name).classes("text-body1 text-weight-medium")
                if ctype.description:
                    ui.label(ctype.description).classes("text-caption text-grey-8")
                when = child.decided_at.get(ctype.id)
                if when is not None:
                    ui.label(t("consents.decided_at", when=fmt_datetime(when))).classes("text-caption text-grey-7")

            async def decide(e: events.ValueChangeEventArguments, type_id: int = ctype.id) -> None:
                await self._decide(child.child_id, type_id, bool(e.value))

            ui.switch(t("consents.given") if given else t("consents.not_given"), value=given,
                      on_change=decide).props(f"data-consent={child.child_id}-{ctype.key}").mark(
                f"consent-{child.child_id}-{ctype.key}")

    async def _decide(self, child_id: int, type_id: int, given: bool) -> None:
        try:
            await consents.do_decide(self.actor, child_id=child_id, consent_type_id=type_id, given=given,
                                     now=utcnow())
        except DomainError as error:
            refuse(error)
        else:
            ui.notify(t("consents.saved_given" if given else "consents.saved_withdrawn"), type="positive")
        await self.reload(child_id)

    def _photo(self, child: ChildConsents) -> None:
        ui.label(t("consents.photo.title")).classes("text-subtitle2")
        stored = photos.has_stored_photo(child.child_id)
        photo_ok = any(ct.key == PHOTO_KEY and ct.id in child.given for ct in child.types)
        state = "consents.photo.none" if not stored else (
            "consents.photo.shown" if photo_ok else "consents.photo.hidden")
        ui.label(t(state)).classes("text-caption text-grey-8").mark(f"photo-state-{child.child_id}")

        async def upload(e: events.UploadEventArguments, child_id: int = child.child_id) -> None:
            try:
                await photos.do_set_photo(self.actor, child_id=child_id, data=await e.file.read(), now=utcnow())
            except DomainError as error:
                refuse(error)
                return
            ui.notify(t("consents.photo.saved"), type="positive")
            await self.reload(child_id)

        photo_upload = ui.upload(label=t("consents.photo.upload"), auto_upload=True, on_upload=upload,
                  max_file_size=photos.MAX_BYTES,
                  on_rejected=lambda: ui.notify(t("consents.photo.too_large", mb=photos.MAX_BYTES // 1024 // 1024),
                                                type="negative")).props(
            'accept=".jpg,.jpeg,.png,.webp" flat bordered').classes("w-full").mark(f"photo-upload-{child.child_id}")
        name_upload(photo_upload, t("a11y.field.of_day", day=f"{child.first_name} {child.last_name}",
                                    field=t("consents.photo.upload")))
        if stored:
            async def remove(child_id: int = child.child_id) -> None:
                try:
                    await photos.do_remove_photo(self.actor, child_id=child_id, now=utcnow())
                except DomainError as error:
                    refuse(error)
                    return
                ui.notify(t("consents.photo.removed"), type="positive")
                await self.reload(child_id)

            ui.button(t("consents.photo.remove"), icon="delete", on_click=remove).props(
                "flat no-caps color=negative").mark(f"photo-remove-{child.child_id}")


async def family_page(actor: Actor) -> None:
    """The guardian's page content."""
    ui.label(t("consents.intro")).classes("text-body2 text-grey-8")
    page = FamilyConsents(actor, await consents.family_consents(actor, utcnow()))
    with ui.column().classes("w-full gap-3"):
        page.cards()
