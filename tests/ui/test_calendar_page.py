"""The calendar through the UI: a weekly event for 2.A, a guardian's answer and the live count, holidays, ICS."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

import httpx
import icalendar
from nicegui import ui
from nicegui.testing import User

from domain.calendar import service
from domain.calendar.ics import uid
from domain.clock import COPENHAGEN, today_local, utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from persistence.calendar import CalendarEvent, Invitation
from persistence.identity import UserAccount
from persistence.organisation import Group
from tests.clocks import TestClock
from tests.ui.conftest import login, logout
from ui.i18n import MONTHS


async def actor_of(subject: str, role: str) -> Actor:
    """The actor a demo login becomes."""
    account = await UserAccount.get(oidc_subject=subject)
    return await current_actor(account.person_id, role, "2", now=utcnow())


async def two_a() -> Group:
    """Anne Holm's class."""
    return await Group.get(name="2.A", institution__name="Skovlyskolen")


def item_key(event_id: int, start: datetime) -> str:
    """The marker key of an occurrence in the views."""
    return f"event:{event_id}:{start.replace(tzinfo=None).isoformat(timespec='minutes')}"


async def weekly_outing(title: str = "Skovtur med 2.A") -> tuple[int, datetime]:
    """Anne's weekly outing for 2.A from today 10:00 (in every view's first page), guardians invited."""
    anne = await actor_of("demo-laerer", "staff")
    start = datetime.combine(today_local(), time(10, 0))
    event_id = await service.do_create_event(
        anne, scope="group", group_id=(await two_a()).id, title=title, place="Dyrehaven", all_day=False,
        start=start, end=start + timedelta(hours=2), repeat="weekly", repeat_until=start.date() + timedelta(days=60),
        invite=True, now=utcnow())
    return event_id, start.replace(tzinfo=COPENHAGEN)


