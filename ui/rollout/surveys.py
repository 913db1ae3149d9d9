"""Evaluation: respondents answer open surveys (/evaluering); the project team creates and follows them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.rollout.model import (
    MIN_GROUP,
    ROLLOUT_TOPIC,
    SURVEYS_TOPIC,
    Audience,
    SurveyAnswered,
    SurveyCreated,
)
from domain.rollout.survey_edit import SurveyChanged, do_close_survey, survey_for_edit
from domain.rollout.survey_reach import SendingView, SurveySent, sendings
from domain.rollout.surveys import (
    OpenSurvey,
    SurveySummary,
    do_answer,
    list_surveys,
    open_surveys_for,
    results,
)
from ui.components import attempt, confirm, empty_state, refuse, section_heading
from ui.frame import frame, load_or_refuse
from ui.guard import SIGNED_IN, page
from ui.i18n import current_language, fmt_date, t, tn
from ui.live import follow
from ui.rollout.survey_editor import survey_dialog
from ui.rollout.survey_form import AnswerForm
from ui.rollout.survey_groups_view import grouped_section
from ui.rollout.survey_results import ResultsView
from ui.rollout.survey_send import history, send_button

PROJECT_ROLES = (Role.PROJECT_TEAM, Role.ADMIN)
Redraw = Callable[[], Awaitable[None]]


# --- answering --------------------------------------------------------------------------------------------------


AUDIENCE_OF = {Role.PARENT: Audience.GUARDIANS.value, Role.STAFF: Audience.STAFF.value,
               Role.LEADER: Audience.STAFF.value}


class AnswerPage:
    """A respondent's open surveys; one at a time opens as a form, then a thank-you."""

    def __init__(self, actor: Actor, surveys: list[OpenSurvey]) -> None:
        self.actor, self.surveys = actor, surveys
        self.body = ui.column().classes("w-full gap-3")
        self.listing = True
        self.open_id: int | None = None  # the survey whose form is on screen
        self.notice: ui.label | None = None
        self.send: ui.button | None = None
        follow(SURVEYS_TOPIC, self.on_created)

    async def on_created(self, event: object) -> None:
        """A new survey went out, or one was edited or closed: the list follows, an open form says so."""
        if isinstance(event, SurveyChanged):
            if not self.listing and event.survey_id == self.open_id and self.notice and self.send:
                self.notice.text = t("survey.respond.closed_now" if event.closed else "survey.respond.changed_now")
                self.notice.set_visibility(True)
                self.send.disable()
        elif not isinstance(event, SurveyCreated) or event.audience != AUDIENCE_OF.get(self.actor.role):
            return
        fresh = await open_surveys_for(self.actor, today_local())
        if {s.id for s in fresh} != {s.id for s in self.surveys} or isinstance(event, SurveyChanged):
            self.surveys = fresh
            if self.listing:  # never pull a half-filled form from under the user
                self.show_list()

    def show_list(self) -> None:
        """The open surveys as cards."""
        self.listing = True
        self.body.clear()
        with self.body:
            if not self.surveys:
                empty_state("rate_review", "survey.respond.empty")
            for s in self.surveys:
                with ui.card().classes("w-full").mark(f"open-survey-{s.id}"):
                    section_heading(s.title)
                    ui.label(t("survey.respond.closes", date=fmt_date(s.closes_on))).classes("text-grey-8")
                    _privacy_notice(s.anonymous).mark(f"privacy-{s.id}")
                    ui.button(t("survey.respond.answer"), icon="edit_note",
                              on_click=lambda s=s: self.show_form(s)).props("no-caps").mark(f"answer-{s.id}")

    def show_form(self, survey: OpenSurvey) -> None:
        """One survey's sections and questions, each kind with its own control; the privacy notice comes first."""
        self.listing, self.open_id = False, survey.id
        self.body.clear()
        with self.body, ui.card().classes("w-full gap-2").mark("survey-form"):
            section_heading(survey.title)
            # Before the first question: whoever answers knows whether the answers carry their name.
            _privacy_notice(survey.anonymous).mark("privacy-notice")
            ui.label(t("survey.respond.counts_for", name=survey.institution_name)).classes("text-grey-8")
            form = AnswerForm(survey)
            self.notice = ui.label("").classes("text-negative text-body1").mark("form-notice")
            self.notice.props("role=alert")
            self.notice.set_visibility(False)
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("survey.respond.back"), on_click=self.show_list).props("flat no-caps")
                self.send = ui.button(t("survey.respond.submit"), icon="send",
                                      on_click=lambda: self.submit(survey, form)).props("no-caps").mark("submit")

    async def submit(self, survey: OpenSurvey, form: AnswerForm) -> None:
        """Send the answers; a required question left empty is marked, a refusal is told, and the form stays."""
        if not form.check():
            return
        try:
            await do_answer(self.actor, survey.id, form.answers(), utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.surveys = [s for s in self.surveys if s.id != survey.id]
        self.body.clear()
        with self.body, ui.card().classes("w-full items-center q-pa-lg").mark("thanks"):
            ui.icon("check_circle", size="xl", color="positive")
            section_heading(t("survey.respond.thanks"))
            ui.label(t("survey.respond.anonymous" if survey.anonymous else "survey.respond.named")).classes(
                "text-grey-8 text-center")
            ui.button(t("survey.respond.back"), on_click=self.show_list).props("flat no-caps")


def _privacy_notice(anonymous: bool) -> ui.row:
    """Whether the answers are stored with the person's name, said in words and by an icon."""
    key = "survey.respond.notice.anonymous" if anonymous else "survey.respond.notice.named"
    with ui.row().classes("items-start no-wrap gap-2 text-body2") as row:
        ui.icon("visibility_off" if anonymous else "badge", size="sm").classes("text-grey-8")
        ui.label(t(key, min=MIN_GROUP))
    return row


# --- the project team -------------------------------------------------------------------------------------------


async def _team_page(actor: Actor) -> None:
    lang, today = current_language(), today_local()
    with frame(actor, t("survey.admin.title")):
        ui.button(t("survey.admin.new"), icon="add", on_click=lambda: survey_dialog(actor, draw)).props(
            "no-caps").mark("new-survey")
        box = ui.column().classes("w-full gap-2")

        async def draw() -> None:
            surveys = await list_surveys(actor)
            rounds = await sendings(actor, [s.id for s in surveys])
            box.clear()
            with box:
                if not surveys:
                    empty_state("rate_review", "survey.admin.empty")
                for s in surveys:
                    _summary_card(actor, s, s.is_open(today), lang, draw, rounds.get(s.id, []))

        async def on_event(event: object) -> None:
            if isinstance(event, SurveyAnswered | SurveyCreated | SurveyChanged | SurveySent):
                await draw()

        await draw()
        follow(ROLLOUT_TOPIC, on_event)
        follow(SURVEYS_TOPIC, on_event)  # a colleague on the team sent out a survey


def _summary_card(actor: Actor, s: SurveySummary, is_open: bool, lang: str, redraw: Redraw,
                  rounds: list[SendingView] | None = None) -> None:
    survey_id = s.id
    with ui.card().classes("w-full").mark(f"survey-{survey_id}"):
        with ui.row().classes("w-full items-center justify-between"):
            with ui.column().classes("gap-0"):
                ui.label(s.title).classes("text-subtitle1 text-weight-medium")
                state = "survey.admin.open" if is_open else "survey.admin.closed"
                day = s.closes_on
                if s.closed_at is not None and not is_open:
                    state, day = "survey.admin.closed_early", today_local(s.closed_at)
                privacy = "survey.privacy.anonymous" if s.anonymous else "survey.privacy.named"
                ui.label(f"{t(f'survey.audience.{s.audience.value}', lang)} · {t(privacy, lang)} · "
                         f"{t(state, lang, date=fmt_date(day, lang))}").classes("text-grey-8").mark(
                    f"state-{survey_id}")
            with ui.row().classes("items-center gap-2"):
                count = (t("survey.admin.responses.hidden", lang, min=MIN_GROUP) if s.responses is None
                         else tn("survey.admin.responses", s.responses, lang))
                ui.badge(count).props("rounded").mark(f"responses-{survey_id}")
                ui.button(t("survey.admin.results", lang), icon="bar_chart",
                          on_click=lambda: ui.navigate.to(f"/udrulning/evaluering/{survey_id}")).props(
                    "flat no-caps")
                # Once answered the questions are shown, not offered for editing: the service would refuse.
                what = "survey.admin.view" if s.locked else "survey.admin.edit"
                edit = ui.button(t(what, lang), icon="visibility" if s.locked else "edit",
                                 on_click=lambda: _edit(actor, survey_id, redraw)).props("flat no-caps").mark(
                    f"edit-{survey_id}")
                edit.props["aria-label"] = t(f"{what}_named", lang, title=s.title)
                if is_open:
                    close = ui.button(t("survey.admin.close", lang), icon="lock_clock",
                                      on_click=lambda: _close(actor, s, redraw)).props(
                        "flat no-caps color=negative").mark(f"close-{survey_id}")
                    close.props["aria-label"] = t("survey.admin.close_named", lang, title=s.title)
                    send_button(actor, survey_id, rounds or [], redraw)
        history(rounds or [], lang)


async def _edit(actor: Actor, survey_id: int, redraw: Redraw) -> None:
    try:
        existing = await survey_for_edit(actor, survey_id)
    except DomainError as error:
        refuse(error)
        return
    await survey_dialog(actor, redraw, existing)


async def _close(actor: Actor, s: SurveySummary, redraw: Redraw) -> None:
    if not await confirm(t("survey.close.confirm", title=s.title), t("survey.admin.close"), "confirm-close"):
        return
    if await attempt(do_close_survey(actor, s.id, utcnow()), t("survey.close.done")):
        await redraw()


async def _results_page(actor: Actor, survey_id: int) -> None:
    first = await load_or_refuse(actor, t("survey.admin.title"), results(actor, survey_id))
    if first is None:
        return
    with frame(actor, first.title):
        ui.link(t("survey.results.back"), "/udrulning/evaluering")
        ResultsView(actor, first, current_language()).start()
        await grouped_section(actor, survey_id, current_language())


# --- routes -----------------------------------------------------------------------------------------------------


@page("/evaluering", *SIGNED_IN)
async def answer_home(actor: Actor) -> None:
    """Surveys open for the person to answer."""
    surveys = await open_surveys_for(actor, today_local())
    with frame(actor, t("survey.respond.title")):
        AnswerPage(actor, surveys).show_list()


@page("/udrulning/evaluering", *PROJECT_ROLES)
async def surveys_home(actor: Actor) -> None:
    """The project team's surveys: write, send and follow them."""
    await _team_page(actor)


@page("/udrulning/evaluering/{survey_id}", *PROJECT_ROLES)
async def survey_results(actor: Actor, survey_id: int) -> None:
    """One survey's results."""
    await _results_page(actor, survey_id)
