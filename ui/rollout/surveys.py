"""Evaluation: respondents answer open surveys (/evaluering); the project team creates and follows them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.rollout.model import (
    MIN_GROUP,
    ROLLOUT_TOPIC,
    SCALE_MAX,
    SCALE_MIN,
    SURVEYS_TOPIC,
    Audience,
    QuestionKind,
    SurveyAnswered,
    SurveyCreated,
)
from domain.rollout.surveys import (
    OpenSurvey,
    SurveyDraft,
    SurveySummary,
    do_answer,
    do_create_survey,
    institution_choices,
    list_surveys,
    open_surveys_for,
    results,
)
from ui.components import empty_state, named_dialog, refuse, section_heading
from ui.dates import date_input, parse_day
from ui.frame import frame, load_or_refuse
from ui.guard import SIGNED_IN, page
from ui.i18n import current_language, fmt_date, t, tn
from ui.live import follow
from ui.rollout.survey_results import ResultsView

PROJECT_ROLES = (Role.PROJECT_TEAM, Role.ADMIN)
DEFAULT_OPEN_DAYS = 14


# --- answering --------------------------------------------------------------------------------------------------


AUDIENCE_OF = {Role.PARENT: Audience.GUARDIANS.value, Role.STAFF: Audience.STAFF.value,
               Role.LEADER: Audience.STAFF.value}


class AnswerPage:
    """A respondent's open surveys; one at a time opens as a form, then a thank-you."""

    def __init__(self, actor: Actor, surveys: list[OpenSurvey]) -> None:
        self.actor, self.surveys = actor, surveys
        self.body = ui.column().classes("w-full gap-3")
        self.listing = True
        follow(SURVEYS_TOPIC, self.on_created)

    async def on_created(self, event: object) -> None:
        """A new survey went out: if it is for this person, it appears in the list without a reload."""
        if not isinstance(event, SurveyCreated) or event.audience != AUDIENCE_OF.get(self.actor.role):
            return
        fresh = await open_surveys_for(self.actor, today_local())
        if {s.id for s in fresh} != {s.id for s in self.surveys}:
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
        """One survey's questions: 1-5 as radio buttons (nothing else can be chosen), texts as text areas."""
        self.listing = False
        self.body.clear()
        fields: dict[int, ui.radio | ui.textarea] = {}
        with self.body, ui.card().classes("w-full gap-2").mark("survey-form"):
            section_heading(survey.title)
            # Before the first question: whoever answers knows whether the answers carry their name.
            _privacy_notice(survey.anonymous).mark("privacy-notice")
            ui.label(t("survey.respond.counts_for", name=survey.institution_name)).classes("text-grey-8")
            ui.label(t("survey.respond.scale_hint", min=SCALE_MIN, max=SCALE_MAX)).classes("text-caption text-grey-7")
            for n, q in enumerate(survey.questions, start=1):
                ui.label(f"{n}. {q.text}").classes("text-subtitle2 q-mt-sm")
                if q.kind is QuestionKind.SCALE:
                    fields[q.id] = ui.radio({v: str(v) for v in range(SCALE_MIN, SCALE_MAX + 1)}).props(
                        "inline").mark(f"scale-{q.id}")
                else:
                    fields[q.id] = ui.textarea(placeholder=t("survey.respond.optional")).props(
                        "outlined autogrow maxlength=2000 counter").classes("w-full").mark(f"text-{q.id}")
                    fields[q.id].props["aria-label"] = f"{n}. {q.text}"  # the question names it, not "Valgfrit"
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("survey.respond.back"), on_click=self.show_list).props("flat no-caps")
                ui.button(t("survey.respond.submit"), icon="send",
                          on_click=lambda: self.submit(survey, fields)).props("no-caps").mark("submit")

    async def submit(self, survey: OpenSurvey, fields: dict[int, ui.radio | ui.textarea]) -> None:
        """Send the answers; a refusal is told in the user's language and the form stays."""
        answers: dict[int, int | str] = {qid: f.value for qid, f in fields.items() if f.value not in (None, "")}
        try:
            await do_answer(self.actor, survey.id, answers, utcnow())
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


class QuestionList:
    """The questions being written in the dialog, added and removed in place."""

    def __init__(self) -> None:
        self.items: list[list[object]] = [[QuestionKind.SCALE, ""]]
        self.box = ui.column().classes("w-full gap-1")
        self.draw()

    def draw(self) -> None:
        """One row per question: kind, text, remove."""
        self.box.clear()
        kinds = {k: t(f"survey.kind.{k.value}") for k in QuestionKind}
        with self.box:
            for n, item in enumerate(self.items):
                with ui.row().classes("w-full items-center no-wrap gap-1"):
                    ui.select(kinds, value=item[0], on_change=lambda e, i=item: i.__setitem__(0, e.value)).props(
                        "dense outlined").classes("w-28").mark(f"question-kind-{n}")
                    ui.input(t("survey.field.question", n=n + 1), value=str(item[1]),
                             on_change=lambda e, i=item: i.__setitem__(1, e.value or "")).props(
                        "dense outlined maxlength=300").classes("grow").mark(f"question-text-{n}")
                    remove = ui.button(icon="delete", on_click=lambda i=item: self.remove(i)).props(
                        "flat round dense").mark(f"question-remove-{n}")
                    remove.props["aria-label"] = t("survey.remove_question", n=n + 1)
            ui.button(t("survey.add_question"), icon="add", on_click=self.add).props("flat no-caps").mark(
                "add-question")

    def add(self) -> None:
        """Another scale question at the end."""
        self.items.append([QuestionKind.SCALE, ""])
        self.draw()

    def remove(self, item: list[object]) -> None:
        """Drop one question."""
        self.items.remove(item)
        self.draw()

    def value(self) -> list[tuple[QuestionKind, str]]:
        """The questions as the service wants them."""
        return [(QuestionKind(str(kind)), str(text)) for kind, text in self.items]


