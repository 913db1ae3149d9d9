"""GET /galleri/{album_id}: an album's photos as a lazily loaded grid, a page at a time; staff upload and decide."""

from __future__ import annotations

from nicegui import events, ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.gallery import reading, service
from domain.gallery.images import MAX_BYTES
from domain.gallery.model import HELD, NO_CONSENT, PAGE_SIZE, AlbumPage, PhotoCard
from domain.gdpr.consents import PHOTO_KEY, ConsentChanged, consent_institution_topic
from domain.identity.model import Actor
from ui.accessibility.parts import name_upload
from ui.components import empty_state, refuse
from ui.frame import frame, load_or_refuse
from ui.gallery.list_page import PATH as LIST_PATH
from ui.gallery.list_page import ROLES
from ui.gallery.parts import STATE_TEXT, alt_text, grid_css, thumbnail
from ui.gallery.photo_dialog import PhotoView
from ui.guard import page
from ui.i18n import error_text, t
from ui.live import follow

PATH = "/galleri/{album_id}"
EAGER = 12  # the thumbnails of the first screen load at once; the rest when scrolled near


class AlbumScreen:
    """One person's view of one album (per client): the photos loaded so far and the open photo."""

    def __init__(self, actor: Actor, first: AlbumPage) -> None:
        self.actor, self.album_id = actor, first.album.id
        self.page = first
        self.photos: list[PhotoCard] = list(first.photos)
        self.view = PhotoView(actor, first.manage, first.taggable, self.reload)

    async def _load(self, offset: int, limit: int) -> AlbumPage:
        now = utcnow()
        return await reading.album_page(self.actor, self.album_id, today_local(now), now, offset=offset, limit=limit)

    async def reload(self, photo_id: int | None = None) -> PhotoCard | None:
        """Read the photos shown so far again (after an upload or a decision); the given photo as it is now."""
        self.page = await self._load(0, max(PAGE_SIZE, len(self.photos)))
        self.photos = list(self.page.photos)
        self.grid.refresh()
        return next((p for p in self.photos if p.id == photo_id), None)

    async def on_consent(self, event: Event) -> None:
        """A photo consent changed in the album's institution: a withdrawn one hides its photos at once.

        Redrawn when the child is tagged in a photo loaded here; a consent given again may bring back photos a
        guardian does not see (and so has no tags of), so a guardian's page reads the album again then too.
        """
        if not isinstance(event, ConsentChanged) or event.key != PHOTO_KEY:
            return
        tagged = {tag.child_id for photo in self.photos for tag in photo.tags}
        if event.child_id not in tagged and not (event.given and not self.page.manage):
            return
        try:
            await self.reload()
        except DomainError:  # the album is gone or no longer the reader's: leave the page as it is
            return
        self.view.replace(self.photos)

    async def more(self) -> None:
        """The next page of thumbnails."""
        following = await self._load(len(self.photos), PAGE_SIZE)
        self.page = following
        self.photos.extend(following.photos)
        self.grid.refresh()

    async def open_photo(self, photo_id: int) -> None:
        """Open a photo by id, loading further pages until it is found (a link from "Billeder af mit barn")."""
        while all(p.id != photo_id for p in self.photos) and len(self.photos) < self.page.total:
            await self.more()
        for n, photo in enumerate(self.photos, start=1):
            if photo.id == photo_id:
                self.view.open(photo, n)

    async def upload(self, e: events.UploadEventArguments) -> None:
        """Store one chosen file (the uploader sends each on its own, with its own progress bar)."""
        name = e.file.name
        try:
            added = await service.do_add_photos(self.actor, self.album_id, [(name, await e.file.read())],
                                                now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        for refused in added.refused:
            reason = error_text(DomainError(refused.key, **refused.params))
            ui.notify(t("gallery.upload.refused", name=refused.name, reason=reason), type="negative",
                      multi_line=True, timeout=10000)
        if added.photo_ids:
            ui.notify(t("gallery.upload.added", name=name), type="positive")
            await self.reload()

    def uploader(self) -> None:
        """Staff's multi-file upload with a progress bar per file."""
        mb = MAX_BYTES // (1024 * 1024)
        chooser = ui.upload(label=t("gallery.upload"), multiple=True, auto_upload=True, on_upload=self.upload,
                            max_file_size=MAX_BYTES,
                            on_rejected=lambda: ui.notify(t("gallery.upload.rejected", mb=mb), type="negative")).props(
            'accept="image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp" flat bordered').classes("w-full").mark(
            "gallery-upload")
        name_upload(chooser, t("gallery.upload"))
        ui.label(t("gallery.upload.hint", mb=mb)).classes("text-caption text-grey-8")

    @ui.refreshable_method
    def grid(self) -> None:
        """The thumbnails loaded so far, and a button for more."""
        if not self.photos:
            which = "gallery.album.empty_staff" if self.page.manage else "gallery.album.empty_parent"
            empty_state("photo_library", which)
            return
        with ui.element("div").classes("gallery-grid").mark("photo-grid"):
            for n, photo in enumerate(self.photos, start=1):
                with ui.element("button").classes("gallery-thumb").props(
                        f'type="button" aria-label="{t("gallery.photo.open", n=n)}"').mark(f"photo-{photo.id}").on(
                        "click", lambda _, p=photo, i=n: self.view.open(p, i)):
                    thumbnail(photo.id, alt_text(n, photo.caption), eager=n <= EAGER)
                    if photo.state in (HELD, NO_CONSENT):
                        ui.icon("visibility_off", color="orange-10").classes(
                            "gallery-badge bg-white rounded-full").props(
                            f'aria-label="{t(STATE_TEXT[photo.state])}" role="img"')
        if len(self.photos) < self.page.total:
            ui.button(t("gallery.more", shown=len(self.photos), total=self.page.total), icon="expand_more",
                      on_click=self.more).props("outline no-caps").classes("self-center").mark("photo-more")


@page(PATH, *ROLES)
async def album_page(actor: Actor, album_id: int, foto: int | None = None) -> None:
    """One album, after the access check in the domain (audited)."""
    now = utcnow()
    first = await load_or_refuse(actor, t("gallery.title"), reading.album_page(actor, album_id, today_local(now), now))
    if first is None:
        return
    with frame(actor, first.album.title):
        grid_css()
        ui.link(t("gallery.back"), LIST_PATH).classes("text-primary").mark("gallery-back")
        ui.label(first.album.place).classes("text-grey-8")
        screen = AlbumScreen(actor, first)
        if first.manage:
            screen.uploader()
        screen.grid()
    follow(consent_institution_topic(first.album.institution_id), screen.on_consent)
    if foto is not None:
        await screen.open_photo(foto)
