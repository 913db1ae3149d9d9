"""Opslag over SQLite and PostgreSQL: who sees which post, comments, removal, bad input and the feed's queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.organisation.model import GroupKind, InstitutionKind, StaffRole
from domain.posts import feed, reports, service
from domain.posts.model import CommentAdded, PostPublished, ReportChanged
from persistence.organisation import Group, Institution, Municipality
from persistence.people import Custody, Employment, Enrolment, Person
from persistence.posts import ContentReport, Post, PostComment, PostGroup
from tests.factory import person
from tests.querycount import count_queries

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)


@dataclass
class PostsWorld:
    """The institutions, groups and actors the opslag tests use."""

    school: Institution
    kindergarten: Institution
    class_a: Group
    class_b: Group
    parent_a: Actor
    parent_b: Actor
    parent_kg: Actor
    pupil: Actor
    teacher: Actor
    other_teacher: Actor
    leader: Actor
    kg_leader: Actor


async def actor(p: Person, role: Role) -> Actor:
    """A person's actor in one role, as on the fixed day."""
    facts = await load_person_facts(p.id, TODAY)
    assert facts is not None and role in facts.roles, (p.first_name, role)
    return facts.actor(role, "3")


async def _family(m: Municipality, name: str, inst: Institution, group: Group, age: int) -> tuple[Person, Person]:
    child = await person(m, name, child=True, born=TODAY - timedelta(days=age * 365 + 30))
    await Enrolment.create(child=child, institution=inst, group=group, start=TODAY - timedelta(days=300))
    guardian = await person(m, f"Far til {name}")
    await Custody.create(guardian=guardian, child=child, valid_from=child.birth_date)
    return child, guardian


async def build_posts_world() -> PostsWorld:
    """Skolen with 1.A and 5.A, Haven with Bien; one family in each; teachers and a leader at each place."""
    m = await Municipality.create(code="P1", name="Opslagby")
    school = await Institution.create(municipality=m, number="870001", name="Skolen", kind=InstitutionKind.SKOLE)
    kg = await Institution.create(municipality=m, number="870002", name="Haven", kind=InstitutionKind.BOERNEHAVE)
    class_a = await Group.create(municipality=m, institution=school, name="5.A", kind=GroupKind.KLASSE)
    class_b = await Group.create(municipality=m, institution=school, name="1.A", kind=GroupKind.KLASSE)
    bien = await Group.create(municipality=m, institution=kg, name="Bien", kind=GroupKind.STUE)
    pupil, parent_a = await _family(m, "Ida", school, class_a, 11)
    _, parent_b = await _family(m, "Bo", school, class_b, 7)
    _, parent_kg = await _family(m, "Kim", kg, bien, 4)
    staff = {}
    for name, inst, role in (("Tina", school, StaffRole.LAERER), ("Tom", school, StaffRole.LAERER),
                             ("Lise", school, StaffRole.LEDER), ("Karen", kg, StaffRole.LEDER)):
        staff[name] = await person(m, name)
        await Employment.create(person=staff[name], institution=inst, role=role, start=date(2020, 8, 1))
    return PostsWorld(school, kg, class_a, class_b, await actor(parent_a, Role.PARENT),
                      await actor(parent_b, Role.PARENT), await actor(parent_kg, Role.PARENT),
                      await actor(pupil, Role.CHILD), await actor(staff["Tina"], Role.STAFF),
                      await actor(staff["Tom"], Role.STAFF), await actor(staff["Lise"], Role.LEADER),
                      await actor(staff["Karen"], Role.LEADER))


@pytest.fixture
async def world(database: str) -> PostsWorld:
    return await build_posts_world()


async def publish(who: Actor, w: PostsWorld, title: str = "Juleklip", *, groups: list[int] | None = None,
                  important: bool = False, expires_on: date | None = None, comments: bool = True,
                  body: str = "Vi klipper julepynt fredag.", now: datetime = NOW) -> int:
    """A post to the school (or some of its groups) with sensible defaults."""
    return await service.do_publish(who, institution_id=w.school.id, group_ids=groups or [], title=title, body=body,
                                    important=important, expires_on=expires_on, allow_comments=comments, now=now)


async def titles(who: Actor, today: date = TODAY) -> list[str]:
    return [p.title for p in await feed.feed_for(who, today=today)]


async def test_a_school_post_reaches_its_guardians_and_staff_and_no_one_at_another_institution(
        world: PostsWorld) -> None:
    heard: list[Event] = []
    sub = bus.subscribe(f"posts:{world.school.id}", heard.append)
    try:
        post_id = await publish(world.teacher, world)
    finally:
        sub.cancel()
    assert heard == [PostPublished(post_id, world.school.id)]
    for reader in (world.parent_a, world.parent_b, world.pupil, world.other_teacher, world.leader):
        assert await titles(reader) == ["Juleklip"], reader.name
    assert await titles(world.parent_kg) == [] and await titles(world.kg_leader) == []
    view = (await feed.feed_for(world.parent_a, today=TODAY))[0]
    assert (view.author_name, view.institution_name, view.comment_count, view.can_remove) == (
        world.teacher.name, "Skolen", 0, False)
    assert await feed.feed_institutions(world.parent_a, TODAY) == [world.school.id]


