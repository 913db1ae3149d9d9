"""What the built-in widgets share: ISO weeks, the role check, and the groups an actor belongs to."""

from __future__ import annotations

from datetime import date, timedelta

from tortoise.expressions import Q

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.widgets.model import WidgetSpec
from persistence.people import Enrolment, GroupMembership
from persistence.queries import active_on

GUARDIAN_ROLES = (Role.PARENT, Role.CHILD)


def iso_week(day: date) -> tuple[int, int]:
    """The ISO year and week number of a day."""
    year, week, _ = day.isocalendar()
    return year, week


def monday_of(year: int, week: int) -> date:
    """The Monday of an ISO week; a week that does not exist is refused."""
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError as error:
        raise DomainError("plans.error.week") from error


def next_week(day: date) -> tuple[int, int]:
    """The ISO year and week after the one a day falls in."""
    return iso_week(day + timedelta(days=7))


async def check_widget(actor: Actor, spec: WidgetSpec) -> None:
    """Refuse (and audit) a load by a role the widget does not serve."""
    await audit.check(access.can_see_widget(actor, spec.roles), actor, f"widget_{spec.name}")


def children_of(actor: Actor) -> frozenset[int]:
    """The children whose groups count for a guardian, or the child acting itself."""
    return frozenset({actor.person_id}) if actor.role is Role.CHILD else actor.guardian_of


def open_group(today: date) -> Q:
    """Memberships of groups that have not closed by themselves."""
    return Q(group__expires_on__isnull=True) | Q(group__expires_on__gte=today)


async def child_groups(child_ids: frozenset[int], today: date,
                       institution_ids: frozenset[int] | None = None) -> list[tuple[int, str, int, str]]:
    """(child id, first name, group id, group name) for children's current enrolment and cross groups (2 queries).

    With institution_ids, only groups of those institutions (and cross groups, which belong to none).
    """
    enrolments = Enrolment.filter(active_on(today), child_id__in=list(child_ids), group_id__isnull=False)
    memberships = GroupMembership.filter(open_group(today), person_id__in=list(child_ids))
    if institution_ids is not None:
        enrolments = enrolments.filter(institution_id__in=list(institution_ids))
        memberships = memberships.filter(Q(group__institution_id__isnull=True) |
                                         Q(group__institution_id__in=list(institution_ids)))
    enrolled = await enrolments.values_list("child_id", "child__first_name", "group_id", "group__name")
    crossing = await memberships.values_list("person_id", "person__first_name", "group_id", "group__name")
    rows = {(int(c), str(f), int(g), str(n)) for c, f, g, n in [*enrolled, *crossing]}
    return sorted(rows, key=lambda r: (r[1], r[3], r[0], r[2]))


async def staff_groups(person_id: int, today: date,
                       institution_ids: frozenset[int] | None = None) -> list[tuple[int, str]]:
    """(group id, group name) of the groups a member of staff belongs to, by name (1 query).

    With institution_ids, only groups of those institutions (and cross groups, which belong to none).
    """
    query = GroupMembership.filter(open_group(today), person_id=person_id)
    if institution_ids is not None:
        query = query.filter(Q(group__institution_id__isnull=True) | Q(group__institution_id__in=list(institution_ids)))
    rows = await query.values_list("group_id", "group__name")
    return sorted({(int(g), str(n)) for g, n in rows}, key=lambda r: (r[1], r[0]))
