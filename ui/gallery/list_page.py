"""GET /galleri: the albums the person may see, "Billeder af mit barn" for guardians, and "Nyt album" for staff."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.gallery import reading, service
from domain.gallery.model import AlbumCard, PhotoCard, Place
from domain.gallery.reach import album_places
from domain.gdpr.consents import PHOTO_KEY, ConsentChanged, consent_child_topic
from domain.identity.model import Actor, Role
from ui.components import empty_state, named_dialog, refuse, section_heading
from ui.frame import frame
from ui.gallery.parts import alt_text, grid_css, photo_count, thumbnail
from ui.guard import page
from ui.i18n import fmt_date, t
from ui.live import follow

PATH = "/galleri"
ROLES = (Role.PARENT, Role.STAFF, Role.LEADER)
STAFF = (Role.STAFF, Role.LEADER)
MY_CHILD_SHOWN = 24  # the newest photos of one's own child on the list page


def album_path(album_id: int) -> str:
    """An album's address."""
    return f"/galleri/{int(album_id)}"


def _album_card(album: AlbumCard, staff: bool) -> None:
    with ui.link(target=album_path(album.id)).classes("no-underline text-black").props(
            f'aria-label="{t("gallery.open_album", title=album.title)}"').mark(f"album-{album.id}"):
        with ui.card().classes("w-full gap-1 q-pa-sm"):
            if album.cover_photo_id is not None:
                thumbnail(album.cover_photo_id, "").classes("gallery-cover")
            else:
                with ui.element("div").classes("gallery-cover flex items-center justify-center"):
                    ui.icon("photo_library", size="xl", color="grey-6").props('aria-hidden="true"')
            ui.label(album.title).classes("text-subtitle1 text-weight-medium").style("overflow-wrap: anywhere")
            ui.label(f"{album.place} · {photo_count(album.photo_count)}").classes("text-caption text-grey-8")
            if staff:
                ui.label(t("gallery.expires", date=fmt_date(today_local(album.expires_at)))).classes(
                    "text-caption text-grey-8")
                if album.waiting:
                    ui.badge(t("gallery.waiting", n=album.waiting), color="orange-9").mark("album-waiting")


def _new_album_dialog(actor: Actor, places: list[Place]) -> ui.dialog:
    dialog = named_dialog(t("gallery.new_album"))
    options = {i: p.name for i, p in enumerate(places)}
    with dialog, ui.card().classes("w-full").style("max-width: 480px"):
        section_heading(t("gallery.new_album"))
        title = ui.input(t("gallery.album.title_label")).props("outlined autofocus maxlength=120 counter").classes(
            "w-full").mark("album-title")
        first_group = next((i for i, p in enumerate(places) if p.group_id is not None), 0)
        place = ui.select(options, value=first_group if options else None, label=t("gallery.album.place_label")).props(
            "outlined").classes("w-full").mark("album-place")

        async def create() -> None:
            chosen = places[int(place.value)] if place.value is not None else None
            try:
                album_id = await service.do_create_album(
                    actor, title=str(title.value or ""), now=utcnow(),
                    group_id=chosen.group_id if chosen else None,
                    institution_id=chosen.institution_id if chosen else None)
            except DomainError as error:
                refuse(error)
                return
            ui.notify(t("gallery.album.created"), type="positive")
            ui.navigate.to(album_path(album_id))

        title.on("keydown.enter", create)
        with ui.row().classes("justify-end w-full"):
            ui.button(t("gallery.cancel"), on_click=dialog.close).props("flat no-caps")
            ui.button(t("gallery.album.create"), icon="add_photo_alternate", on_click=create).props(
                "unelevated no-caps").mark("album-create")
    return dialog


class MyChildPhotos:
    """A guardian's "Billeder af mit barn" (per client): a withdrawn photo consent takes its photos away at once."""

    def __init__(self, actor: Actor, photos: list[PhotoCard]) -> None:
        self.actor, self.photos = actor, photos

    def follow_consents(self) -> None:
        """Follow the photo consents of one's own children and of every child tagged beside them."""
        children = set(self.actor.guardian_of) | {tag.child_id for p in self.photos for tag in p.tags}
        for child_id in sorted(children):  # each change names one child: no event arrives twice
            follow(consent_child_topic(child_id), self.on_consent)

    async def on_consent(self, event: Event) -> None:
        """Read the photos again when a photo consent of a followed child changed."""
        if not isinstance(event, ConsentChanged) or event.key != PHOTO_KEY:
            return
        now = utcnow()
        self.photos = await reading.my_childrens_photos(self.actor, today_local(now), now)
        self.section.refresh()

    @ui.refreshable_method
    def section(self) -> None:
        """The newest shown photos of one's own children, each a link to it in its album."""
        if not self.photos:
            ui.label(t("gallery.my_child.empty")).classes("text-grey-8").mark("my-child-empty")
            return
        with ui.element("div").classes("gallery-grid").mark("my-child-photos"):
            for n, photo in enumerate(self.photos[:MY_CHILD_SHOWN], start=1):
                with ui.link(target=f"{album_path(photo.album_id)}?foto={photo.id}").props(
                        f'aria-label="{t("gallery.photo.open", n=n)}"').mark(f"my-child-photo-{photo.id}"):
                    thumbnail(photo.id, alt_text(n, photo.caption))


@page(PATH, *ROLES)
async def gallery_page(actor: Actor) -> None:
    """The list of albums, newest first."""
    now = utcnow()
    today = today_local(now)
    albums = await reading.albums_for(actor, today, now)
    staff = actor.role in STAFF
    mine = await reading.my_childrens_photos(actor, today, now) if actor.role is Role.PARENT else []
    places = await album_places(actor) if staff else []
    with frame(actor, t("gallery.title")):
        grid_css()
        ui.label(t("gallery.intro_staff" if staff else "gallery.intro_parent")).classes("text-grey-8")
        if staff and places:
            dialog = _new_album_dialog(actor, places)
            ui.button(t("gallery.new_album"), icon="add_photo_alternate", on_click=dialog.open).props(
                "unelevated no-caps").mark("new-album")
        if not albums:
            empty_state("photo_library", "gallery.empty_staff" if staff else "gallery.empty_parent")
        else:
            with ui.element("div").classes("gallery-grid").style(
                    "grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px").mark("album-list"):
                for album in albums:
                    _album_card(album, staff)
        if actor.role is Role.PARENT:
            section_heading(t("gallery.my_child"))
            mine_part = MyChildPhotos(actor, mine)
            mine_part.section()
            mine_part.follow_consents()