async def test_a_group_post_reaches_only_that_groups_guardians_and_older_children(world: PostsWorld) -> None:
    await publish(world.teacher, world, "Tur til skoven", groups=[world.class_a.id])
    assert await titles(world.parent_a) == ["Tur til skoven"] and await titles(world.pupil) == ["Tur til skoven"]
    assert await titles(world.parent_b) == [] and await titles(world.parent_kg) == []
    assert (await feed.feed_for(world.teacher, today=TODAY))[0].group_names == ("5.A",)
    with pytest.raises(AccessDenied):
        await service.do_comment(world.parent_b, (await feed.feed_for(world.teacher, today=TODAY))[0].post_id,
                                 "Må vi også komme med?", now=NOW)


async def test_important_posts_come_first_and_expired_or_removed_posts_are_hidden(world: PostsWorld) -> None:
    await publish(world.teacher, world, "Gammel", now=NOW - timedelta(days=3))
    await publish(world.teacher, world, "Vigtigt", important=True, now=NOW - timedelta(days=2))
    await publish(world.teacher, world, "Udløber i dag", expires_on=TODAY, now=NOW - timedelta(days=1))
    removed = await publish(world.teacher, world, "Fjernes")
    assert await titles(world.parent_a) == ["Vigtigt", "Fjernes", "Udløber i dag", "Gammel"]
    with pytest.raises(AccessDenied):
        await service.do_remove_post(world.other_teacher, removed, now=NOW)
    await service.do_remove_post(world.teacher, removed, now=NOW)
    assert await titles(world.parent_a, TODAY + timedelta(days=1)) == ["Vigtigt", "Gammel"]
    leader_removes = (await feed.feed_for(world.leader, today=TODAY))[0]
    assert leader_removes.can_remove and leader_removes.title == "Vigtigt"
    await service.do_remove_post(world.leader, leader_removes.post_id, now=NOW)
    assert await titles(world.teacher) == ["Udløber i dag", "Gammel"]


BAD_INPUT: list[tuple[dict[str, object], str]] = [
    ({"title": "   "}, "posts.error.title_empty"),
    ({"body": ""}, "posts.error.body_empty"),
    ({"title": "x" * 201}, "posts.error.title_too_long"),
    ({"body": "x" * 1_000_000}, "posts.error.body_too_long"),
    ({"expires_on": TODAY - timedelta(days=1)}, "posts.error.expiry_in_past"),
    ({"group_ids": "bien"}, "posts.error.group_elsewhere"),
    ({"group_ids": [987654]}, "posts.error.unknown_group"),
]


async def test_bad_input_and_outsiders_are_refused_and_nothing_is_stored(world: PostsWorld) -> None:
    bien = (await Group.get(name="Bien")).id
    for change, key in BAD_INPUT:
        values: dict[str, object] = {"institution_id": world.school.id, "group_ids": [], "title": "Titel",
                                     "body": "Tekst", "important": False, "expires_on": None, "allow_comments": True}
        values.update(change)
        if values["group_ids"] == "bien":
            values["group_ids"] = [bien]
        with pytest.raises(DomainError) as refused:
            await service.do_publish(world.teacher, now=NOW, **values)  # type: ignore[arg-type]
        assert refused.value.key == key
    for outsider in (world.parent_a, world.pupil, world.kg_leader):
        with pytest.raises(AccessDenied):
            await publish(outsider, world)
    assert await Post.all().count() == 0 and await PostGroup.all().count() == 0


async def test_comments_only_where_the_author_allows_them_and_html_stays_text(world: PostsWorld) -> None:
    closed = await publish(world.teacher, world, "Lukket", comments=False)
    with pytest.raises(DomainError) as refused:
        await service.do_comment(world.parent_a, closed, "Tak!", now=NOW)
    assert refused.value.key == "posts.error.comments_closed"
    open_post = await publish(world.teacher, world, "Åben")
    with pytest.raises(DomainError) as empty:
        await service.do_comment(world.parent_a, open_post, "  ", now=NOW)
    assert empty.value.key == "posts.error.comment_empty"
    with pytest.raises(AccessDenied):
        await service.do_comment(world.parent_kg, open_post, "Hej", now=NOW)
    heard: list[Event] = []
    sub = bus.subscribe(f"posts:{world.school.id}", heard.append)
    try:
        mine = await service.do_comment(world.parent_a, open_post, "Tak for info", now=NOW)
        await service.do_comment(world.pupil, open_post, "Fedt!", now=NOW)
    finally:
        sub.cancel()
    assert heard[0] == CommentAdded(open_post, mine, world.school.id)
    counts = {p.title: p.comment_count for p in await feed.feed_for(world.parent_b, today=TODAY)}
    assert counts == {"Åben": 2, "Lukket": 0}
    shown = await feed.comments_for(world.parent_b, open_post, today=TODAY)
    assert [(c.body, c.can_remove) for c in shown] == [("Tak for info", False), ("Fedt!", False)]
    with pytest.raises(AccessDenied):
        await service.do_remove_comment(world.parent_b, mine, now=NOW)
    await service.do_remove_comment(world.parent_a, mine, now=NOW)
    assert [c.body for c in await feed.comments_for(world.leader, open_post, today=TODAY)] == ["Fedt!"]
    assert await PostComment.all().count() == 2
    evil = '<script>alert("x")</script><b>fed</b>'
    html_post = await publish(world.teacher, world, evil, body=evil)
    await service.do_comment(world.parent_a, html_post, evil, now=NOW)
    view = next(p for p in await feed.feed_for(world.parent_a, today=TODAY) if p.post_id == html_post)
    assert view.title == view.body == (await feed.comments_for(world.parent_a, html_post, today=TODAY))[0].body \
        == evil


