"""Writing opslag: publish and remove posts, comment and remove comments (reports live in reports.py)."""

from __future__ import annotations

from datetime import date, datetime

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.posts.facts import family_reach, load_post
from domain.posts.model import (
    BODY_MAX,
    COMMENT_MAX,
    TITLE_MAX,
    CommentAdded,
    CommentRemoved,
    PostPublished,
    PostRemoved,
)
from domain.posts.notify import notify_important_post
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.organisation import Group
from persistence.people import Enrolment, GroupMembership
from persistence.posts import ContentReport, Post, PostComment, PostGroup
from persistence.queries import active_on


def _text(value: str, empty_key: str, long_key: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(empty_key)
    if len(text) > limit:
        raise DomainError(long_key, max=limit)
    return text


async def _check_groups(actor: Actor, institution_id: int, group_ids: list[int], today: date) -> list[int]:
    """The chosen groups, each of the institution or a cross group that reaches it and the actor may see."""
    wanted = sorted(set(group_ids))
    if not wanted:
        return []
    rows = {int(g): i for g, i in await Group.filter(id__in=wanted).values_list("id", "institution_id")}
    if len(rows) != len(wanted):
        raise DomainError("posts.error.unknown_group")
    cross = [g for g, inst in rows.items() if inst is None]
    reach: dict[int, set[int]] = {g: set() for g in cross}
    if cross:
        members = await GroupMembership.filter(group_id__in=cross, person__is_child=True).values_list(
            "group_id", "person_id")
        enrolled = await Enrolment.filter(active_on(today), child_id__in=sorted({int(p) for _, p in members})) \
            .values_list("child_id", "institution_id") if members else []
        where = {int(c): int(i) for c, i in enrolled}
        for g, p in members:
            if int(p) in where:
                reach[int(g)].add(where[int(p)])
    for g, inst in rows.items():
        if inst is None:
            facts = access.GroupFacts(g, None, frozenset(reach[g]))
            if institution_id in reach[g] and access.can_view_group(actor, facts):
                continue
        elif inst == institution_id:
            continue
        raise DomainError("posts.error.group_elsewhere")
    return wanted


async def check_publish(actor: Actor, *, institution_id: int, group_ids: list[int], title: str, body: str,
                        expires_on: date | None, today: date) -> tuple[str, str, list[int]]:
    """Access and validation before a post is stored: the clean title, body and groups, or a refusal."""
    await audit.check(access.can_publish_post(actor, institution_id), actor, "posts.publish")
    clean_title = _text(title, "posts.error.title_empty", "posts.error.title_too_long", TITLE_MAX)
    clean_body = _text(body, "posts.error.body_empty", "posts.error.body_too_long", BODY_MAX)
    if expires_on is not None and expires_on < today:
        raise DomainError("posts.error.expiry_in_past")
    return clean_title, clean_body, await _check_groups(actor, institution_id, group_ids, today)


async def do_publish(actor: Actor, *, institution_id: int, group_ids: list[int], title: str, body: str,
                     important: bool, expires_on: date | None, allow_comments: bool, now: datetime) -> int:
    """Publish a post to an institution or some of its groups; returns its id, open feeds hear of it after commit."""
    check_typed_text(title, body)
    clean_title, clean_body, groups = await check_publish(
        actor, institution_id=institution_id, group_ids=group_ids, title=title, body=body, expires_on=expires_on,
        today=today_local(now))
    async with committing(transaction) as outbox:
        post = await Post.create(institution_id=institution_id, author_id=actor.person_id,
                                 author_name=actor.name[:160], title=clean_title, body=clean_body,
                                 important=important, expires_on=expires_on, allow_comments=allow_comments,
                                 created_at=now)
        if groups:
            await PostGroup.bulk_create([PostGroup(post_id=post.id, group_id=g) for g in groups])
        if important:
            await notify_important_post(outbox, post_id=post.id, institution_id=institution_id, group_ids=groups,
                                        title=clean_title, author_id=actor.person_id, day=today_local(now), now=now)
        outbox.add(PostPublished(post.id, institution_id))
    return post.id


async def _close_reports(post_id: int, comment_id: int | None, actor: Actor, now: datetime) -> None:
    """Open reports about content that is gone are settled with it."""
    reports = ContentReport.filter(post_id=post_id, handled_at__isnull=True)
    if comment_id is not None:
        reports = reports.filter(comment_id=comment_id)
    await reports.update(handled_at=now, handled_by_id=actor.person_id, outcome="removed")


async def do_remove_post(actor: Actor, post_id: int, *, now: datetime) -> None:
    """Remove a post (its author or the institution's leader); it disappears from every feed."""
    post, facts = await load_post(post_id, today_local(now), include_expired=True)
    await audit.check(access.can_remove_post(actor, facts), actor, "posts.remove")
    async with committing(transaction) as outbox:
        if not await Post.filter(id=post_id, removed_at__isnull=True).update(removed_at=now):
            raise NotFound("posts.error.not_found")
        await _close_reports(post_id, None, actor, now)
        outbox.add(PostRemoved(post_id, post.institution_id))


async def check_can_see(actor: Actor, post_id: int, today: date, action: str) -> Post:
    """The post, if it is shown and the actor may see it (a refusal is audited)."""
    post, facts = await load_post(post_id, today)
    await audit.check(access.can_view_post(actor, facts, await family_reach(actor, today)), actor, action)
    return post


async def do_comment(actor: Actor, post_id: int, body: str, *, now: datetime) -> int:
    """Comment under a post that allows comments, as anyone who may see it; returns the comment's id."""
    check_typed_text(body)
    post = await check_can_see(actor, post_id, today_local(now), "posts.comment")
    if not post.allow_comments:
        raise DomainError("posts.error.comments_closed")
    text = _text(body, "posts.error.comment_empty", "posts.error.comment_too_long", COMMENT_MAX)
    async with committing(transaction) as outbox:
        comment = await PostComment.create(post_id=post_id, author_id=actor.person_id,
                                           author_name=actor.name[:160], body=text, created_at=now)
        outbox.add(CommentAdded(post_id, comment.id, post.institution_id))
    return comment.id


async def do_remove_comment(actor: Actor, comment_id: int, *, now: datetime) -> None:
    """Remove a comment (its author or the institution's leader)."""
    comment = await PostComment.get_or_none(id=comment_id, removed_at__isnull=True)
    if comment is None:
        raise NotFound("posts.error.comment_not_found")
    post = await Post.get(id=comment.post_id)
    await audit.check(access.can_remove_comment(actor, comment.author_id, post.institution_id), actor,
                      "posts.remove_comment")
    async with committing(transaction) as outbox:
        if not await PostComment.filter(id=comment_id, removed_at__isnull=True).update(removed_at=now):
            raise NotFound("posts.error.comment_not_found")
        await _close_reports(post.id, comment_id, actor, now)
        outbox.add(CommentRemoved(post.id, comment_id, post.institution_id))
