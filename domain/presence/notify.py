"""KommeGå tells a child's own guardians when the child is checked in or out, and forgets it when undone."""

from __future__ import annotations

from datetime import date, datetime

from domain.clock import COPENHAGEN
from domain.events import Outbox
from domain.notifications.centre import Category, NewNotification, NotificationsChanged
from domain.notifications.outbox import do_enqueue
from domain.notifications.service import do_forget
from domain.presence.model import Action
from persistence.people import Custody
from persistence.queries import active_on, ints

TITLES = {Action.CHECK_IN: "{child} er tjekket ind {at} af {by}",
          Action.CHECK_OUT: "{child} er tjekket ud {at} af {by}"}


def presence_source(change_id: int) -> str:
    """The cause key of one KommeGå change."""
    return f"presence:{change_id}"


async def notify_presence(outbox: Outbox, *, action: Action, change_id: int, child_id: int, first_name: str,
                          by: str, by_person: int | None, day: date, now: datetime) -> int:
    """Tell the child's current guardians (only theirs: the title names the child); inside the change's transaction."""
    title = TITLES.get(action)
    if title is None:
        return 0
    guardians = ints(await Custody.filter(active_on(day, "valid_from", "valid_to"), child_id=child_id,
                                          guardian__active=True).values_list("guardian_id", flat=True))
    text = title.format(child=first_name, at=f"{now.astimezone(COPENHAGEN):%H:%M}", by=by)
    notes = [NewNotification(person_id=g, category=Category.PRESENCE, title=text, link="/overblik",
                             source=presence_source(change_id)) for g in sorted(set(guardians)) if g != by_person]
    return await do_enqueue(notes, outbox, now=now)


async def forget_presence(outbox: Outbox, change_id: int) -> None:
    """An undone check-in was never told: its notifications go (inside the undo's transaction)."""
    people = await do_forget([presence_source(change_id)])
    if people:
        outbox.add(NotificationsChanged(tuple(sorted(people))))
