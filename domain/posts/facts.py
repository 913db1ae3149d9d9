"""Loading what the posts policy decides from: a family's reach and a post's audience."""

from __future__ import annotations

from datetime import date

from domain.access import FamilyReach, PostFacts
from domain.errors import NotFound
from domain.identity.model import Actor, Role
from persistence.people import Enrolment, GroupMembership
from persistence.posts import Post, PostGroup
from persistence.queries import active_on, ints

NO_REACH = FamilyReach(frozenset(), frozenset())


def workplaces(actor: Actor) -> frozenset[int]:
    """The institutions whose posts a member of staff reads and writes (a leader's as leader)."""
    if actor.role is Role.LEADER:
        return actor.leader_institutions
    return actor.staff_institutions if actor.role is Role.STAFF else frozenset()


async def family_reach(actor: Actor, today: date) -> FamilyReach:
    """Institutions and groups of the actor's children (or of an older child itself) enrolled today (2 queries)."""
    if actor.role is Role.PARENT:
        children = actor.guardian_of
    elif actor.role is Role.CHILD:
        children = frozenset({actor.person_id})
    else:
        return NO_REACH
    if not children:
        return NO_REACH
    rows = await Enrolment.filter(active_on(today), child_id__in=list(children)).values_list(
        "child_id", "institution_id", "group_id")
    if not rows:
        return NO_REACH
    enrolled = sorted({int(c) for c, _, _ in rows})
    groups = {int(g) for _, _, g in rows if g is not None}
    groups |= set(ints(await GroupMembership.filter(person_id__in=enrolled).values_list("group_id", flat=True)))
    return FamilyReach(frozenset(int(i) for _, i, _ in rows), frozenset(groups))


def is_current(post: Post, today: date) -> bool:
    """Not removed and not past its expiry date."""
    return post.removed_at is None and (post.expires_on is None or post.expires_on >= today)


async def load_post(post_id: int, today: date, *, include_expired: bool = False) -> tuple[Post, PostFacts]:
    """A post that is still shown (or only not removed) and its audience, or NotFound."""
    post = await Post.get_or_none(id=post_id)
    if post is None or post.removed_at is not None or (not include_expired and not is_current(post, today)):
        raise NotFound("posts.error.not_found")
    groups = ints(await PostGroup.filter(post_id=post_id).values_list("group_id", flat=True))
    return post, PostFacts(post.institution_id, frozenset(groups), post.author_id)
