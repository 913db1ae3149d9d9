"""A guardian's first login on Overblik: privacy, contact, consents, stamkort, notifications; then what is open."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.contacts import service as contacts
from domain.identity.model import Actor
from domain.notifications.preferences import Preferences, preferences
from domain.onboarding import service
from domain.onboarding.model import Answer, Step, Walkthrough
from ui.components import attempt, section_heading
from ui.contacts.card import ContactCard
from ui.i18n import t
from ui.identity.profile_sections import consents_summary, stamkort_lines
from ui.notifications.preferences import answer_first_choice, first_choice_ticks

# Where an open step is done; the privacy notice opens in a dialog on Overblik itself.
PLACES = {Step.CONTACT: "/profil#kontakt", Step.CONSENTS: "/samtykker", Step.STAMKORT: "/profil#stamkort",
          Step.NOTIFY: "/profil#notifikationer"}

# After a step the next one's heading takes focus, so a keyboard or screen reader goes on from there.
FOCUS_JS = "setTimeout(() => document.querySelector('[data-onboarding-focus]')?.focus(), 50)"


def _name(step: Step) -> str:
    return t(f"onboarding.step.{step.value}")


def privacy_text() -> None:
    """The short privacy notice."""
    for key in ("onboarding.privacy.text1", "onboarding.privacy.text2", "onboarding.privacy.text3"):
        ui.label(t(key)).classes("text-body2")


class FirstLogin:
    """One guardian's walkthrough or open list on one Overblik (per client)."""

    def __init__(self, actor: Actor, state: Walkthrough, prefs: Preferences) -> None:
        self.actor, self.state, self.prefs = actor, state, prefs
        # The tapped button is gone after a redraw: scripts run in the box, which stays (not the client itself, which
        # would tie this object into a cycle with the page and keep a closed Overblik for the collector).
        self.box = ui.element("div").classes("w-full")

    async def answer(self, step: Step, answer: Answer, done: str = "") -> None:
        """Store the answer, then show the next step (or the open list) and move focus to it."""
        if not await attempt(service.do_answer(self.actor, step, answer, now=utcnow()), done=done):
            return
        await self.reload()

    async def dismiss(self, step: Step) -> None:
        """Take one open step off the list."""
        if await attempt(service.do_dismiss(self.actor, step, now=utcnow()),
                         done=t("onboarding.open.dismissed", step=_name(step))):
            await self.reload()

    async def reload(self) -> None:
        """Read the walkthrough again and redraw."""
        self.state = await service.walkthrough(self.actor)
        await self.body.refresh()
        with self.box:
            ui.run_javascript(FOCUS_JS)

    @ui.refreshable_method
    async def body(self) -> None:
        """The current step, or the steps still open, or nothing."""
        step = self.state.current
        if step is not None:
            await self._step(step)
        elif self.state.open:
            self._open(self.state.open)

    async def _step(self, step: Step) -> None:
        card = ui.card().classes("w-full gap-2").props("role=region").mark("onboarding")
        card.props["aria-label"] = t("onboarding.title")
        with card:
            section_heading(t("onboarding.title"))
            number = list(Step).index(step) + 1
            ui.label(t("onboarding.progress", n=number, total=len(Step), step=_name(step))).classes(
                "text-subtitle1 text-weight-medium").props('tabindex=-1 data-onboarding-focus').mark(
                f"onboarding-step-{step.value}")
            if step is Step.NOTIFY:
                await self._notify()
                return
            if step is Step.PRIVACY:
                privacy_text()
            elif step is Step.CONTACT:
                ui.label(t("onboarding.contact.text")).classes("text-body2")
                ContactCard(self.actor, await contacts.my_contact(self.actor)).build()
            elif step is Step.CONSENTS:
                ui.label(t("onboarding.consents.text")).classes("text-body2")
                await consents_summary(self.actor)
            else:
                ui.label(t("onboarding.stamkort.text")).classes("text-body2")
                await stamkort_lines(self.actor)
            with ui.row().classes("items-center gap-2 w-full"):
                if step is Step.PRIVACY:
                    ui.button(t("onboarding.privacy.read"), on_click=lambda: self.answer(
                        step, Answer.DONE, t("onboarding.privacy.saved"))).props("no-caps").mark("onboarding-next")
                else:
                    ui.button(t("onboarding.next"), on_click=lambda: self.answer(step, Answer.DONE)).props(
                        "no-caps").mark("onboarding-next")
                ui.button(t("onboarding.skip"), on_click=lambda: self.answer(
                    step, Answer.SKIPPED, t("onboarding.skipped"))).props("flat no-caps").mark("onboarding-skip")

    async def _notify(self) -> None:
        self.prefs = await preferences(self.actor)
        ticks = first_choice_ticks(self.prefs)

        async def answer(save: bool) -> None:
            if await answer_first_choice(self.actor, self.prefs, ticks, save=save):
                await self.answer(Step.NOTIFY, Answer.DONE if save else Answer.SKIPPED)

        with ui.row().classes("items-center gap-2 w-full"):
            ui.button(t("notify.first.save"), on_click=lambda: answer(True)).props("no-caps").mark(
                "notify-first-save")
            ui.button(t("notify.first.skip"), on_click=lambda: answer(False)).props("flat no-caps").mark(
                "notify-first-skip")

    def _open(self, steps: list[Step]) -> None:
        names = ", ".join(_name(s) for s in steps)
        title = t("onboarding.open.title_one", steps=names) if len(steps) == 1 else t(
            "onboarding.open.title", n=len(steps), steps=names)
        card = ui.card().classes("w-full gap-1").props("role=region").mark("onboarding-open")
        card.props["aria-label"] = title
        with card:
            section_heading(title).props("tabindex=-1 data-onboarding-focus")
            with ui.element("ul").classes("q-pl-none q-my-none w-full").style("list-style: none"):
                for step in steps:
                    with ui.element("li").classes("row items-center justify-between no-wrap w-full gap-2"):
                        if step is Step.PRIVACY:
                            ui.button(_name(step), on_click=self._privacy_dialog).props("flat no-caps dense").classes(
                                "text-primary").mark(f"open-{step.value}")
                        else:
                            ui.link(_name(step), PLACES[step]).classes("text-primary text-body1").mark(
                                f"open-{step.value}")
                        hide = ui.button(icon="close", on_click=lambda s=step: self.dismiss(s)).props(
                            "flat round dense").mark(f"dismiss-{step.value}")
                        hide.props["aria-label"] = t("onboarding.open.dismiss", step=_name(step))

    def _privacy_dialog(self) -> None:
        with ui.dialog() as dialog, ui.card().classes("gap-2"):
            section_heading(_name(Step.PRIVACY))
            privacy_text()

            async def read() -> None:
                dialog.close()
                await self.answer(Step.PRIVACY, Answer.DONE, t("onboarding.privacy.saved"))

            ui.button(t("onboarding.privacy.read"), on_click=read).props("no-caps").mark("onboarding-privacy-read")
        dialog.open()


async def first_login(actor: Actor) -> None:
    """Overblik's walkthrough at a guardian's first login, then the list of skipped steps until done or dismissed."""
    state = await service.walkthrough(actor)
    if state.current is None and not state.open:
        return
    walk = FirstLogin(actor, state, await preferences(actor))
    with walk.box:
        await walk.body()
