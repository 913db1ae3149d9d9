"""The demo opslag: built in memory with the rest of the demo, inserted, and shown in the right feeds."""

from __future__ import annotations

from demo.posts import REPORTED_INSTITUTION
from demo.rows import TABLES
from demo.seed import build_rows
from domain.clock import today_local
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from domain.posts import feed, reports
from persistence.organisation import Institution
from persistence.posts import ContentReport, Post, PostComment, PostGroup


async def test_every_institution_gets_posts_and_the_feeds_show_the_current_ones(sqlite_database: str) -> None:
    today = today_local()
    book = build_rows(today=today, scale=0.02, seed=7)  # the seed builds the posts with the rest
    for table in TABLES:
        await table.bulk_create(book.all(table))
    posts = book.all(Post)
    staffed = {i.id for i in book.all(Institution) if any(p.institution_id == i.id for p in posts)}
    assert len(staffed) >= len(book.all(Institution)) - 1  # a house without staff gets none
    for inst_id in staffed:
        mine = [p for p in posts if p.institution_id == inst_id]
        assert sum(p.important for p in mine) == 1 and sum(p.expires_on is not None and p.expires_on < today
                                                            for p in mine) == 1
    assert await PostGroup.all().count() > 0 and await PostComment.all().count() > 0
    assert await ContentReport.filter(handled_at__isnull=True).count() == 1
    guardian = next(c.author_id for c in book.all(PostComment) if c.post_id in
                    {g.post_id for g in book.all(PostGroup)})
    assert guardian is not None
    facts = await load_person_facts(guardian, today)
    assert facts is not None
    shown = await feed.feed_for(facts.actor(Role.PARENT, "3"), today=today)
    assert shown and shown[0].important and all(p.title != "Hittegods skal hentes" for p in shown)
    assert any(p.group_names and p.comment_count for p in shown)
    house = await Institution.get(name=REPORTED_INSTITUTION)
    leader = next(p.author_id for p in posts if p.institution_id == house.id and p.important)
    assert leader is not None
    leader_facts = await load_person_facts(leader, today)
    assert leader_facts is not None
    assert len(await reports.open_reports(leader_facts.actor(Role.LEADER, "3"))) == 1
