"""Reading opslag: the feed an actor sees, a post's comments, and where a member of staff may post."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from tortoise.expressions import Q, Subquery
from tortoise.functions import Count

from domain import access
from domain.access import FamilyReach, PostFacts
from domain.identity.model import Actor, Role
from domain.organisation.service import group_is_open
from domain.posts.facts import family_reach, workplaces
from domain.posts.model import FEED_PAGE, CommentView, GroupChoice, PostingPlace, PostView
from domain.posts.service import check_can_see
from persistence.organisation import Group, Institution
from persistence.people import Enrolment, GroupMembership
from persistence.posts import Post, PostComment, PostGroup
from persistence.queries import active_on, ints


def audience(actor: Actor, reach: FamilyReach) -> Q | None:
    """Which posts the actor may see, as a filter (None when none at all)."""
    if actor.role in (Role.STAFF, Role.LEADER):
        places = workplaces(actor)
        return Q(institution_id__in=sorted(places)) if places else None
    if not reach.institution_ids and not reach.group_ids:
        return None
    houses = sorted(reach.institution_ids)
    to_groups = Subquery(PostGroup.filter(post__institution_id__in=houses).values("post_id"))
    mine = Subquery(PostGroup.filter(group_id__in=sorted(reach.group_ids)).values("post_id"))
    return (Q(institution_id__in=houses) & ~Q(id__in=to_groups)) | Q(id__in=mine)


def shown_on(today: date) -> Q:
    """Posts not removed and not past their expiry date, as a filter."""
    return Q(removed_at__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))


async def feed_for(actor: Actor, *, today: date, limit: int = FEED_PAGE) -> list[PostView]:
    """The posts the actor may see: important first, then newest; a fixed number of queries however many posts."""
    reach = await family_reach(actor, today)
    seen = audience(actor, reach)
    if seen is None:
        return []
    posts = await Post.filter(seen & shown_on(today)).order_by("-important", "-created_at", "-id").limit(limit)
    return await _views(actor, posts)


async def post_view(actor: Actor, post_id: int, *, today: date) -> PostView:
    """One post as the feed shows it, for someone who may see it (a search result or a link opens it)."""
    post = await check_can_see(actor, post_id, today, "posts.view")
    return (await _views(actor, [post]))[0]


async def _views(actor: Actor, posts: list[Post]) -> list[PostView]:
    """The posts as views: institution and group names, comment counts (3 queries however many posts)."""
    if not posts:
        return []
    ids = [p.id for p in posts]
    names = dict(await Institution.filter(id__in=sorted({p.institution_id for p in posts})).values_list(
        "id", "name"))
    groups: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for post_id, group_id, name in await PostGroup.filter(post_id__in=ids).order_by("group__name").values_list(
            "post_id", "group_id", "group__name"):
        groups[int(post_id)].append((int(group_id), str(name)))
    counts = dict(await PostComment.filter(post_id__in=ids, removed_at__isnull=True).annotate(n=Count("id"))
                  .group_by("post_id").values_list("post_id", "n"))
    out = []
    for p in posts:
        facts = PostFacts(p.institution_id, frozenset(g for g, _ in groups[p.id]), p.author_id)
        out.append(PostView(p.id, p.institution_id, str(names.get(p.institution_id, "")), p.author_name, p.title,
                            p.body, p.important, p.expires_on, p.allow_comments, p.created_at,
                            tuple(n for _, n in groups[p.id]), int(counts.get(p.id, 0)),
                            bool(access.can_remove_post(actor, facts))))
    return out


async def comments_for(actor: Actor, post_id: int, *, today: date) -> list[CommentView]:
    """A post's comments, oldest first, for someone who may see the post."""
    post = await check_can_see(actor, post_id, today, "posts.view_comments")
    rows = await PostComment.filter(post_id=post_id, removed_at__isnull=True).order_by("created_at", "id")
    return [CommentView(c.id, post_id, c.author_name, c.body, c.created_at,
                        bool(access.can_remove_comment(actor, c.author_id, post.institution_id))) for c in rows]


async def feed_institutions(actor: Actor, today: date) -> list[int]:
    """The institutions whose posts can reach the actor's feed (the topics a live feed follows)."""
    if actor.role in (Role.STAFF, Role.LEADER):
        return sorted(workplaces(actor))
    reach = await family_reach(actor, today)
    if not reach.group_ids:
        return sorted(reach.institution_ids)
    elsewhere = await PostGroup.filter(group_id__in=sorted(reach.group_ids)).distinct().values_list(
        "post__institution_id", flat=True)
    return sorted(reach.institution_ids | set(ints(elsewhere)))


async def posting_places(actor: Actor, today: date) -> list[PostingPlace]:
    """The institutions the actor may post to, each with its own groups and the open cross groups reaching it."""
    places = sorted(i for i in workplaces(actor) if access.can_publish_post(actor, i))
    if not places:
        return []
    institutions = await Institution.filter(id__in=places).order_by("name").values_list("id", "name")
    own = await Group.filter(institution_id__in=places).order_by("name").values_list("id", "institution_id", "name")
    children = Subquery(Enrolment.filter(active_on(today), institution_id__in=places).values("child_id"))
    cross = await GroupMembership.filter(group__institution_id__isnull=True, person_id__in=children).values_list(
        "group_id", "group__name", "group__expires_on", "person_id")
    where = dict(await Enrolment.filter(active_on(today), institution_id__in=places,
                                        child_id__in=sorted({int(r[3]) for r in cross})).values_list(
        "child_id", "institution_id")) if cross else {}
    extra: dict[int, dict[int, str]] = defaultdict(dict)
    for group_id, name, expires_on, person_id in cross:
        if group_is_open(expires_on, today) and person_id in where:
            extra[int(where[person_id])][int(group_id)] = str(name)
    out = []
    for inst_id, name in institutions:
        mine = [GroupChoice(int(g), str(n)) for g, i, n in own if i == inst_id]
        mine += [GroupChoice(g, n) for g, n in sorted(extra[int(inst_id)].items(), key=lambda x: x[1])]
        out.append(PostingPlace(int(inst_id), str(name), tuple(mine)))
    return out
