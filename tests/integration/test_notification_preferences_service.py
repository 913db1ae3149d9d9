"""Setting one's own notification choices: stored, refused when bad (nothing changed), and obeyed by the outbox."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import DomainError
from domain.events import Outbox
from domain.identity.model import Role
from domain.notifications.centre import Category, Channel, NewNotification, QuietHours
from domain.notifications.outbox import do_enqueue
from domain.notifications.preferences import (
    do_mark_chosen,
    do_set_choice,
    do_set_digest_time,
    do_set_quiet_hours,
    do_set_times,
    first_choices,
    needs_first_choice,
    preferences,
)
from persistence.notifications import NotificationChoice, NotificationDelivery, NotificationSettings
from persistence.people import Person
from tests.messages_world import MessagesWorld, build_messages_world

NOW = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # 14:00 in Copenhagen
M, P, E, D = Category.MESSAGE, Channel.PUSH, Channel.EMAIL, Channel.DIGEST


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    world = await build_messages_world()
    await Person.filter(id=world.guardian.person_id).update(email="gitte@example.dk")
    return world


async def test_a_guardian_starts_from_the_defaults_and_a_teacher_from_staff_ones(mw: MessagesWorld) -> None:
    gitte, anne = await preferences(mw.guardian), await preferences(mw.teacher)
    assert (gitte.role, gitte.on(M, P), gitte.on(M, D), gitte.chosen) == (Role.PARENT, True, False, False)
    assert (anne.role, anne.on(M, P), anne.on(M, D)) == (Role.STAFF, False, True)
    assert gitte.quiet == QuietHours(21 * 60, 7 * 60) and gitte.digest_at == 17 * 60
    assert gitte.email == "gitte@example.dk" and anne.email == ""
    assert gitte.only_in_app(Category.PRESENCE) and not gitte.only_in_app(Category.CRISIS)


async def test_a_choice_is_stored_and_email_at_once_and_the_summary_exclude_each_other(mw: MessagesWorld) -> None:
    assert await do_set_choice(mw.guardian, M, D, on=True) == {(M, D)}
    assert await do_set_choice(mw.guardian, M, E, on=True) == {(M, E), (M, D)}
    assert await do_set_choice(mw.guardian, M, E, on=True) == set()  # again: nothing changes
    assert await do_set_choice(mw.guardian, M, P, on=False) == {(M, P)}
    mine = await preferences(mw.guardian)
    assert (mine.on(M, P), mine.on(M, E), mine.on(M, D)) == (False, True, False)
    assert not (await preferences(mw.other_guardian)).on(M, E)  # another person's table is their own


async def test_a_krisebesked_cannot_be_turned_off_for_push(mw: MessagesWorld) -> None:
    with pytest.raises(DomainError) as error:
        await do_set_choice(mw.guardian, Category.CRISIS, P, on=False)
    assert error.value.key == "notify.prefs.crisis_locked"
    with pytest.raises(DomainError):
        await do_set_choice(mw.guardian, Category.CRISIS, D, on=True)
    assert not await NotificationChoice.exists()


async def test_quiet_hours_and_summary_time_are_stored_and_bad_input_changes_nothing(mw: MessagesWorld) -> None:
    assert await do_set_quiet_hours(mw.guardian, "22:30", "6.45") == QuietHours(22 * 60 + 30, 6 * 60 + 45)
    assert await do_set_digest_time(mw.guardian, "18:15") == 18 * 60 + 15
    for start, end in [("25:00", "07:00"), ("22:00", "halv syv"), ("", "")]:
        with pytest.raises(DomainError) as error:
            await do_set_quiet_hours(mw.guardian, start, end)
        assert error.value.key in {"notify.prefs.bad_time", "notify.prefs.no_time"}
    with pytest.raises(DomainError):
        await do_set_digest_time(mw.guardian, "17")
    with pytest.raises(DomainError):
        await do_set_times(mw.guardian, "20:00", "06:00", "")  # the last field bad: the first two not stored
    mine = await preferences(mw.guardian)
    assert (mine.quiet, mine.digest_at) == (QuietHours(22 * 60 + 30, 6 * 60 + 45), 18 * 60 + 15)
    assert await NotificationSettings.filter(person_id=mw.guardian.person_id).count() == 1
    assert not await NotificationSettings.filter(person_id=mw.other_guardian.person_id).exists()


async def test_the_first_question_is_asked_once_whether_answered_or_skipped(mw: MessagesWorld) -> None:
    assert await needs_first_choice(mw.guardian) and not await needs_first_choice(mw.teacher)
    await do_mark_chosen(mw.guardian, now=NOW,
                         choices=first_choices(Role.PARENT, push=False, email=False, digest=True))
    assert not await needs_first_choice(mw.guardian)
    mine = await preferences(mw.guardian)
    assert (mine.chosen, mine.on(M, P), mine.on(M, D), mine.on(Category.CRISIS, P)) == (True, False, True, True)
    await do_set_quiet_hours(mw.other_guardian, "21:00", "07:00")  # a settings row without a choice yet
    assert await needs_first_choice(mw.other_guardian)
    await do_mark_chosen(mw.other_guardian, now=NOW)  # "Spring over": the defaults stay, the question goes
    assert not await needs_first_choice(mw.other_guardian)
    assert (await preferences(mw.other_guardian)).on(M, P)


@pytest.mark.parametrize(("quiet", "at", "due"), [
    (("21:00", "07:00"), datetime(2026, 12, 7, 22, 30, tzinfo=UTC), datetime(2026, 12, 8, 6, 0, tzinfo=UTC)),
    (("23:00", "01:00"), datetime(2026, 12, 7, 23, 30, tzinfo=UTC), datetime(2026, 12, 8, 0, 0, tzinfo=UTC)),
    (("23:00", "01:00"), datetime(2026, 12, 7, 21, 30, tzinfo=UTC), datetime(2026, 12, 7, 21, 30, tzinfo=UTC)),
    (("08:00", "08:00"), datetime(2026, 12, 7, 2, 0, tzinfo=UTC), datetime(2026, 12, 7, 2, 0, tzinfo=UTC)),
])
async def test_the_outbox_holds_an_e_mail_to_the_chosen_quiet_hours(
        mw: MessagesWorld, quiet: tuple[str, str], at: datetime, due: datetime) -> None:
    await do_set_choice(mw.guardian, M, E, on=True)
    await do_set_quiet_hours(mw.guardian, *quiet)
    note = NewNotification(mw.guardian.person_id, M, "Ny besked fra Anne Holm", "/beskeder/1", "message:1")
    crisis = NewNotification(mw.guardian.person_id, Category.CRISIS, "Krisebesked", "/krise", "broadcast:1")
    await do_enqueue([note, crisis], Outbox(), now=at)
    rows = dict(await NotificationDelivery.filter(channel="email").values_list("notification__source", "due_at"))
    assert rows == {"message:1": due, "broadcast:1": at}  # the krisebesked ignores the quiet hours


async def test_the_summary_goes_at_the_chosen_time(mw: MessagesWorld) -> None:
    await do_set_choice(mw.guardian, M, D, on=True)
    await do_set_digest_time(mw.guardian, "19:30")
    await do_enqueue([NewNotification(mw.guardian.person_id, M, "Ny besked", "/beskeder/1", "message:1")], Outbox(),
                     now=NOW)
    assert await NotificationDelivery.filter(channel="digest").values_list("due_at", flat=True) == [
        datetime(2026, 12, 7, 18, 30, tzinfo=UTC)]
