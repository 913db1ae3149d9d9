"""Survey demo data: open anonymous guardian surveys in daycare (one of 1-5 scales, one of every kind), a closed
named staff survey."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from demo.named import Named
from demo.rollout import current_institutions, moment
from demo.rows import Demo, RowBook
from demo.survey_kinds import build_kinds_survey
from demo.survey_reach import build_sendings
from domain.clock import COPENHAGEN
from domain.organisation.model import InstitutionKind
from domain.rollout.model import (
    Audience,
    QuestionKind,
)
from persistence.identity import UserAccount
from persistence.organisation import Institution
from persistence.people import Employment
from persistence.rollout import (
    Survey,
    SurveyAnswer,
    SurveyInstitution,
    SurveyParticipant,
    SurveyQuestion,
    SurveyResponse,
)

DAYCARE_KINDS = (InstitutionKind.VUGGESTUE, InstitutionKind.BOERNEHAVE, InstitutionKind.INTEGRERET,
                 InstitutionKind.DAGPLEJE)
GUARDIAN_SURVEY = "Evaluering af Sammen i dagtilbud"
GUARDIAN_QUESTIONS = [
    (QuestionKind.SCALE, "Hvor let er det at bruge Sammen?"),
    (QuestionKind.SCALE, "Får du de beskeder, du har brug for?"),
    (QuestionKind.SCALE, "Hvor godt kan du følge dit barns dag?"),
    (QuestionKind.TEXT, "Hvad kan gøres bedre?"),
]
GUARDIAN_TEXTS = [
    "Flere billeder fra hverdagen, tak.",
    "Det ville være rart med en påmindelse om madpakkedage.",
    "Svært at finde gamle beskeder.",
    "Appen er nem, men notifikationerne kommer sent.",
    "Godt med sygemelding direkte i appen.",
    "Savner en kalender med lukkedage.",
    "Det er blevet meget nemmere at følge med.",
    "Beskederne fra stuen er for lange.",
    "Kunne ønske at begge forældre fik samme besked med det samme.",
    "Tjek ind og ud virker rigtig godt.",
    "Jeg vil gerne kunne se, hvem der henter i dag.",
    "Dejligt at se dagens aktiviteter.",
    "Billederne fylder meget på telefonen.",
    "Det var svært at logge ind første gang.",
    "Mere om hvad børnene har spist.",
]
STAFF_SURVEY = "Personalets første erfaringer med Sammen i skolerne"
STAFF_QUESTIONS = [
    (QuestionKind.SCALE, "Hvor godt føler du dig klædt på til at bruge Sammen?"),
    (QuestionKind.SCALE, "Hvor let er det at skrive til forældrene?"),
    (QuestionKind.TEXT, "Hvad har du brug for mere hjælp til?"),
]
STAFF_TEXTS = ["Opsætning af grupper til valgfag.", "Et kort kursus i beskeder til hele årgangen.",
               "Hvordan man retter en sendt besked."]
# Answers 1-5 lean towards 4; the third question ("følge dit barns dag") a little lower.
SCALE_WEIGHTS = [[3, 7, 18, 46, 26], [4, 9, 20, 44, 23], [6, 13, 26, 39, 16]]
GUARDIAN_SHARE = 0.55  # of the guardians who have logged in (about 80 % in daycare): about 40 % answer
GUARDIAN_TEXT_SHARE = 0.2
GUARDIAN_OPEN_DAYS, GUARDIAN_AGE_DAYS = 21, 35
STAFF_AGE_DAYS, STAFF_CLOSED_DAYS, STAFF_RESPONSES = 40, 12, 6


Answer = tuple[int, int, date, str]  # person, institution counted for, day, free text


def build_surveys(demo: Demo, named: Named) -> None:
    """An open anonymous guardian survey in daycare with answers over five weeks, a closed named staff survey.

    The named demo users have answered neither, so the demo parent can answer the open one live. The staff
    survey asks with names, so the project team can offer help to whoever asked for it.
    """
    book, rng, today = demo.book, demo.rng, demo.today
    team_id = named.people["demo-projektgruppe"].id
    skip = {person.id for person in named.people.values()}
    kinds = {inst.id: InstitutionKind(inst.kind) for inst in book.all(Institution)}
    daycare = [i for i, kind in kinds.items() if kind in DAYCARE_KINDS]
    schools = [i for i, kind in kinds.items() if kind is InstitutionKind.SKOLE]

    survey, questions = _survey(book, GUARDIAN_SURVEY, Audience.GUARDIANS, team_id, today - timedelta(
        days=GUARDIAN_AGE_DAYS), today + timedelta(days=GUARDIAN_OPEN_DAYS), daycare, GUARDIAN_QUESTIONS)
    answers: list[Answer] = []
    asked: list[int] = []
    logged_in = {a.person_id for a in book.all(UserAccount) if a.last_login_at is not None}
    for guardian, places in sorted(current_institutions(book, today).items()):
        counted = [i for i in daycare if i in places]  # the first the survey lists, as the service chooses
        asked += [guardian] if counted else []
        if not counted or guardian in skip or guardian not in logged_in or rng.random() >= GUARDIAN_SHARE:
            continue
        # More answers in the first weeks after the invitation, fewer later.
        # 1-34 days ago: after the invitation's day, before today.
        days_ago = GUARDIAN_AGE_DAYS - 1 - min(rng.randint(0, GUARDIAN_AGE_DAYS - 2) for _ in range(2))
        text = rng.choice(GUARDIAN_TEXTS) if rng.random() < GUARDIAN_TEXT_SHARE else ""
        answers.append((guardian, counted[0], today - timedelta(days=days_ago), text))
    _responses(demo, survey, questions, answers)
    build_sendings(demo, survey, asked, {person: day for person, _, day, _ in answers}, team_id)

    closes = today - timedelta(days=STAFF_CLOSED_DAYS)
    survey, questions = _survey(book, STAFF_SURVEY, Audience.STAFF, team_id, today - timedelta(days=STAFF_AGE_DAYS),
                                closes, schools, STAFF_QUESTIONS, anonymous=False)
    staff = sorted({(row.person_id, row.institution_id) for row in book.all(Employment)
                    if row.institution_id in schools and row.person_id not in skip and row.start <= closes
                    and (row.end is None or row.end >= closes)})
    first_school: dict[int, int] = {}
    for person_id, institution_id in staff:
        first_school.setdefault(person_id, institution_id)
    answers = []
    for person_id in rng.sample(sorted(first_school), min(STAFF_RESPONSES, len(first_school))):
        day = closes - timedelta(days=rng.randint(0, STAFF_AGE_DAYS - STAFF_CLOSED_DAYS - 1))
        text = rng.choice(STAFF_TEXTS) if rng.random() < 0.5 else ""
        answers.append((person_id, first_school[person_id], day, text))
    _responses(demo, survey, questions, answers)
    build_kinds_survey(demo, named, daycare)


def _survey(book: RowBook, title: str, audience: Audience, by_id: int, created: date, closes: date,
            institutions: list[int], questions: list[tuple[QuestionKind, str]], *,
            anonymous: bool = True) -> tuple[Survey, list[SurveyQuestion]]:
    """A survey with its institutions and questions, created at nine in the morning."""
    survey = book.add(Survey, title=title, audience=audience, created_by_id=by_id, closes_on=closes,
                      created_at=datetime.combine(created, time(9), tzinfo=COPENHAGEN).astimezone(UTC),
                      anonymous=anonymous)
    for institution_id in institutions:
        book.add(SurveyInstitution, survey_id=survey.id, institution_id=institution_id)
    rows = [book.add(SurveyQuestion, survey_id=survey.id, position=n, kind=kind, text=text)
            for n, (kind, text) in enumerate(questions, start=1)]
    return survey, rows


def _responses(demo: Demo, survey: Survey, questions: list[SurveyQuestion], answers: list[Answer]) -> None:
    """Who answered, and the answers, stored as the service stores them (anonymous ones without the person).

    Who answered goes in by person and the answers by time, so their ids cannot be lined up with each other.
    """
    book, rng = demo.book, demo.rng
    survey.locked = bool(answers)  # answered: the questions may no longer change
    for person_id in sorted(person_id for person_id, _, _, _ in answers):
        book.add(SurveyParticipant, survey_id=survey.id, person_id=person_id)
    timed = sorted((moment(day, rng, 7, 21), person_id, institution_id, text)
                   for person_id, institution_id, day, text in answers)
    for at, person_id, institution_id, text in timed:
        response = book.add(SurveyResponse, survey_id=survey.id, institution_id=institution_id, submitted_at=at,
                            respondent_id=None if survey.anonymous else person_id)
        _answer(demo, response, questions, text)


def _answer(demo: Demo, response: SurveyResponse, questions: list[SurveyQuestion], text: str) -> None:
    """One person's answer: every scale question, and the text question when there is a text."""
    book, rng = demo.book, demo.rng
    scale = 0
    for question in questions:
        if question.kind is QuestionKind.SCALE:
            weights = SCALE_WEIGHTS[min(scale, len(SCALE_WEIGHTS) - 1)]
            value = rng.choices(range(1, 6), weights=weights)[0]
            book.add(SurveyAnswer, response_id=response.id, question_id=question.id, value=value, text="")
            scale += 1
        elif text:
            book.add(SurveyAnswer, response_id=response.id, question_id=question.id, value=None, text=text)
