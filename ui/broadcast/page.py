"""The municipal admin's urgent broadcast (/kommune/krisebesked): compose with the exact count, confirm, send, list."""

from __future__ import annotations

from nicegui import app, ui

from domain.broadcast import service, stats
from domain.broadcast.model import BODY_MAX, MINUTES_MAX, MINUTES_MIN, TITLE_MAX
from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.rollout.model import Area
from domain.settings import Settings
from ui.broadcast.detail import PATH, fmt_count, summary_lines
from ui.broadcast.public import register_public
from ui.components import empty_state, named_dialog, refuse, section_heading
from ui.frame import frame
from ui.guard import page
from ui.i18n import error_text, t

DEFAULT_MINUTES = 60


class Compose:
    """The compose form: places, text, the e-mail fallback, the live guardian count and the confirmed send."""

    def __init__(self, actor: Actor, places: list[tuple[int, str]], *, can_email: bool) -> None:
        self.actor, self.places, self.can_email = actor, dict(places), can_email
        self.areas: dict[Area, ui.checkbox] = {}
        self.email: ui.switch | None = None

    def build(self) -> None:
        """Render the form."""
        with ui.card().classes("w-full"):
            section_heading(t("broadcast.compose"))
            ui.label(t("broadcast.areas")).classes("text-subtitle2")
            with ui.row().classes("gap-4"):
                for area in Area:
                    self.areas[area] = ui.checkbox(t(f"broadcast.area.{area.value}"),
                                                   on_change=self.recount).props(
                        f'data-area="{area.value}"').mark(f"area-{area.value}")
            self.chosen = ui.select(self.places, multiple=True, with_input=True, label=t("broadcast.institutions"),
                                    on_change=self.recount).props("outlined use-chips clearable").classes(
                "w-full").mark("broadcast-institutions")
            self.count = ui.label(t("broadcast.count.none")).classes("text-subtitle1 text-weight-medium").props(
                'data-x="broadcast-count"').mark("broadcast-count")
            self.title = ui.input(t("broadcast.field.title")).props(f"outlined maxlength={TITLE_MAX} counter").classes(
                "w-full").mark("broadcast-title")
            self.body = ui.textarea(t("broadcast.field.body")).props(
                f"outlined autogrow maxlength={BODY_MAX} counter").classes("w-full").mark("broadcast-body")
            if self.can_email:
                with ui.row().classes("items-center gap-3"):
                    self.email = ui.switch(t("broadcast.email_toggle"), value=True).mark("broadcast-email")
                    self.minutes = ui.number(t("broadcast.email_minutes"), value=DEFAULT_MINUTES, min=MINUTES_MIN,
                                             max=MINUTES_MAX, step=5, format="%d").props("outlined dense").classes(
                        "w-40").bind_visibility_from(self.email, "value")
            else:
                # Offering a choice that cannot happen would promise parents an e-mail nobody sends.
                with ui.row().classes("items-center no-wrap gap-2").mark("broadcast-email-off"):
                    ui.icon("info", color="grey-8", size="sm")
                    ui.label(t("broadcast.email_off")).classes("text-grey-8")
            ui.button(t("broadcast.send"), icon="campaign", color="negative", on_click=self.send).props(
                'no-caps data-x="broadcast-send"').mark("broadcast-send")

    def _choice(self) -> tuple[list[Area], list[int]]:
        areas = [area for area, box in self.areas.items() if box.value]
        return areas, [int(i) for i in (self.chosen.value or [])]

    def _minutes(self) -> int | None:
        if self.email is None or not self.email.value:
            return None
        value = self.minutes.value
        return int(value) if isinstance(value, int | float) else 0

    async def _counted(self) -> int | None:
        areas, ids = self._choice()
        if not areas and not ids:
            self.count.set_text(t("broadcast.count.none"))
            return None
        n = await service.count_broadcast_recipients(self.actor, areas=areas, institution_ids=ids, now=utcnow())
        self.count.set_text(t("broadcast.count", n=fmt_count(n)))
        return n

    async def recount(self) -> None:
        """Show the exact number of guardians the current choice reaches."""
        try:
            await self._counted()
        except DomainError as error:
            self.count.set_text(error_text(error))

    async def send(self) -> None:
        """Check the input, ask 'Send til N forældre?', then send and open the figures."""
        try:
            service.check_text(str(self.title.value or ""), str(self.body.value or ""), self._minutes())
            n = await self._counted()
            if n is None:
                raise DomainError("broadcast.error.no_institutions")
            if n == 0:
                raise DomainError("broadcast.error.no_recipients")
        except DomainError as error:
            refuse(error)
            return
        with named_dialog(t("broadcast.confirm", n=fmt_count(n))) as dialog, ui.card():
            section_heading(t("broadcast.confirm", n=fmt_count(n)))
            ui.label(t("broadcast.confirm_detail"))
            with ui.row():
                ui.button(t("common.cancel"), on_click=lambda: dialog.submit(False)).props("flat no-caps")
                ui.button(t("broadcast.confirm_send"), color="negative", on_click=lambda: dialog.submit(True)).props(
                    'no-caps data-x="broadcast-confirm"').mark("broadcast-confirm")
        if not await dialog:
            return
        areas, ids = self._choice()
        try:
            broadcast_id = await service.do_send_broadcast(
                self.actor, title=str(self.title.value or ""), body=str(self.body.value or ""), areas=areas,
                institution_ids=ids, email_after_minutes=self._minutes(), now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("broadcast.sent"), type="positive")
        ui.navigate.to(f"{PATH}/{broadcast_id}")


async def _list_page(actor: Actor, settings: Settings) -> None:
    places = [(p.id, p.name) for p in await service.broadcast_places(actor)]
    sent = await stats.list_broadcasts(actor)
    with frame(actor, t("broadcast.title")):
        ui.label(t("broadcast.intro")).classes("text-grey-8")
        Compose(actor, places, can_email=settings.smtp is not None).build()
        section_heading(t("broadcast.list")).classes("q-mt-md")
        if not sent:
            empty_state("campaign", "broadcast.empty")
        for summary in sent:
            with ui.card().classes("w-full cursor-pointer").props(f'data-broadcast="{summary.id}"').on(
                    "click", lambda s=summary: ui.navigate.to(f"{PATH}/{s.id}")):
                ui.link(summary.title, f"{PATH}/{summary.id}").classes("text-primary text-subtitle1 text-weight-medium")
                summary_lines(summary)


def register() -> None:
    """Add the public /krise, answered in front of every middleware."""
    register_public(app)


@page(PATH, Role.ADMIN)
async def broadcast_page(actor: Actor, settings: Settings) -> None:
    """The admin's urgent broadcasts: write one, count its recipients, follow the read figures."""
    await _list_page(actor, settings)
