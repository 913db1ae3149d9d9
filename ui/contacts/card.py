"""The "Kontaktoplysninger" card on the profile: phone, e-mail, picture, and what the class may see of them."""

from __future__ import annotations

from nicegui import events, ui

from domain.clock import utcnow
from domain.contacts import picture, service
from domain.contacts.model import MyContact, Sharing
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from ui.accessibility.parts import name_upload
from ui.components import avatar, refuse
from ui.i18n import t


class ContactCard:
    """One guardian's open card (per client): the fields, the three choices and the picture."""

    def __init__(self, actor: Actor, mine: MyContact) -> None:
        self.actor, self.mine = actor, mine

    async def save(self) -> None:
        """Store everything at once; a refusal says why and leaves the fields as typed."""
        choice = Sharing(bool(self.share_phone.value), bool(self.share_email.value), bool(self.share_picture.value))
        try:
            self.mine = await service.do_save_contact(self.actor, phone=str(self.phone.value or ""),
                                                      email=str(self.email.value or ""), sharing=choice, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.phone.value = self.mine.phone  # shown the way it is stored: "+45 12 34 56 78"
        ui.notify(t("contacts.saved"), type="positive")

    async def upload(self, e: events.UploadEventArguments) -> None:
        """Store a new picture and show it."""
        try:
            url = await service.do_set_picture(self.actor, data=await e.file.read(), now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.mine = MyContact(**{**self.mine.__dict__, "picture_url": url})
        ui.notify(t("contacts.picture.saved"), type="positive")
        self.picture_part.refresh()

    async def remove(self) -> None:
        """Delete the picture."""
        try:
            await service.do_remove_picture(self.actor, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.mine = MyContact(**{**self.mine.__dict__, "picture_url": ""})
        ui.notify(t("contacts.picture.removed"), type="positive")
        self.picture_part.refresh()

    @ui.refreshable_method
    def picture_part(self) -> None:
        """The picture, or a note that there is none, and the ways to change it."""
        with ui.row().classes("items-center gap-3"):
            initials = "".join(part[:1] for part in self.mine.name.split()[:2]).upper()
            avatar(initials, self.mine.picture_url, size="72px", name=self.mine.name)
            if not self.mine.picture_url:
                ui.label(t("contacts.picture.none")).classes("text-grey-8").mark("contact-no-picture")
            else:
                ui.button(t("contacts.picture.remove"), icon="delete", on_click=self.remove).props(
                    "flat no-caps color=negative").mark("contact-picture-remove")

    def build(self) -> None:
        """Draw the card."""
        with ui.card().classes("w-full gap-2").mark("contact-card"):
            ui.label(t("contacts.card.title")).classes("text-subtitle1 text-weight-medium")
            ui.label(t("contacts.card.hint")).classes("text-grey-8")
            self.phone = ui.input(t("contacts.phone"), value=self.mine.phone).props(
                'type=tel autocomplete=tel inputmode=tel outlined').classes("w-full").mark("contact-phone")
            ui.label(t("contacts.phone.hint")).classes("text-caption text-grey-8")
            self.email = ui.input(t("contacts.email"), value=self.mine.email).props(
                'type=email autocomplete=email outlined').classes("w-full").mark("contact-email")
            ui.label(t("contacts.email.hint")).classes("text-caption text-grey-8")
            ui.label(t("contacts.share.title")).classes("text-subtitle2 q-mt-sm")
            self.share_phone = ui.checkbox(t("contacts.share.phone"), value=self.mine.sharing.phone).mark(
                "share-phone")
            self.share_email = ui.checkbox(t("contacts.share.email"), value=self.mine.sharing.email).mark(
                "share-email")
            self.share_picture = ui.checkbox(t("contacts.share.picture"), value=self.mine.sharing.picture).mark(
                "share-picture")
            ui.button(t("contacts.save"), icon="save", on_click=self.save).props("unelevated no-caps").mark(
                "contact-save")
            ui.separator()
            ui.label(t("contacts.picture")).classes("text-subtitle2")
            ui.label(t("contacts.picture.hint")).classes("text-caption text-grey-8")
            self.picture_part()
            chooser = ui.upload(label=t("contacts.picture.upload"), auto_upload=True, on_upload=self.upload,
                                max_file_size=picture.MAX_BYTES,
                                on_rejected=lambda: ui.notify(t("contacts.picture.too_large",
                                                                mb=picture.MAX_BYTES // 1024 // 1024),
                                                              type="negative")).props(
                'accept=".jpg,.jpeg,.png,.webp" flat bordered').classes("w-full").mark("contact-picture-upload")
            name_upload(chooser, t("contacts.picture.upload"))


async def contact_card(actor: Actor) -> None:
    """The card for a guardian (other roles keep their details with the municipality)."""
    if actor.role is not Role.PARENT:
        return
    ContactCard(actor, await service.my_contact(actor)).build()