async def test_a_teacher_creates_a_weekly_event_for_2a_with_invitations_in_the_editor(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/kalender")
    await user.should_see(marker="cal-period")
    user.find(marker="cal-new").click()
    await user.should_see(marker="cal-editor")
    group = await two_a()
    user.find(marker="cal-field-title").type("Svømning")
    user.find(marker="cal-field-for").click()
    user.find("2.A · Skovlyskolen").click()
    user.find(marker="cal-field-repeat").click()
    user.find("Hver uge").click()
    user.find(marker="cal-field-invite").click()
    user.find(marker="cal-editor-save").click()
    await user.should_see("Begivenheden er gemt.")
    event = await CalendarEvent.get(title="Svømning")
    assert (event.scope, event.group_id, event.invitations_open) == ("group", group.id, True)
    assert event.rrule.startswith("FREQ=WEEKLY;UNTIL=")
    assert await Invitation.filter(event_id=event.id).count() > 0


async def test_a_guardian_answers_ja_and_the_organisers_count_changes_live(
        create_user: Callable[[], User]) -> None:
    event_id, start = await weekly_outing()
    key = item_key(event_id, start)
    teacher, mette = create_user(), create_user()
    await login(teacher, "demo-laerer")
    await teacher.open("/kalender")
    teacher.find(marker=f"cal-item-{key}").click()
    await teacher.should_see(marker="cal-counts")
    await teacher.should_see("Ja: 0")
    await login(mette, "demo-foraelder")
    await mette.open("/kalender")
    await mette.should_see(marker="cal-agenda")
    await mette.should_see("Skovtur med 2.A")
    mette.find(marker=f"cal-item-{key}").click()
    await mette.should_see("Kommer du?")
    mette.find(marker="cal-answer-ja").click()
    await mette.should_see("Dit svar er gemt.")
    await teacher.should_see("Ja: 1")
    await mette.should_see("Du har svaret ja")
    await mette.should_see(marker="cal-dialog")  # the dialog stays open while the agenda redraws
    account = await UserAccount.get(oidc_subject="demo-foraelder")
    assert (await Invitation.get(event_id=event_id, person_id=account.person_id)).answer == "ja"


async def test_the_organiser_cancels_only_this_time_after_confirming(user: User) -> None:
    event_id, start = await weekly_outing()
    key = item_key(event_id, start)
    await login(user, "demo-laerer")
    await user.open("/kalender")
    user.find(marker=f"cal-item-{key}").click()
    await user.should_see("Hver uge indtil")
    user.find(marker="cal-cancel-once").click()
    await user.should_see(marker="cal-cancel-once-confirm")
    user.find(marker="cal-cancel-once-confirm").click()
    await user.should_see("Denne gang er aflyst.")
    await user.should_not_see(marker=f"cal-item-{key}")
    event = await CalendarEvent.get(id=event_id)
    assert (event.exdates, event.cancelled_at) == ([start.replace(tzinfo=None).isoformat(timespec="minutes")], None)


async def test_a_guardian_of_another_family_does_not_see_the_2a_event(user: User) -> None:
    await weekly_outing("Kun for 2.A")
    await login(user, "demo-foraelder-klub")
    await user.open("/kalender")
    await user.should_see(marker="cal-period")
    await user.should_not_see("Kun for 2.A")


async def test_december_2026_shows_the_christmas_holidays(user: User, clock: TestClock) -> None:
    clock.at("2026-12-01T10:00")  # the agenda's 60 days from here hold Christmas, whenever the suite runs
    await login(user, "demo-foraelder")
    await user.open("/kalender")
    await user.should_see("Juledag")  # the agenda's 60 days already hold Christmas
    user.find(marker="cal-view", kind=ui.toggle).elements.pop().value = "month"
    await user.should_see(marker="cal-month")
    today = today_local()
    months = (2026 - today.year) * 12 + 12 - today.month
    for n in range(1, abs(months) + 1):  # one tap at a time, each waited for
        user.find(marker="cal-next" if months > 0 else "cal-prev").click()
        shown = (today.month - 1 + (n if months > 0 else -n))
        await user.should_see(marker="cal-period", content=f"{MONTHS['da'][shown % 12]} {today.year + shown // 12}")
    await user.should_see(marker="cal-period", content="december 2026")
    await user.should_see("Juledag")
    user.find(marker="cal-cell-2026-12-25").click()
    await user.should_see(marker="cal-selected-day")
    await user.should_see("Helligdag")


async def test_an_event_that_ends_before_it_starts_is_refused_in_danish_and_nothing_is_stored(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/kalender")
    user.find(marker="cal-new").click()
    await user.should_see(marker="cal-editor")
    user.find(marker="cal-field-title").type("Forældremøde")
    user.find(marker="cal-field-start").clear().type("18:00")
    user.find(marker="cal-field-end").clear().type("17:00")
    user.find(marker="cal-editor-save").click()
    await user.should_see("Begivenheden slutter, før den begynder.")
    assert not await CalendarEvent.exists(title="Forældremøde")


async def test_the_event_download_is_a_calendar_for_a_2a_guardian_and_refused_to_another_family(
        user: User) -> None:
    event_id, _ = await weekly_outing()
    await login(user, "demo-foraelder")
    answer = await user.http_client.get(f"/kalender/begivenhed/{event_id}.ics")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    assert answer.headers["content-disposition"].startswith("attachment")
    events = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    assert [(str(e["SUMMARY"]), str(e["UID"])) for e in events] == [("Skovtur med 2.A", uid(event_id))]
    assert "RRULE" in events[0]
    await logout(user)
    await login(user, "demo-foraelder-klub")
    refused = await user.http_client.get(f"/kalender/begivenhed/{event_id}.ics")
    assert refused.status_code == 403
    assert "Skovtur" not in refused.text
    missing = await user.http_client.get("/kalender/begivenhed/999999.ics")
    assert missing.status_code == 404


async def test_the_private_feed_works_until_it_is_stopped(user: User) -> None:
    await weekly_outing()
    await login(user, "demo-foraelder")
    await user.open("/kalender")
    user.find(marker="cal-feed").click()
    await user.should_see(marker="cal-feed-dialog")
    await user.should_see("Du har ingen aktiv adresse.")
    user.find(marker="cal-feed-create").click()
    await user.should_see(marker="cal-feed-url")
    url = str(user.find(marker="cal-feed-url", kind=ui.input).elements.pop().value)
    path = url[url.index("/kalender/feed/"):]
    async with httpx.AsyncClient(transport=user.http_client._transport, base_url=user.http_client.base_url) as app:
        feed = await app.get(path)  # the feed needs no session: a calendar app has no cookie
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")]
    assert "Skovtur med 2.A" in summaries
    user.find(marker="cal-feed-revoke").click()
    await user.should_see(marker="cal-feed-revoke-confirm")
    user.find(marker="cal-feed-revoke-confirm").click()
    await user.should_see("Adressen virker ikke længere.")
    stopped = await user.http_client.get(path)
    assert (stopped.status_code, stopped.text) == (404, "")
    unknown = await user.http_client.get("/kalender/feed/not-a-token.ics")
    assert (unknown.status_code, unknown.text) == (404, "")