async def test_the_feed_costs_the_same_number_of_queries_however_many_posts(world: PostsWorld) -> None:
    first = await publish(world.teacher, world, "Første", groups=[world.class_a.id])
    await service.do_comment(world.parent_a, first, "Tak", now=NOW)
    with count_queries() as one_post:
        assert len(await feed.feed_for(world.parent_a, today=TODAY)) == 1
    for n in range(12):
        post_id = await publish(world.teacher, world, f"Opslag {n}", important=n % 3 == 0,
                                groups=[world.class_a.id, world.class_b.id] if n % 2 else [])
        await service.do_comment(world.parent_a, post_id, "Tak", now=NOW)
    with count_queries() as many_posts:
        assert len(await feed.feed_for(world.parent_a, today=TODAY)) == 13
    assert len(many_posts) == len(one_post) <= 7, many_posts


async def test_a_report_reaches_only_the_leader_who_removes_the_post_or_dismisses_it(world: PostsWorld) -> None:
    post_id = await publish(world.teacher, world, "Loppemarked", body="Køb mine ting")
    comment_id = await service.do_comment(world.parent_b, post_id, "Grim kommentar", now=NOW)
    with pytest.raises(DomainError) as empty:
        await reports.do_report(world.parent_a, post_id=post_id, reason=" ", now=NOW)
    assert empty.value.key == "posts.error.reason_empty"
    with pytest.raises(AccessDenied):
        await reports.do_report(world.parent_kg, post_id=post_id, reason="Reklame", now=NOW)
    heard: list[Event] = []
    sub = bus.subscribe(f"post-reports:{world.school.id}", heard.append)
    try:
        on_post = await reports.do_report(world.parent_a, post_id=post_id, reason="Reklame", now=NOW)
        on_comment = await reports.do_report(world.pupil, post_id=post_id, comment_id=comment_id, reason="Ond",
                                             now=NOW)
    finally:
        sub.cancel()
    assert [e.report_id for e in heard if isinstance(e, ReportChanged)] == [on_post, on_comment]
    assert await reports.open_reports(world.kg_leader) == [] and await reports.open_reports(world.teacher) == []
    shown = await reports.open_reports(world.leader)
    assert [(r.content, r.content_author, r.reporter_name, r.reason) for r in shown] == [
        ("Køb mine ting", world.teacher.name, world.parent_a.name, "Reklame"),
        ("Grim kommentar", world.parent_b.name, world.pupil.name, "Ond")]
    with pytest.raises(AccessDenied):
        await reports.do_handle_report(world.teacher, on_post, outcome="removed", now=NOW)
    await reports.do_handle_report(world.leader, on_comment, outcome="removed", now=NOW)
    assert await feed.comments_for(world.parent_a, post_id, today=TODAY) == []
    await reports.do_handle_report(world.leader, on_post, outcome="dismissed", now=NOW)
    assert await titles(world.parent_a) == ["Loppemarked"] and await reports.open_reports(world.leader) == []
    again = await reports.do_report(world.parent_a, post_id=post_id, reason="Stadig reklame", now=NOW)
    with pytest.raises(DomainError) as twice:
        await reports.do_report(world.parent_a, post_id=post_id, reason="Igen", now=NOW)
    assert twice.value.key == "posts.error.already_reported"
    await reports.do_handle_report(world.leader, again, outcome="removed", now=NOW)
    assert await titles(world.parent_a) == [] and await titles(world.leader) == []
    with pytest.raises(DomainError) as handled:
        await reports.do_handle_report(world.leader, again, outcome="dismissed", now=NOW)
    assert handled.value.key == "posts.error.report_handled"
    outcomes = dict(await ContentReport.all().values_list("id", "outcome"))
    assert outcomes == {on_post: "dismissed", on_comment: "removed", again: "removed"}
