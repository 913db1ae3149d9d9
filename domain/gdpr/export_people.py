"""Data export, identity and organisation: the person row, accounts and logins, custody, enrolments and jobs."""

from __future__ import annotations

from datetime import date
from typing import Any

from tortoise.expressions import Q

from domain.gdpr.export_level import CPR_WITHHELD
from domain.organisation.children import mask_cpr
from persistence.calendar import CalendarFeed
from persistence.identity import LoginRecord, UserAccount
from persistence.people import (
    Custody,
    Employment,
    Enrolment,
    GroupMembership,
    MunicipalAssignment,
    Person,
    ProfessionalAccess,
)
from persistence.presence import KioskPin
from persistence.rollout_reminders import AdoptionReminder
from persistence.widgets import WidgetLayout, WidgetTokenRecord

PERSON_FIELDS = ("id", "first_name", "last_name", "birth_date", "cpr", "is_child", "email", "phone", "address",
                 "photo_url", "active", "deactivated_at", "anonymised_at", "municipality__name")


async def person_file(person_id: int, *, full_cpr: bool) -> dict[str, Any]:
    """The person's own row; the CPR number in full only when the export may hold it (level 3), else masked."""
    rows = await Person.filter(id=person_id).values(*PERSON_FIELDS)
    row = dict(rows[0])
    row["municipality"] = row.pop("municipality__name")
    if row["cpr"] and not full_cpr:
        row["cpr"] = mask_cpr(row["cpr"])
        row["cpr_note"] = CPR_WITHHELD
    return row


async def accounts_file(person_id: int) -> dict[str, Any]:
    """Their account, each login, reminders to log in, calendar feed addresses (never the token), widget tokens."""
    accounts = await UserAccount.filter(person_id=person_id).values(
        "id", "oidc_subject", "username", "active", "created_at", "last_login_at")
    ids = [a["id"] for a in accounts]
    logins = await LoginRecord.filter(account_id__in=ids).order_by("at").values("at", "acr") if ids else []
    feeds = await CalendarFeed.filter(person_id=person_id).order_by("id").values("created_at", "revoked_at")
    tokens = await WidgetTokenRecord.filter(person_id=person_id).order_by("at").values(
        "at", "widget__name", "widget__supplier", "role", "claims", "children")
    layouts = await WidgetLayout.filter(person_id=person_id).values("role", "order", "hidden")
    reminders = await AdoptionReminder.filter(person_id=person_id).order_by("day").values(
        "day", "channel", "sent_by_name")
    return {
        "accounts": [{k: v for k, v in a.items() if k != "id"} for a in accounts],
        "logins": logins,
        "calendar_feeds": feeds,
        "widget_tokens": [{"at": t["at"], "widget": t["widget__name"], "supplier": t["widget__supplier"],
                           "role": t["role"], "claims": t["claims"], "children": t["children"]} for t in tokens],
        "widget_layouts": layouts,
        "kiosk_pin_set": await KioskPin.exists(child_id=person_id),
        "login_reminders": reminders,
    }


def current(valid_from: date, valid_to: date | None, today: date) -> bool:
    """Whether a span holds today."""
    return valid_from <= today and (valid_to is None or valid_to >= today)


async def current_children(guardian_id: int, today: date) -> list[tuple[int, str]]:
    """The children the person has custody of today, as (id, first name)."""
    rows = await Custody.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today), guardian_id=guardian_id,
                                valid_from__lte=today).values_list("child_id", "child__first_name")
    return sorted({(int(cid), str(name)) for cid, name in rows})


async def relations_file(person_id: int, today: date) -> dict[str, Any]:
    """Custody, enrolments, employments, groups and municipal roles, named; other adults only as 'another guardian'."""
    as_guardian = await Custody.filter(guardian_id=person_id).order_by("valid_from").values(
        "child_id", "child__first_name", "child__last_name", "valid_from", "valid_to")
    as_child = await Custody.filter(child_id=person_id).order_by("valid_from").values(
        "guardian_id", "valid_from", "valid_to")
    enrolments = await Enrolment.filter(child_id=person_id).order_by("start").values(
        "institution__name", "group__name", "start", "end")
    jobs = await Employment.filter(person_id=person_id).order_by("start").values(
        "institution__name", "role", "superuser", "start", "end")
    groups = await GroupMembership.filter(person_id=person_id).order_by("id").values(
        "group__name", "group__institution__name")
    municipal = await MunicipalAssignment.filter(person_id=person_id).values_list("role", flat=True)
    cases = await ProfessionalAccess.filter(professional_id=person_id).values("child_id", "valid_to")
    return {
        "children_in_custody": [
            {"child_id": c["child_id"], "first_name": c["child__first_name"], "last_name": c["child__last_name"],
             "valid_from": c["valid_from"], "valid_to": c["valid_to"],
             "current": current(c["valid_from"], c["valid_to"], today)} for c in as_guardian],
        # A child's guardians are other people: only the spans of custody, not who holds it.
        "custody_over_me": [{"valid_from": c["valid_from"], "valid_to": c["valid_to"]} for c in as_child],
        "enrolments": [{"institution": e["institution__name"], "group": e["group__name"], "start": e["start"],
                        "end": e["end"]} for e in enrolments],
        "employments": [{"institution": j["institution__name"], "role": j["role"], "superuser": j["superuser"],
                         "start": j["start"], "end": j["end"]} for j in jobs],
        "group_memberships": [{"group": g["group__name"], "institution": g["group__institution__name"]}
                              for g in groups],
        "municipal_roles": sorted(str(getattr(r, "value", r)) for r in municipal),
        "professional_cases": len(cases),
    }
