"""Write notifications and their deliveries in the caller's transaction: the outbox a sending worker empties."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tortoise.models import Model

from domain.events import Outbox
from domain.identity.model import Role
from domain.notifications.centre import (
    BODY_MAX,
    LINK_MAX,
    TITLE_MAX,
    Category,
    Channel,
    NewNotification,
    NotificationsChanged,
    QuietHours,
    default_on,
    next_digest,
)
from persistence.notifications import (
    Notification,
    NotificationChoice,
    NotificationDelivery,
    NotificationSettings,
    PushSubscription,
)
from persistence.people import Employment, Person

NOTIFICATION_COLUMNS = ("person_id", "category", "title", "body", "link", "sensitive", "urgent", "source", "created_at")
DELIVERY_COLUMNS = ("notification_id", "channel", "device_id", "due_at", "attempts", "claimed_by", "failed", "error")


async def _choices(person_ids: set[int]) -> dict[tuple[int, str, str], bool]:
    rows = await NotificationChoice.filter(person_id__in=person_ids).values_list(
        "person_id", "category", "channel", "on")
    return {(p, c, ch): bool(on) for p, c, ch, on in rows}


async def _settings(person_ids: set[int]) -> dict[int, tuple[QuietHours, int]]:
    rows = await NotificationSettings.filter(person_id__in=person_ids).values_list(
        "person_id", "quiet_from", "quiet_to", "digest_at")
    return {p: (QuietHours(start, end), digest) for p, start, end, digest in rows}


async def _emails(person_ids: set[int]) -> set[int]:
    rows: list[int] = await Person.filter(id__in=person_ids).exclude(email="").values_list(  # type: ignore[assignment]
        "id", flat=True)
    return set(rows)


async def _staff(person_ids: set[int]) -> set[int]:
    rows: list[int] = await Employment.filter(person_id__in=person_ids).distinct().values_list(  # type: ignore[assignment]
        "person_id", flat=True)
    return set(rows)


async def _devices(person_ids: set[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for person_id, device_id in await PushSubscription.filter(person_id__in=person_ids).values_list("person_id", "id"):
        found.setdefault(person_id, []).append(device_id)
    return found


def _delivery(notification_id: int, channel: Channel, device_id: int | None, due: datetime) -> tuple[object, ...]:
    return notification_id, channel.value, device_id, due, 0, "", False, ""


async def _insert(model: type[Model], columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    """One executemany for all rows, in the caller's transaction.

    Tortoise's bulk_create builds and validates a model object per row: for a post to 2,000 guardians that was most of
    the send's time. The values here are already plain (ints, strings, booleans, aware datetimes).
    """
    if not rows:
        return
    db = model._meta.db
    marks = ", ".join("?" if db.capabilities.dialect == "sqlite" else f"${i}" for i in range(1, len(columns) + 1))
    names = ", ".join(f'"{c}"' for c in columns)
    await db.execute_many(f'INSERT INTO "{model._meta.db_table}" ({names}) VALUES ({marks})',  # noqa: S608
                          [list(row) for row in rows])


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def do_enqueue(notes: Sequence[NewNotification], outbox: Outbox, *, now: datetime) -> int:
    """Store each person's notification once per cause and queue its deliveries; call inside the cause's transaction.

    Statements do not grow with the number of people: one INSERT per table. Returns how many were new.
    """
    wanted = {(n.person_id, n.source): n for n in notes}
    if not wanted:
        return 0
    people = {p for p, _ in wanted}
    sources = {s for _, s in wanted}
    existing = set(await Notification.filter(person_id__in=people, source__in=sources).values_list(
        "person_id", "source"))
    fresh = [n for key, n in wanted.items() if key not in existing]
    if not fresh:
        return 0
    people = {n.person_id for n in fresh}
    choices, settings = await _choices(people), await _settings(people)
    emails, staff, devices = await _emails(people), await _staff(people), await _devices(people)
    await _insert(Notification, NOTIFICATION_COLUMNS, [
        (n.person_id, n.category.value, _clip(n.title, TITLE_MAX), "" if n.sensitive else _clip(n.body, BODY_MAX),
         n.link[:LINK_MAX], n.sensitive, n.category is Category.CRISIS, n.source, now) for n in fresh])
    # An executemany hands back no ids: read them back by cause, one statement.
    ids = {(p, s): i for i, p, s in await Notification.filter(
        person_id__in=people, source__in={n.source for n in fresh}).values_list("id", "person_id", "source")}
    deliveries: list[tuple[object, ...]] = []
    for n in fresh:
        role = Role.STAFF if n.person_id in staff else Role.PARENT
        quiet, digest_at = settings.get(n.person_id, (QuietHours(), 17 * 60))

        def on(channel: Channel, n: NewNotification = n, role: Role = role) -> bool:
            return choices.get((n.person_id, n.category.value, channel.value), default_on(role, n.category, channel))

        due = now if n.category is Category.CRISIS else quiet.release(now)
        notification_id = ids[(n.person_id, n.source)]
        if on(Channel.PUSH):
            deliveries += [_delivery(notification_id, Channel.PUSH, d, due) for d in devices.get(n.person_id, [])]
        if n.person_id in emails and on(Channel.EMAIL):
            deliveries.append(_delivery(notification_id, Channel.EMAIL, None, due))
        elif n.person_id in emails and on(Channel.DIGEST):
            deliveries.append(_delivery(notification_id, Channel.DIGEST, None, next_digest(now, digest_at)))
    await _insert(NotificationDelivery, DELIVERY_COLUMNS, deliveries)
    outbox.add(NotificationsChanged(tuple(sorted(people))))
    return len(fresh)
