"""The photo view: the display size, caption, tagged children and a download; for staff caption, tags and decisions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.gallery import service
from domain.gallery.model import HELD, NO_CONSENT, NO_CONSENT_REASON, REPORT_MAX, PhotoCard, Taggable
from domain.identity.model import Actor
from ui.components import confirm, refuse, section_heading
from ui.gallery.files_route import photo_url
from ui.gallery.parts import STATE_TEXT, alt_text
from ui.i18n import t

Changed = Callable[[int], Awaitable[PhotoCard | None]]  # reload the page; the photo as it is now, if still there


class PhotoView:
    """One dialog per page, showing whichever photo was opened (per client)."""

    def __init__(self, actor: Actor, manage: bool, taggable: tuple[Taggable, ...], changed: Changed) -> None:
        self.actor, self.manage, self.taggable, self.changed = actor, manage, taggable, changed
        self.photo: PhotoCard | None = None
        self.number = 0
        self.landing: ui.element | None = None  # where the focus goes after the dialog was redrawn
        self.dialog = ui.dialog().props("maximized-on-mobile")
        self.dialog.props['aria-label'] = t("gallery.photo.open", n="")
        with self.dialog, ui.card().classes("w-full q-pa-sm").style("max-width: 960px"):
            self.content()

    def open(self, photo: PhotoCard, number: int) -> None:
        """Show one photo."""
        self.photo, self.number = photo, number
        self.dialog.props['aria-label'] = t("gallery.photo.open", n=number)
        self.content.refresh()
        self.dialog.open()

    def replace(self, photos: list[PhotoCard]) -> None:
        """The page read its photos again: show the open photo as it is now, or close when it is no longer shown."""
        if self.photo is None:
            return
        now = next((p for p in photos if p.id == self.photo.id), None)
        if now is None:
            self.photo = None
            self.dialog.close()
            self.content.refresh()
        elif now != self.photo:
            self.photo = now
            self.content.refresh()

    async def _write(self, write: Awaitable[object], done: str) -> bool:
        try:
            await write
        except DomainError as error:
            refuse(error)
            return False
        if done:
            ui.notify(done, type="positive")
        if self.photo is not None:
            self.photo = await self.changed(self.photo.id)
            if self.photo is None:
                self.dialog.close()
            else:
                await self.content.refresh()  # (NiceGUI 3.18 redraws in the background unless awaited)
                self._land()
        return True

    def _land(self) -> None:
        """Put the focus back in the redrawn dialog (the pressed button is gone), on its state or its heading."""
        if self.landing is not None:
            # The pressed button's slot is gone with it: ask the dialog's client, not the handler's context.
            self.dialog.client.run_javascript(
                f"setTimeout(() => document.getElementById('c{self.landing.id}')?.focus(), 50)")

    def _staff_part(self, photo: PhotoCard) -> None:
        caption = ui.input(t("gallery.caption"), value=photo.caption).props(
            "outlined counter maxlength=500").classes("w-full").mark("photo-caption")
        ui.button(t("gallery.caption.save"), icon="save", on_click=lambda: self._write(
            service.do_set_caption(self.actor, photo.id, str(caption.value or "")), t("gallery.caption.saved"))).props(
            "outline no-caps").mark("photo-caption-save")
        tagged = {tag.child_id for tag in photo.tags}
        options = {c.child_id: (c.name if c.consent else t("gallery.tag.no_consent_option", name=c.name))
                   for c in self.taggable if c.child_id not in tagged}
        with ui.row().classes("items-center w-full gap-2 no-wrap"):
            chosen = ui.select(options, label=t("gallery.tag.label"), with_input=True).props("outlined").classes(
                "grow").mark("photo-tag-select")

            async def tag() -> None:
                if chosen.value is None:
                    return
                name = next((c.name for c in self.taggable if c.child_id == chosen.value), "")
                await self._write(service.do_tag_child(self.actor, photo.id, int(chosen.value), now=utcnow()),
                                  t("gallery.tag.added", name=name))

            ui.button(t("gallery.tag.add"), icon="sell", on_click=tag).props("unelevated no-caps").mark(
                "photo-tag-add")
        with ui.row().classes("gap-2"):
            if photo.state in (HELD, NO_CONSENT):
                ui.button(t("gallery.confirm"), icon="check_circle", on_click=lambda: self._write(
                    service.do_confirm_photo(self.actor, photo.id, now=utcnow()), t("gallery.confirmed"))).props(
                    "unelevated no-caps color=positive").mark("photo-confirm")
                ui.label(t("gallery.confirm.hint")).classes("text-caption text-grey-8")
            else:
                ui.button(t("gallery.hold"), icon="visibility_off", on_click=lambda: self._write(
                    service.do_hold_photo(self.actor, photo.id), t("gallery.held"))).props(
                    "outline no-caps color=orange-10").mark("photo-hold")

            async def remove() -> None:
                if await confirm(t("gallery.remove.question"), t("gallery.remove"), "photo-remove-yes"):
                    await self._write(service.do_remove_photo(self.actor, photo.id), t("gallery.removed"))

            ui.button(t("gallery.remove"), icon="delete", on_click=remove).props("flat no-caps color=negative").mark(
                "photo-remove")

    @ui.refreshable_method
    def content(self) -> None:
        """The opened photo."""
        photo = self.photo
        if photo is None:
            return
        with ui.row().classes("items-center justify-between w-full no-wrap"):
            self.landing = section_heading(alt_text(self.number, "")).props("tabindex=-1")
            ui.button(icon="close", on_click=self.dialog.close).props(
                f'flat round aria-label="{t("gallery.photo.close")}"').mark("photo-close")
        ui.element("img").props(f'src="{photo_url(photo.id, "display")}" '
                                f'alt="{alt_text(self.number, photo.caption).replace(chr(34), chr(39))}"').style(
            "max-width: 100%; max-height: 70vh; object-fit: contain; margin: 0 auto; display: block").mark(
            "photo-display")
        if photo.state in (HELD, NO_CONSENT):
            reported = photo.state == HELD and photo.held_reason not in ("", NO_CONSENT_REASON)
            text = t("gallery.state.reported", reason=photo.held_reason) if reported else t(STATE_TEXT[photo.state])
            self.landing = ui.label(text).classes("text-orange-10 text-weight-medium").style(
                "overflow-wrap: anywhere").props("tabindex=-1").mark("photo-state")
        if photo.caption:
            ui.label(photo.caption).classes("text-body1").style("overflow-wrap: anywhere").mark("photo-caption-text")
        ui.label(t("gallery.photo.tags")).classes("text-subtitle2")
        if not photo.tags:
            ui.label(t("gallery.photo.no_tags")).classes("text-grey-8")
        with ui.row().classes("gap-1"):
            for tag in photo.tags:
                chip = ui.chip(tag.name, icon="face").mark(f"photo-tag-{tag.child_id}")
                if self.manage:
                    chip.props(f'removable remove-aria-label="{t("gallery.tag.remove", name=tag.name)}"')
                    chip.on("remove", lambda _, c=tag.child_id: self._write(
                        service.do_untag_child(self.actor, photo.id, c), ""))
        ui.link(t("gallery.photo.download"), photo_url(photo.id, "original")).props("download").classes(
            "text-primary").mark("photo-download")
        if self.manage:
            self._staff_part(photo)
        else:
            self._report_part(photo)

    def _report_part(self, photo: PhotoCard) -> None:
        """Anmeld indhold: a reason, then the photo is hidden until staff decide."""
        with ui.expansion(t("gallery.report"), icon="flag").classes("w-full").mark("photo-report"):
            ui.label(t("gallery.report.hint")).classes("text-caption text-grey-8")
            reason = ui.input(t("gallery.report.reason")).props(f"outlined counter maxlength={REPORT_MAX}").classes(
                "w-full").mark("photo-report-reason")
            ui.button(t("gallery.report.send"), icon="flag", on_click=lambda: self._write(
                service.do_report_photo(self.actor, photo.id, reason=str(reason.value or ""), now=utcnow()),
                t("gallery.report.sent"))).props("outline no-caps color=negative").mark("photo-report-send")
