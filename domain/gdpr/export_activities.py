"""Data export, kalender, samtaler, blanketter and ferie: a person's own events, bookings and answers, or a child's."""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q

from persistence.calendar import CalendarEvent, Invitation
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.forms import Form, FormAnswer
from persistence.vacation import VacationAnswer, VacationRequest

EVENT_FIELDS = ("title", "description", "place", "all_day", "starts_at", "ends_at", "rrule", "private", "created_at",
                "cancelled_at")


async def calendar_file(person_id: int) -> dict[str, Any]:
    """Events they made or that are theirs alone, and the invitations they got with their answers."""
    own = await CalendarEvent.filter(Q(person_id=person_id) | Q(organiser_id=person_id)).order_by(
        "starts_at").values(*EVENT_FIELDS)
    invitations = await Invitation.filter(person_id=person_id).order_by("event__starts_at").values(
        "event__title", "event__starts_at", "event__place", "answer", "answered_at")
    return {
        "own_events": own,
        "invitations": [{"event": i["event__title"], "starts_at": i["event__starts_at"], "place": i["event__place"],
                         "answer": i["answer"], "answered_at": i["answered_at"]} for i in invitations],
    }


def _slot(s: dict[str, Any], me: int) -> dict[str, Any]:
    return {"round": s["round__title"], "place": s["round__place"], "starts_at": s["starts_at"],
            "ends_at": s["ends_at"], "child": s["child__first_name"], "booked_at": s["booked_at"],
            "booked_by_me": s["booked_by_id"] == me}


SLOT_FIELDS = ("round__title", "round__place", "starts_at", "ends_at", "child__first_name", "booked_at",
               "booked_by_id")


async def conferences_file(me: int, child_id: int | None = None) -> dict[str, Any]:
    """Conference bookings: the ones the person made, or (in a child's folder) the child's."""
    where = Q(child_id=child_id) if child_id else Q(booked_by_id=me)
    slots = await ConferenceSlot.filter(where).order_by("starts_at").values(*SLOT_FIELDS)
    result: dict[str, Any] = {"bookings": [_slot(s, me) for s in slots]}
    if child_id is None:
        result["rounds_organised"] = await ConferenceRound.filter(organiser_id=me).order_by("created_at").values(
            "title", "group__name", "place", "created_at", "closed_at")
    return result


async def forms_file(me: int, child_id: int | None = None) -> dict[str, Any]:
    """Form answers: the ones the person gave, or (in a child's folder) the child's, by whom only as 'me' or not."""
    where = Q(child_id=child_id) if child_id else Q(guardian_id=me)
    answers = await FormAnswer.filter(where).order_by("answered_at").values(
        "form__title", "form__questions", "child__first_name", "answers", "answered_at", "guardian_id")
    result: dict[str, Any] = {"answers": [{
        "form": a["form__title"], "questions": a["form__questions"], "child": a["child__first_name"],
        "answers": a["answers"], "answered_at": a["answered_at"], "answered_by_me": a["guardian_id"] == me}
        for a in answers]}
    if child_id is None:
        result["forms_made"] = await Form.filter(author_id=me).order_by("created_at").values(
            "title", "group__name", "description", "deadline", "created_at", "closed_at")
    return result


async def vacation_file(me: int, child_id: int | None = None) -> dict[str, Any]:
    """Vacation answers day by day: the ones the person gave, or (in a child's folder) the child's."""
    where = Q(child_id=child_id) if child_id else Q(answered_by_id=me)
    answers = await VacationAnswer.filter(where).order_by("request_id", "day").values(
        "request__title", "child__first_name", "day", "comes", "arrival_min", "pickup_min", "answered_at",
        "answered_by_id")
    result: dict[str, Any] = {"answers": [{
        "request": a["request__title"], "child": a["child__first_name"], "day": a["day"], "comes": a["comes"],
        "arrival": _clock(a["arrival_min"]), "pickup": _clock(a["pickup_min"]), "answered_at": a["answered_at"],
        "answered_by_me": a["answered_by_id"] == me} for a in answers]}
    if child_id is None:
        result["requests_made"] = await VacationRequest.filter(author_id=me).order_by("created_at").values(
            "title", "note", "first_day", "last_day", "deadline", "created_at")
    return result


def _clock(minutes: int | None) -> str | None:
    """Minutes after midnight as HH:MM."""
    return None if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"
