"""Demo survey with every kind of question: an open anonymous guardian survey in daycare, in three sections."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from random import Random

from demo.named import Named
from demo.rollout import current_institutions, moment
from demo.rows import Demo
from domain.clock import COPENHAGEN
from domain.rollout.model import Audience, QuestionKind
from persistence.identity import UserAccount
from persistence.rollout import (
    Survey,
    SurveyAnswer,
    SurveyInstitution,
    SurveyParticipant,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)

K = QuestionKind
KINDS_SURVEY = "Sådan bruger I Sammen derhjemme"
ANCHORS = ["Meget utilfreds", "Utilfreds", "Hverken tilfreds eller utilfreds", "Tilfreds", "Meget tilfreds"]
# (section title, intro, [(kind, text, options, required, weights of the values)]); weights follow the options,
# the 1-5 points, yes before no, or 0-10.
Spec = tuple[QuestionKind, str, tuple[str, ...], bool, list[int]]
SECTIONS: list[tuple[str, str, list[Spec]]] = [
    ("Hverdagen", "Tænk på den seneste måned.", [
        (K.SCALE, "Hvor tilfreds er du med Sammen alt i alt?", (), True, [3, 6, 17, 48, 26]),
        (K.CHOICE, "Hvor bruger du oftest Sammen?", ("Telefon", "Tablet", "Computer"), True, [78, 12, 10]),
        (K.CHOICES, "Hvad bruger du Sammen til?", ("Beskeder", "Tjek ind og ud", "Kalender", "Billeder"), False,
         [70, 55, 30, 45]),
    ]),
    ("Hjælp og anbefaling", "", [
        (K.YES_NO, "Har du fået hjælp, når du havde brug for det?", (), True, [82, 18]),
        (K.ZERO_TEN, "Hvor sandsynligt er det, at du vil anbefale Sammen til andre forældre?", (), True,
         [1, 1, 1, 2, 3, 6, 9, 16, 24, 19, 18]),
    ]),
    ("Til sidst", "Skriv gerne, hvis der er noget, vi skal vide.", [
        (K.TEXT, "Er der andet, du vil fortælle os?", (), False, []),
    ]),
]
TEXTS = ["Det er dejligt at kunne melde sygdom fra telefonen.", "Kalenderen kunne godt være tydeligere.",
         "Vi savner billeder fra turene.", "Nemt at se, hvem der henter.", "Beskederne kommer lidt sent frem."]
SHARE, TEXT_SHARE, AGE_DAYS, OPEN_DAYS = 0.3, 0.15, 14, 14
SEED = 22  # its own stream of numbers, so adding this survey leaves the rest of the demo as it was


def build_kinds_survey(demo: Demo, named: Named, daycare: list[int]) -> None:
    """The survey, its sections and questions, and answers from about a quarter of the logged-in guardians."""
    book, today, rng = demo.book, demo.today, Random(SEED)
    created = today - timedelta(days=AGE_DAYS)
    survey = book.add(Survey, title=KINDS_SURVEY, audience=Audience.GUARDIANS,
                      created_by_id=named.people["demo-projektgruppe"].id, closes_on=today + timedelta(days=OPEN_DAYS),
                      created_at=datetime.combine(created, time(9), tzinfo=COPENHAGEN).astimezone(UTC),
                      anonymous=True, anchors=ANCHORS)
    for institution_id in daycare:
        book.add(SurveyInstitution, survey_id=survey.id, institution_id=institution_id)
    questions: list[tuple[SurveyQuestion, list[int]]] = []
    for n, (title, intro, rows) in enumerate(SECTIONS, start=1):
        section = book.add(SurveySection, survey_id=survey.id, position=n, title=title, intro=intro)
        for kind, text, options, required, weights in rows:
            q = book.add(SurveyQuestion, survey_id=survey.id, position=len(questions) + 1, kind=kind, text=text,
                         section_id=section.id, options=list(options), required=required)
            questions.append((q, weights))
    skip = {person.id for person in named.people.values()}
    logged_in = {a.person_id for a in book.all(UserAccount) if a.last_login_at is not None}
    answers: list[tuple[int, int, date]] = []
    for guardian, places in sorted(current_institutions(book, today).items()):
        counted = [i for i in daycare if i in places]
        if counted and guardian not in skip and guardian in logged_in and rng.random() < SHARE:
            answers.append((guardian, counted[0], today - timedelta(days=rng.randint(1, AGE_DAYS - 1))))
    for person_id in sorted(p for p, _, _ in answers):
        book.add(SurveyParticipant, survey_id=survey.id, person_id=person_id)
    for at, institution_id in sorted((moment(day, rng, 7, 21), i) for _, i, day in answers):
        response = book.add(SurveyResponse, survey_id=survey.id, institution_id=institution_id, submitted_at=at,
                            respondent_id=None)
        for q, weights in questions:
            for value, text in _values(rng, q, weights):
                book.add(SurveyAnswer, response_id=response.id, question_id=q.id, value=value, text=text)
    survey.locked = bool(answers)  # answered: the questions may no longer change


def _values(rng: Random, q: SurveyQuestion, weights: list[int]) -> list[tuple[int | None, str]]:
    """One person's answer to one question, as the service stores it."""
    if q.kind is K.TEXT:
        return [(None, rng.choice(TEXTS))] if rng.random() < TEXT_SHARE else []
    if q.kind is K.CHOICES:
        return [(n, "") for n, w in enumerate(weights) if rng.random() * 100 < w]
    values = {K.SCALE: range(1, 6), K.YES_NO: (1, 0), K.ZERO_TEN: range(11)}.get(q.kind, range(len(weights)))
    return [(rng.choices(list(values), weights=weights)[0], "")]
