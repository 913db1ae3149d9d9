"""The waves tab: a programme's waves with go-live dates; the team creates, renames, redates, fills and deletes them."""

from __future__ import annotations

from datetime import date

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from domain import access
from domain.collation import danish_key
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.rollout import waves
from domain.rollout.plan import ProgrammeView
from domain.rollout.plan_export import plan_csv, waves_csv
from domain.rollout.waves import WaveBoard, WaveDraft, WaveMemberView, WaveView
from ui.components import confirm, icon_button, named_dialog, refuse, section_heading
from ui.dates import date_input, problem
from ui.i18n import fmt_short_date, t, tn

NO_WAVE = 0  # the select's value for "in no wave"


def first_programme(programmes: list[ProgrammeView], today: date) -> ProgrammeView:
    """The programme running today, else the one starting next, else the latest."""
    running = [p for p in programmes if p.start <= today <= p.end]
    coming = sorted((p for p in programmes if p.start > today), key=lambda p: p.start)
    return (running or coming or sorted(programmes, key=lambda p: p.start, reverse=True))[0]


class WavesSection:
    """One programme's waves at a time; every change reloads the board from the domain."""

    def __init__(self, actor: Actor, today: date, programmes: list[ProgrammeView]) -> None:
        self.actor, self.today, self.programmes = actor, today, programmes
        self.can_edit = access.can_edit_rollout(actor).allowed
        self.programme_id = first_programme(programmes, today).id if programmes else 0
        self.board: WaveBoard | None = None

    async def build(self) -> None:
        """The programme choice, the undo line and the board."""
        if not self.programmes:
            ui.label(t("rollout.no_plan")).classes("text-grey-7")
            return
        names = {p.id: p.name for p in sorted(self.programmes, key=lambda p: danish_key(p.name))}
        ui.select(names, value=self.programme_id, label=t("rollout.field.programme"),
                  on_change=lambda e: self.choose(e.value)).props("dense outlined").classes("w-80") \
            .mark("wave-programme")
        self.undo_box = ui.row().classes("items-center gap-2 w-full")
        try:
            self.board = await waves.wave_board(self.actor, self.programme_id)
        except DomainError as error:
            refuse(error)
        with ui.column().classes("w-full gap-3") as self.home:
            self.render()

    async def choose(self, programme_id: int) -> None:
        """Show another programme's waves."""
        self.programme_id = programme_id
        self.undo_box.clear()
        await self.load()

    async def load(self) -> None:
        """Read the chosen programme's waves and redraw."""
        try:
            self.board = await waves.wave_board(self.actor, self.programme_id)
        except DomainError as error:
            refuse(error)
            return
        self.render.refresh()

    @ui.refreshable_method
    def render(self) -> None:
        """Each wave with its institutions, then the institutions in no wave."""
        board = self.board
        if board is None:
            return
        if self.can_edit:
            ui.button(t("rollout.wave.new"), icon="add", on_click=lambda: self.wave_dialog(None)) \
                .props("no-caps outline").mark("new-wave")
        if not board.waves:
            ui.label(t("rollout.wave.none")).classes("text-grey-8")
        for wave in board.waves:
            with ui.card().classes("w-full gap-1").mark(f"wave-{wave.id}"):
                with ui.row().classes("items-center gap-2 w-full"):
                    TextElement(tag="h2", text=wave.name).classes("text-subtitle1 text-weight-medium q-my-none")
                    ui.label(t("rollout.wave.go_live", date=fmt_short_date(wave.go_live))).classes("text-grey-8")
                    ui.label(tn("rollout.wave.count", len(wave.members))).classes("text-grey-8")
                    ui.space()
                    if self.can_edit:
                        icon_button("edit", t("rollout.wave.edit_named", name=wave.name),
                                    lambda w=wave: self.wave_dialog(w)).mark(f"wave-edit-{wave.id}")
                        icon_button("delete", t("rollout.wave.delete_named", name=wave.name),
                                    lambda w=wave: self.delete(w)).mark(f"wave-delete-{wave.id}")
                self._members(board, wave.members, wave.id)
        with ui.card().classes("w-full gap-1").mark("wave-none"):
            TextElement(tag="h2", text=t("rollout.wave.without", n=len(board.without))).classes(
                "text-subtitle1 text-weight-medium q-my-none")
            self._members(board, board.without, NO_WAVE)

    def _members(self, board: WaveBoard, members: tuple[WaveMemberView, ...], current: int) -> None:
        """One line per institution; the team moves it with the select beside its name."""
        choices = {w.id: w.name for w in board.waves} | {NO_WAVE: t("rollout.wave.no_wave")}
        for member in members:
            with ui.row().classes("items-center gap-2 w-full no-wrap"):
                ui.label(member.name).classes("col")
                if self.can_edit:
                    move = ui.select(choices, value=current, on_change=lambda e, m=member: self.move(m, e.value))
                    move.props("dense outlined options-dense").classes("w-56").mark(
                        f"wave-move-{member.institution_id}")
                    move.props["aria-label"] = t("rollout.wave.move_named", name=member.name)

    async def move(self, member: WaveMemberView, wave_id: int) -> None:
        """Put an institution in another wave (or none)."""
        try:
            await waves.do_move_institution(self.actor, member.institution_id, self.programme_id,
                                            wave_id or None)
        except DomainError as error:
            refuse(error)
        else:
            target = next((w.name for w in self.board.waves if w.id == wave_id), None) if self.board else None
            ui.notify(t("rollout.wave.moved", name=member.name, wave=target) if target else
                      t("rollout.wave.moved_out", name=member.name), type="positive")
        await self.load()

    def wave_dialog(self, existing: WaveView | None) -> None:
        """Create a wave, or rename it and change its go-live date; a refusal is shown and nothing is stored."""
        heading = t("rollout.wave.edit_named", name=existing.name) if existing else t("rollout.wave.new")
        with self.home, named_dialog(heading) as dialog, ui.card().classes("w-full max-w-md gap-2"):
            section_heading(heading)
            name = ui.input(t("rollout.wave.name"), value=existing.name if existing else "") \
                .props("dense outlined").mark("wave-name")
            go_live = date_input(t("rollout.wave.go_live_field"), existing.go_live if existing else self.today,
                                 "wave-go-live")
            members = None
            if existing is None and self.board is not None:
                # The institutions of the area in Danish order; one already in a wave moves to the new one.
                everyone = sorted([m for w in self.board.waves for m in w.members] + list(self.board.without),
                                  key=lambda m: danish_key(m.name))
                members = ui.select({m.institution_id: m.name for m in everyone}, multiple=True, value=[],
                                    label=t("rollout.wave.members")).props("dense outlined use-chips") \
                    .classes("w-full").mark("wave-members")

            async def save() -> None:
                day = go_live.checked()
                if day is None:
                    ui.notify(problem(go_live) or t("rollout.error.bad_date"), type="negative")
                    return
                try:
                    if existing:
                        await waves.do_update_wave(self.actor, existing.id, name.value or "", day)
                    else:
                        chosen = tuple(members.value or ()) if members is not None else ()
                        await waves.do_create_wave(self.actor, WaveDraft(self.programme_id, name.value or "", day,
                                                                         chosen))
                except DomainError as error:
                    refuse(error)
                    return
                dialog.close()
                ui.notify(t("rollout.saved"), type="positive")
                await self.load()

            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(t("common.save"), on_click=save).props("no-caps").mark("wave-save")
        dialog.open()

    async def delete(self, wave: WaveView) -> None:
        """Delete a wave after a question; its institutions go to 'no wave', and Fortryd brings it back."""
        if not await confirm(t("rollout.wave.confirm_delete", name=wave.name, n=len(wave.members)),
                             t("common.delete"), "wave-delete-confirm", home=self.home):
            return
        try:
            restore = await waves.do_delete_wave(self.actor, wave.id)
        except DomainError as error:
            refuse(error)
            return
        self.undo_box.clear()

        async def undo() -> None:
            try:
                await waves.do_create_wave(self.actor, restore)
            except DomainError as error:
                refuse(error)
                return
            self.undo_box.clear()
            await self.load()

        with self.undo_box:
            ui.label(t("rollout.wave.deleted", name=wave.name)).classes("text-body2").mark("wave-undo-text")
            ui.button(t("rollout.undo"), icon="undo", on_click=undo).props("outline dense no-caps").mark("wave-undo")
        await self.load()


def plan_exports(actor: Actor, today: date, programmes: list[ProgrammeView]) -> None:
    """Buttons for the plan and the waves as CSV for Danish Excel."""

    async def waves_file() -> None:
        ui.download(waves_csv(programmes, await waves.waves(actor)), f"boelger-{today}.csv")

    ui.button(t("rollout.export.plan"), icon="download",
              on_click=lambda: ui.download(plan_csv(programmes), f"tidsplan-{today}.csv")) \
        .props("outline no-caps").mark("export-plan")
    ui.button(t("rollout.export.waves"), icon="download", on_click=waves_file).props("outline no-caps") \
        .mark("export-waves")
