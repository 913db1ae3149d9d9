"""Blanketter: staff create a form for a group, guardians answer once per child, staff close it or remind."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery

from domain import access
from domain.audit import service as audit
from domain.clock import COPENHAGEN, today_local
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.forms.model import (
    DESCRIPTION_MAX,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    MIN_OPTIONS,
    MIN_QUESTIONS,
    OPTION_MAX,
    QUESTION_MAX,
    REMINDER_BODY,
    REMINDER_SUBJECT,
    TEXT_ANSWER_MAX,
    TITLE_MAX,
    FormAnswered,
    FormClosed,
    Question,
    QuestionInput,
    QuestionKind,
)
from domain.identity.model import Actor
from domain.messages.limits import check_send_rate, count_send
from domain.messages.resolve import group_facts
from domain.messages.service import do_send
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.forms import Form, FormAnswer
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints

MONTHS_SHORT = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]


def valid_id(value: object) -> bool:
    """A positive integer that fits the id columns (anything else is simply not found)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


async def load_form(form_id: int) -> Form:
    """The form, or NotFound."""
    form = await Form.get_or_none(id=form_id) if valid_id(form_id) else None
    if form is None:
        raise NotFound("forms.not_found")
    return form


async def children_by_group(group_ids: list[int], day: date) -> dict[int, set[int]]:
    """The children of each group today (enrolled, or cross-group members enrolled somewhere) in 2 queries."""
    found: dict[int, set[int]] = defaultdict(set)
    if not group_ids:
        return found
    for gid, cid in await Enrolment.filter(active_on(day), group_id__in=group_ids, child__active=True).values_list(
            "group_id", "child_id"):
        found[int(gid)].add(int(cid))
    enrolled_anywhere = Subquery(Enrolment.filter(active_on(day)).values("child_id"))
    members = GroupMembership.filter(group_id__in=group_ids, person__is_child=True, person__active=True,
                                     person_id__in=enrolled_anywhere)
    for gid, pid in await members.values_list("group_id", "person_id"):
        found[int(gid)].add(int(pid))
    return found


async def group_children(group_id: int, day: date) -> set[int]:
    """The children of one group today."""
    return (await children_by_group([group_id], day))[group_id]


async def check_manage(actor: Actor, group_id: int, day: date, action: str) -> Group:
    """The group, after checking the actor may build and read its forms (a refusal is audited)."""
    group = await Group.get_or_none(id=group_id) if valid_id(group_id) else None
    if group is None:
        raise NotFound("forms.group_not_found")
    facts = (await group_facts([group], day))[group.id]
    member = await GroupMembership.filter(group_id=group.id, person_id=actor.person_id).exists()
    await audit.check(access.can_manage_form(actor, facts, member), actor, action)
    return group


def _clean_line(text: str, limit: int, empty_key: str, long_key: str, **params: object) -> str:
    cleaned = " ".join(text.replace("\x00", "").split())
    if not cleaned:
        raise DomainError(empty_key, **params)
    if len(cleaned) > limit:
        raise DomainError(long_key, max=limit, **params)
    return cleaned


def check_questions(inputs: Sequence[QuestionInput]) -> list[Question]:
    """The stored questions (q1, q2, ...), or a refusal naming the question that is wrong."""
    if not MIN_QUESTIONS <= len(inputs) <= MAX_QUESTIONS:
        raise DomainError("forms.question_count", min=MIN_QUESTIONS, max=MAX_QUESTIONS)
    questions = []
    for n, q in enumerate(inputs, start=1):
        text = _clean_line(q.text, QUESTION_MAX, "forms.question_empty", "forms.question_too_long", n=n)
        options: tuple[str, ...] = ()
        if q.kind is QuestionKind.CHOICE:
            options = tuple(o for o in (" ".join(o.replace("\x00", "").split()) for o in q.options) if o)
            if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
                raise DomainError("forms.option_count", n=n, min=MIN_OPTIONS, max=MAX_OPTIONS)
            if len(set(options)) != len(options):
                raise DomainError("forms.option_twice", n=n)
            if any(len(o) > OPTION_MAX for o in options):
                raise DomainError("forms.option_too_long", n=n, max=OPTION_MAX)
        questions.append(Question(f"q{n}", QuestionKind(q.kind), text, options, bool(q.required)))
    return questions