async def new_survey_dialog(actor: Actor, on_created: Callable[[], Awaitable[None]]) -> None:
    """The 'Ny evaluering' dialog; a refusal is shown and the dialog stays open with what was typed."""
    choices = dict(await institution_choices(actor))
    heading = t("survey.admin.new")
    with named_dialog(heading) as dialog, ui.card().classes("w-full max-w-lg gap-2").mark("new-survey-dialog"):
        section_heading(heading)
        title = ui.input(t("survey.field.title")).props("dense outlined maxlength=160").classes("w-full").mark(
            "new-title")
        audience = ui.select({a: t(f"survey.audience.{a.value}") for a in Audience}, value=Audience.GUARDIANS,
                             label=t("survey.field.audience")).props("dense outlined").mark("new-audience")
        ui.label(t("survey.field.privacy")).classes("text-subtitle2")
        privacy = ui.radio({"anonymous": t("survey.field.privacy.anonymous", min=MIN_GROUP),
                            "named": t("survey.field.privacy.named")}, value="anonymous").mark("new-privacy")
        privacy.props(f'role=radiogroup aria-label="{t("survey.field.privacy")}"')
        closes = date_input(t("survey.field.closes_on"), today_local() + timedelta(days=DEFAULT_OPEN_DAYS))
        closes.mark("new-closes")
        places = ui.select(choices, multiple=True, label=t("survey.field.institutions"), value=[]).props(
            "dense outlined use-chips").classes("w-full").mark("new-institutions")
        ui.label(t("survey.field.questions")).classes("text-subtitle2")
        questions = QuestionList()

        async def create() -> None:
            day = parse_day(closes.value or "")
            if day is None:
                ui.notify(t("survey.error.bad_date"), type="negative")
                return
            draft = SurveyDraft(title.value or "", Audience(audience.value), day, list(places.value or []),
                                questions.value(), anonymous=privacy.value != "named")
            try:
                await do_create_survey(actor, draft, utcnow())
            except DomainError as error:
                refuse(error)
                return
            dialog.close()
            ui.notify(t("survey.created"), type="positive")
            await on_created()

        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
            ui.button(t("survey.create"), on_click=create).props("no-caps").mark("create-survey")
    dialog.open()


async def _team_page(actor: Actor) -> None:
    lang, today = current_language(), today_local()
    with frame(actor, t("survey.admin.title")):
        ui.button(t("survey.admin.new"), icon="add", on_click=lambda: new_survey_dialog(actor, draw)).props(
            "no-caps").mark("new-survey")
        box = ui.column().classes("w-full gap-2")

        async def draw() -> None:
            surveys = await list_surveys(actor)
            box.clear()
            with box:
                if not surveys:
                    empty_state("rate_review", "survey.admin.empty")
                for s in surveys:
                    _summary_card(s, s.is_open(today), lang)

        async def on_event(event: object) -> None:
            if isinstance(event, SurveyAnswered | SurveyCreated):
                await draw()

        await draw()
        follow(ROLLOUT_TOPIC, on_event)
        follow(SURVEYS_TOPIC, on_event)  # a colleague on the team sent out a survey


def _summary_card(s: SurveySummary, is_open: bool, lang: str) -> None:
    survey_id = s.id
    with ui.card().classes("w-full").mark(f"survey-{survey_id}"):
        with ui.row().classes("w-full items-center justify-between"):
            with ui.column().classes("gap-0"):
                ui.label(s.title).classes("text-subtitle1 text-weight-medium")
                state = "survey.admin.open" if is_open else "survey.admin.closed"
                privacy = "survey.privacy.anonymous" if s.anonymous else "survey.privacy.named"
                ui.label(f"{t(f'survey.audience.{s.audience.value}', lang)} · {t(privacy, lang)} · "
                         f"{t(state, lang, date=fmt_date(s.closes_on, lang))}").classes("text-grey-8")
            with ui.row().classes("items-center gap-2"):
                count = (t("survey.admin.responses.hidden", lang, min=MIN_GROUP) if s.responses is None
                         else tn("survey.admin.responses", s.responses, lang))
                ui.badge(count).props("rounded").mark(f"responses-{survey_id}")
                ui.button(t("survey.admin.results", lang), icon="bar_chart",
                          on_click=lambda: ui.navigate.to(f"/udrulning/evaluering/{survey_id}")).props(
                    "flat no-caps")


async def _results_page(actor: Actor, survey_id: int) -> None:
    first = await load_or_refuse(actor, t("survey.admin.title"), results(actor, survey_id))
    if first is None:
        return
    with frame(actor, first.title):
        ui.link(t("survey.results.back"), "/udrulning/evaluering")
        ResultsView(actor, first, current_language()).start()


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
