"""Notification preferences as a table of cases: role defaults, a choice over them, quiet hours, the krisebesked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import DomainError
from domain.identity.model import Role
from domain.notifications.centre import Category, Channel, QuietHours
from domain.notifications.model import EmailKind
from domain.notifications.preferences import check_choice, clock_text, effective, first_choices, parse_clock
from ui.texts import TEXTS

M, P, D, E = Category.MESSAGE, Channel.PUSH, Channel.DIGEST, Channel.EMAIL


@pytest.mark.parametrize(("role", "choices", "category", "channel", "on"), [
    # a guardian's defaults: a push for messages, nothing by e-mail, no summary; KommeGå only in the app
    (Role.PARENT, {}, M, P, True),
    (Role.PARENT, {}, M, E, False),
    (Role.PARENT, {}, M, D, False),
    (Role.PARENT, {}, Category.PRESENCE, P, False),
    # staff: the day's summary instead of a buzz per message
    (Role.STAFF, {}, M, P, False),
    (Role.STAFF, {}, M, D, True),
    (Role.STAFF, {}, Category.CONFERENCE, P, True),
    # a choice wins over the default, either way
    (Role.PARENT, {("message", "push"): False}, M, P, False),
    (Role.PARENT, {("presence", "push"): True}, Category.PRESENCE, P, True),
    (Role.STAFF, {("message", "digest"): False}, M, D, False),
    (Role.PARENT, {("message", "email"): True}, M, E, True),
    # a krisebesked reaches the phone whatever was stored, and never waits for a summary
    (Role.PARENT, {("crisis", "push"): False}, Category.CRISIS, P, True),
    (Role.STAFF, {}, Category.CRISIS, P, True),
    (Role.PARENT, {("crisis", "digest"): True}, Category.CRISIS, D, False),
    (Role.PARENT, {}, Category.CRISIS, E, True),
    (Role.PARENT, {("crisis", "email"): False}, Category.CRISIS, E, False),
])
def test_what_goes_where(role: Role, choices: dict[tuple[str, str], bool], category: Category, channel: Channel,
                         on: bool) -> None:
    assert effective(role, choices, category, channel) is on


@pytest.mark.parametrize(("category", "channel", "on", "refusal"), [
    (Category.CRISIS, P, False, "notify.prefs.crisis_locked"),
    (Category.CRISIS, D, True, "notify.prefs.not_offered"),
    (Category.CRISIS, P, True, None),
    (Category.CRISIS, E, False, None),
    (M, P, False, None),
])
def test_what_can_be_chosen(category: Category, channel: Channel, on: bool, refusal: str | None) -> None:
    if refusal is None:
        check_choice(category, channel, on)
    else:
        with pytest.raises(DomainError) as error:
            check_choice(category, channel, on)
        assert error.value.key == refusal


@pytest.mark.parametrize(("text", "minutes"), [
    ("21:00", 1260), ("07:00", 420), ("7:05", 425), ("0:00", 0), ("23:59", 1439), (" 21.30 ", 1290)])
def test_clock_times_are_read_the_danish_way(text: str, minutes: int) -> None:
    assert parse_clock(text) == minutes
    assert parse_clock(clock_text(minutes)) == minutes


@pytest.mark.parametrize("text", ["24:00", "21", "21:60", "kl. 9", "9:5", "-1:00", "21:00:00", "２１:００"])
def test_a_bad_time_is_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(DomainError) as error:
        parse_clock(text)
    assert error.value.key == "notify.prefs.bad_time"


@pytest.mark.parametrize("text", ["", "  "])
def test_an_empty_time_asks_for_one(text: str) -> None:
    with pytest.raises(DomainError) as error:
        parse_clock(text)
    assert error.value.key == "notify.prefs.no_time"


def _cph(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 7, hour - 1, minute, tzinfo=UTC)  # winter: Copenhagen is UTC+1


@pytest.mark.parametrize(("quiet", "minute", "held"), [
    (QuietHours(21 * 60, 7 * 60), 20 * 60 + 59, False),
    (QuietHours(21 * 60, 7 * 60), 21 * 60, True),
    (QuietHours(21 * 60, 7 * 60), 23 * 60 + 59, True),  # past midnight
    (QuietHours(21 * 60, 7 * 60), 0, True),
    (QuietHours(21 * 60, 7 * 60), 6 * 60 + 59, True),
    (QuietHours(21 * 60, 7 * 60), 7 * 60, False),
    (QuietHours(12 * 60, 13 * 60), 12 * 60 + 30, True),  # a lunch break, within one day
    (QuietHours(12 * 60, 13 * 60), 21 * 60, False),
    (QuietHours(8 * 60, 8 * 60), 8 * 60, False),  # the same time twice: no quiet hours
])
def test_quiet_hours_hold_back_what_falls_in_them(quiet: QuietHours, minute: int, held: bool) -> None:
    assert quiet.holds(minute) is held


def test_something_raised_in_the_quiet_hours_goes_out_when_they_end() -> None:
    quiet = QuietHours(21 * 60, 7 * 60)
    assert quiet.release(_cph(23, 30)) == _cph(7).replace(day=8)  # the next morning
    assert quiet.release(datetime(2026, 12, 7, 5, 0, tzinfo=UTC)) == _cph(7)  # 06:00: the same morning
    assert quiet.release(_cph(14)) == _cph(14)


@pytest.mark.parametrize(("role", "push", "email", "digest", "message", "presence"), [
    # (push, e-mail, summary) for messages, and KommeGå, which a guardian does not hear about by default
    (Role.PARENT, True, False, False, (True, False, False), (False, False, False)),
    (Role.PARENT, False, True, False, (False, True, False), (False, False, False)),
    (Role.PARENT, False, False, True, (False, False, True), (False, False, False)),
    (Role.PARENT, True, True, True, (True, True, False), (False, False, False)),  # at once wins over the summary
    (Role.PARENT, False, False, False, (False, False, False), (False, False, False)),  # only in the app
])
def test_the_first_question_fills_the_table(role: Role, push: bool, email: bool, digest: bool,
                                            message: tuple[bool, bool, bool],
                                            presence: tuple[bool, bool, bool]) -> None:
    cells = first_choices(role, push=push, email=email, digest=digest)
    assert (cells[(M, P)], cells[(M, E)], cells[(M, D)]) == message
    assert tuple(cells[(Category.PRESENCE, ch)] for ch in (P, E, D)) == presence
    assert cells[(Category.CRISIS, P)] is True and cells[(Category.CRISIS, D)] is False
    for (category, channel), on in cells.items():
        check_choice(category, channel, on)  # nothing the question stores could be refused


@pytest.mark.parametrize("kind", list(EmailKind))
def test_every_kind_of_email_has_its_switch_and_unsubscribe_texts_in_both_languages(kind: EmailKind) -> None:
    for key in (f"email.kind.{kind.value}", f"email.unsubscribe.ask.{kind.value}",
                f"email.unsubscribe.done.{kind.value}"):
        danish, english = TEXTS[key]
        assert danish and english and danish != english


def test_every_category_and_channel_has_a_name() -> None:
    for key in [f"notify.category.{c.value}" for c in Category] + [f"notify.channel.{c.value}" for c in Channel]:
        assert all(TEXTS[key])
