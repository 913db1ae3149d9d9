"""Anmeld indhold: reporting a post or a comment to the institution's leader, and the leader's handling."""

from __future__ import annotations

from datetime import datetime

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor, Role
from domain.posts.model import REASON_MAX, CommentRemoved, PostRemoved, ReportChanged, ReportOutcome, ReportView
from domain.posts.service import check_can_see
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.organisation import Institution
from persistence.people import Person
from persistence.posts import ContentReport, Post, PostComment


async def do_report(actor: Actor, *, post_id: int, comment_id: int | None = None, reason: str,
                    now: datetime) -> int:
    """Report a post or one of its comments to the leader, as someone who may see it; returns the report's id."""
    check_typed_text(reason)
    post = await check_can_see(actor, post_id, today_local(now), "posts.report")
    if comment_id is not None and not await PostComment.exists(id=comment_id, post_id=post_id,
                                                               removed_at__isnull=True):
        raise NotFound("posts.error.comment_not_found")
    text = (reason or "").strip()
    if not text:
        raise DomainError("posts.error.reason_empty")
    if len(text) > REASON_MAX:
        raise DomainError("posts.error.reason_too_long", max=REASON_MAX)
    if await ContentReport.exists(post_id=post_id, comment_id=comment_id, reporter_id=actor.person_id,
                                  handled_at__isnull=True):
        raise DomainError("posts.error.already_reported")
    async with committing(transaction) as outbox:
        report = await ContentReport.create(post_id=post_id, comment_id=comment_id, reporter_id=actor.person_id,
                                            reason=text, created_at=now)
        outbox.add(ReportChanged(report.id, post.institution_id))
    return report.id


def _places(actor: Actor) -> list[int]:
    return sorted(actor.leader_institutions) if actor.role is Role.LEADER else []


async def open_reports(actor: Actor) -> list[ReportView]:
    """The open reports of content at the leader's institutions, oldest first (five queries however many)."""
    places = _places(actor)
    if not places:
        return []
    reports = await ContentReport.filter(handled_at__isnull=True, post__institution_id__in=places) \
        .order_by("created_at", "id")
    if not reports:
        return []
    posts = {p.id: p for p in await Post.filter(id__in=sorted({r.post_id for r in reports}))}
    comment_ids = sorted({r.comment_id for r in reports if r.comment_id is not None})
    comments = {c.id: c for c in await PostComment.filter(id__in=comment_ids)} if comment_ids else {}
    people = {int(i): f"{f} {last}" for i, f, last in await Person.filter(
        id__in=sorted({r.reporter_id for r in reports})).values_list("id", "first_name", "last_name")}
    names = dict(await Institution.filter(id__in=places).values_list("id", "name"))
    out = []
    for r in reports:
        post = posts[r.post_id]
        comment = comments.get(r.comment_id) if r.comment_id is not None else None
        content, author = (comment.body, comment.author_name) if comment else (post.body, post.author_name)
        out.append(ReportView(r.id, r.post_id, r.comment_id, str(names.get(post.institution_id, "")), post.title,
                              content, author, people.get(r.reporter_id, ""), r.reason, r.created_at))
    return out


async def do_handle_report(actor: Actor, report_id: int, *, outcome: str, now: datetime) -> None:
    """The leader removes the reported content (settling every open report of it) or dismisses this report."""
    try:
        decided = ReportOutcome(outcome)
    except ValueError as error:
        raise DomainError("posts.error.bad_outcome") from error
    report = await ContentReport.get_or_none(id=report_id)
    if report is None:
        raise NotFound("posts.error.report_not_found")
    post = await Post.get(id=report.post_id)
    await audit.check(access.can_handle_reports(actor, post.institution_id), actor, "posts.handle_report")
    settled = {"handled_at": now, "handled_by_id": actor.person_id, "outcome": decided.value}
    async with committing(transaction) as outbox:
        if not await ContentReport.filter(id=report_id, handled_at__isnull=True).update(**settled):
            raise DomainError("posts.error.report_handled")
        outbox.add(ReportChanged(report_id, post.institution_id))
        if decided is ReportOutcome.DISMISSED:
            return
        if report.comment_id is not None:
            await PostComment.filter(id=report.comment_id, removed_at__isnull=True).update(removed_at=now)
            await ContentReport.filter(comment_id=report.comment_id, handled_at__isnull=True).update(**settled)
            outbox.add(CommentRemoved(post.id, report.comment_id, post.institution_id))
        else:
            await Post.filter(id=post.id, removed_at__isnull=True).update(removed_at=now)
            await ContentReport.filter(post_id=post.id, handled_at__isnull=True).update(**settled)
            outbox.add(PostRemoved(post.id, post.institution_id))
