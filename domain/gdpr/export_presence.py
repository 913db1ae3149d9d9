"""Data export, KommeGå and consents: presence days and their history, plans, pickup persons, consents."""

from __future__ import annotations

from typing import Any

from persistence.gdpr import ChildConsent
from persistence.organisation import Institution
from persistence.people import PickupPerson
from persistence.presence import PlanEntry, PresenceChange, PresenceDay

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def _clock(minutes: int | None) -> str | None:
    return None if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"


def _value(v: Any) -> Any:
    return getattr(v, "value", v)


async def presence_file(person_id: int, me: int, *, child: bool) -> dict[str, Any]:
    """A person's days and the history of each change; for a child also its plans and the pickups the guardian added."""
    days = await PresenceDay.filter(person_id=person_id).order_by("day").values(
        "day", "institution__name", "is_staff", "status", "location", "pickup_label", "arrived_at", "left_at",
        "changed_at", "changed_by")
    changes = await PresenceChange.filter(person_id=person_id).order_by("at", "id").values(
        "day", "institution_id", "at", "action", "from_status", "to_status", "location", "pickup_label",
        "actor_name", "device", "undone")
    inst_ids = {int(c["institution_id"]) for c in changes}
    names = dict(await Institution.filter(id__in=inst_ids).values_list("id", "name")) if inst_ids else {}
    result: dict[str, Any] = {
        "days": [{"day": d["day"], "institution": d["institution__name"], "on_duty_as_staff": d["is_staff"],
                  "status": _value(d["status"]), "location": d["location"], "pickup": d["pickup_label"],
                  "arrived_at": d["arrived_at"], "left_at": d["left_at"], "changed_at": d["changed_at"],
                  "changed_by": d["changed_by"]} for d in days],
        "changes": [{"day": c["day"], "institution": names.get(c["institution_id"], ""), "at": c["at"],
                     "action": _value(c["action"]), "from": _value(c["from_status"]), "to": _value(c["to_status"]),
                     "location": c["location"], "pickup": c["pickup_label"], "by": c["actor_name"],
                     "device": _value(c["device"]), "undone": c["undone"]} for c in changes],
    }
    if child:
        plans = await PlanEntry.filter(child_id=person_id).order_by("weekday", "day").values(
            "weekday", "day", "arrival_min", "pickup_min", "pickup_label", "alone_min", "with_child_id", "note",
            "updated_at", "updated_by")
        # Going home with a friend names another family's child: the export says only that it was planned.
        result["plans"] = [{
            "weekday": WEEKDAYS[p["weekday"]] if p["weekday"] is not None else None, "day": p["day"],
            "arrival": _clock(p["arrival_min"]), "pickup": _clock(p["pickup_min"]), "pickup_by": p["pickup_label"],
            "goes_home_alone_at": _clock(p["alone_min"]),
            "goes_home_with_another_child": p["with_child_id"] is not None,
            "note": p["note"], "updated_at": p["updated_at"], "updated_by": p["updated_by"]} for p in plans]
        result["pickup_persons_added_by_me"] = await PickupPerson.filter(child_id=person_id, added_by_id=me).order_by(
            "id").values("name", "relation", "phone")
    return result


async def consents_file(person_id: int, me: int, *, child: bool) -> dict[str, Any]:
    """For a child, every consent and decision (by me or by another guardian); for an adult, what they decided."""
    if child:
        decided = await ChildConsent.filter(child_id=person_id).order_by("decided_at").values(
            "consent_type__name", "given", "decided_by_id", "decided_at")
    else:
        decided = await ChildConsent.filter(decided_by_id=person_id).order_by("decided_at").values(
            "consent_type__name", "given", "decided_by_id", "decided_at")
    return {
        "consents": [{"consent": d["consent_type__name"], "given": d["given"], "decided_at": d["decided_at"],
                      "decided_by_me": d["decided_by_id"] == me} for d in decided],
    }