def check_form(title: str, description: str, inputs: Sequence[QuestionInput], deadline: datetime,
               now: datetime) -> tuple[str, str, list[Question]]:
    """Title, description and questions cleaned, or a refusal (nothing is stored)."""
    title = _clean_line(title, TITLE_MAX, "forms.title_empty", "forms.title_too_long")
    description = description.replace("\x00", "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise DomainError("forms.description_too_long", max=DESCRIPTION_MAX)
    if deadline.tzinfo is None:
        raise DomainError("forms.deadline_invalid")
    if deadline <= now:
        raise DomainError("forms.deadline_past")
    return title, description, check_questions(inputs)


async def do_create_form(actor: Actor, *, group_id: int, title: str, description: str,
                         questions: Sequence[QuestionInput], deadline: datetime, now: datetime) -> int:
    """Store a new form for a group after the checks; returns its id."""
    check_typed_text(title, description, questions)
    group = await check_manage(actor, group_id, today_local(now), "forms.create")
    title, description, cleaned = check_form(title, description, questions, deadline, now)
    form = await Form.create(group_id=group.id, author_id=actor.person_id, author_name=actor.name, title=title,
                             description=description, questions=[q.wire() for q in cleaned], deadline=deadline,
                             created_at=now)
    return int(form.id)


def questions_of(form: Form) -> list[Question]:
    """The form's questions from its JSON."""
    return [Question.from_wire(q) for q in form.questions or []]


def check_answers(questions: Sequence[Question], answers: dict[str, object]) -> dict[str, object]:
    """The answers to store (unknown keys dropped, texts trimmed), or a refusal naming the question."""
    clean: dict[str, object] = {}
    for q in questions:
        value = answers.get(q.id)
        if isinstance(value, str) and q.kind is not QuestionKind.CHOICE:
            value = value.replace("\x00", "").strip() or None
        if value is None or value == "":
            if q.required:
                raise DomainError("forms.answer_required", question=q.text)
            continue
        if q.kind is QuestionKind.YES_NO and not isinstance(value, bool):
            raise DomainError("forms.answer_invalid", question=q.text)
        if q.kind is QuestionKind.CHOICE and value not in q.options:
            raise DomainError("forms.option_unknown", question=q.text)
        if q.kind is QuestionKind.TEXT:
            if not isinstance(value, str):
                raise DomainError("forms.answer_invalid", question=q.text)
            if len(value) > TEXT_ANSWER_MAX:
                raise DomainError("forms.text_too_long", question=q.text, max=TEXT_ANSWER_MAX)
        clean[q.id] = value
    return clean


def is_open(form: Form, now: datetime) -> bool:
    """Answers are taken until the deadline, unless staff closed the form first."""
    return form.closed_at is None and now < form.deadline


async def do_answer(actor: Actor, *, form_id: int, child_id: int, answers: dict[str, object], now: datetime) -> None:
    """Save the one answer for a child (a later answer, by either guardian, replaces it) and tell the results page."""
    check_typed_text(answers)
    form = await load_form(form_id)
    in_group = valid_id(child_id) and child_id in await group_children(form.group_id, today_local(now))
    await audit.check(access.can_answer_form(actor, child_id, in_group), actor, "forms.answer",
                      concerned_person_id=child_id if valid_id(child_id) else None)
    if not is_open(form, now):
        raise DomainError("forms.closed" if form.closed_at is not None else "forms.deadline_passed")
    clean = check_answers(questions_of(form), answers)
    for attempt in range(2):
        try:
            async with committing(transaction) as outbox:
                # Update first; when two first answers race, the unique (form, child) lets one insert win,
                # and the loser's second round finds that row and updates it, so there is never a second row.
                if not await FormAnswer.filter(form_id=form.id, child_id=child_id).update(
                        guardian_id=actor.person_id, answers=clean, answered_at=now):
                    await FormAnswer.create(form_id=form.id, child_id=child_id, guardian_id=actor.person_id,
                                            answers=clean, answered_at=now)
                outbox.add(FormAnswered(form.id, child_id, actor.name))
            return
        except IntegrityError as clash:
            if attempt:
                raise DomainError("forms.try_again") from clash


async def do_close_form(actor: Actor, *, form_id: int, now: datetime) -> None:
    """Stop taking answers before the deadline."""
    form = await load_form(form_id)
    await check_manage(actor, form.group_id, today_local(now), "forms.close")
    async with committing(transaction) as outbox:
        await Form.filter(id=form.id, closed_at__isnull=True).update(closed_at=now)
        outbox.add(FormClosed(form.id))


def short_date(moment: datetime) -> str:
    """A deadline the Danish way: '4. dec. kl. 12.00'."""
    local = moment.astimezone(COPENHAGEN)
    return f"{local.day}. {MONTHS_SHORT[local.month - 1]} kl. {local:%H.%M}"


async def missing_families(form: Form, day: date) -> dict[int, list[str]]:
    """For each current guardian of a child without an answer, the first names of those children (3 queries)."""
    answered = set(ints(await FormAnswer.filter(form_id=form.id).values_list("child_id", flat=True)))
    missing = sorted(await group_children(form.group_id, day) - answered)
    rows = await Custody.filter(active_on(day, "valid_from", "valid_to"), child_id__in=missing,
                                guardian__active=True).order_by("child__first_name").values_list(
        "guardian_id", "child__first_name") if missing else []
    families: dict[int, list[str]] = defaultdict(list)
    for guardian_id, first_name in rows:
        families[int(guardian_id)].append(str(first_name))
    return dict(families)


async def do_remind(actor: Actor, *, form_id: int, now: datetime) -> int:
    """Send a Beskeder reminder to the guardians of children without an answer only; returns how many got it."""
    form = await load_form(form_id)
    await check_manage(actor, form.group_id, today_local(now), "forms.remind")
    if not is_open(form, now):
        raise DomainError("forms.closed")
    families = await missing_families(form, today_local(now))
    if not families:
        raise DomainError("forms.nobody_to_remind")
    await check_send_rate(actor, now=now)  # one click, one send towards the limit, however many families it reaches
    # One message per guardian, so no family learns which other families have not answered.
    reached = 0
    for guardian_id, names in sorted(families.items()):
        children = " og ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
        body = REMINDER_BODY.format(title=form.title, children=children, deadline=short_date(form.deadline),
                                    link=f"/kalender/blanketter/{form.id}", sender=actor.name)
        sent = await do_send(actor, subject=REMINDER_SUBJECT.format(title=form.title), body=body,
                             recipient_keys=[f"person:{guardian_id}"], now=now, rate_limited=False)
        reached += sent.recipient_count
    await count_send(actor, now=now)
    return reached


async def guardian_names(child_ids: Sequence[int], day: date) -> dict[int, list[str]]:
    """The current guardians' full names per child (1 query)."""
    rows = await Custody.filter(active_on(day, "valid_from", "valid_to"), child_id__in=list(child_ids),
                                guardian__active=True).order_by("guardian__first_name").values_list(
        "child_id", "guardian__first_name", "guardian__last_name") if child_ids else []
    names: dict[int, list[str]] = defaultdict(list)
    for child_id, first, last in rows:
        names[int(child_id)].append(f"{first} {last}")
    return dict(names)


async def person_names(ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """First and last names by person id (1 query)."""
    rows = await Person.filter(id__in=list(ids)).values_list("id", "first_name", "last_name") if ids else []
    return {int(i): (str(f), str(la)) for i, f, la in rows}
