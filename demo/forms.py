"""Demo blanketter: one open form for 2.A at Skovlyskolen, about half answered, Mette's family not yet."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from tortoise.models import Model

from demo.named import Named
from demo.rows import Demo
from domain.clock import COPENHAGEN
from domain.forms.model import Question, QuestionKind
from persistence.forms import Form, FormAnswer
from persistence.organisation import Group, Institution
from persistence.people import Custody, Enrolment

FORMS_TABLES: list[type[Model]] = [Form, FormAnswer]
SCHOOL, GROUP = "Skovlyskolen", "2.A"
LUNCH = ("Madpakke", "Køber frokost")
QUESTIONS = [
    Question("q1", QuestionKind.YES_NO, "Må deltage i tur til Zoologisk Have"),
    Question("q2", QuestionKind.CHOICE, "Frokost på turen", LUNCH),
    Question("q3", QuestionKind.TEXT, "Allergier eller andet vi skal vide", required=False),
]
NOTES = ["Allergisk over for nødder.", "Har brug for at sidde forrest i bussen.", "Kan ikke tåle mælk.",
         "Skal hentes kl. 14 samme dag."]
DESCRIPTION = ("Vi tager til Zoologisk Have med hele klassen. Vi tager bussen kl. 8.30 og er tilbage kl. 14.00.\n"
               "Husk tøj efter vejret og en drikkedunk.")


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), COPENHAGEN).astimezone(UTC)


def build_forms_demo(demo: Demo, named: Named) -> None:
    """Add the open form and its answers (own randomness: the rest of the demo stays as it was)."""
    book = demo.book
    for table in FORMS_TABLES:
        book.rows.setdefault(table, [])
    school = next((i for i in book.all(Institution) if i.name == SCHOOL), None)
    group = next((g for g in book.all(Group) if school and g.institution_id == school.id and g.name == GROUP), None)
    teacher, mette = named.people.get("demo-laerer"), named.people.get("demo-foraelder")
    if group is None or teacher is None or mette is None:
        return
    rng = Random("demo-forms")
    created = _at(demo.today - timedelta(days=2), 14)
    form = book.add(Form, group_id=group.id, author_id=teacher.id,
                    author_name=f"{teacher.first_name} {teacher.last_name}", title="Tur til Zoologisk Have",
                    description=DESCRIPTION, questions=[q.wire() for q in QUESTIONS],
                    deadline=_at(demo.today + timedelta(days=7), 12), created_at=created, closed_at=None)
    guardians: dict[int, list[int]] = defaultdict(list)
    for c in book.all(Custody):
        if c.valid_from <= demo.today and (c.valid_to is None or c.valid_to >= demo.today):
            guardians[c.child_id].append(c.guardian_id)
    children = sorted({e.child_id for e in book.all(Enrolment) if e.group_id == group.id and e.start <= demo.today
                       and (e.end is None or e.end >= demo.today)})
    waiting = {child for child in children if mette.id in guardians[child]}  # so Mette's Overblik shows the card
    for n, child in enumerate(c for c in children if c not in waiting and guardians[c]):
        if n % 2:  # about half have answered
            continue
        answers: dict[str, object] = {"q1": rng.random() > 0.1, "q2": rng.choice(LUNCH)}
        if rng.random() < 0.3:
            answers["q3"] = rng.choice(NOTES)
        book.add(FormAnswer, form_id=form.id, child_id=child, guardian_id=rng.choice(guardians[child]),
                 answers=answers, answered_at=created + timedelta(minutes=rng.randint(30, 40 * 60)))
