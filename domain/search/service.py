"""The search in the top bar: people, messages, posts and events, each through its own feature's visibility rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q, Subquery

from domain import access
from domain.calendar.facts import calendar_reach, event_facts, group_institution
from domain.calendar.notify import link_to, next_start
from domain.calendar.views import visible
from domain.clock import today_local
from domain.identity.model import Actor, Role
from domain.messages.reading import inbox_institutions, seat_facts
from domain.posts.facts import family_reach
from domain.posts.feed import audience, shown_on
from domain.search.children import search_children
from domain.search.people import search_people
from domain.search.words import WORD_MAX, WORDS_MAX
from domain.text import CONTROL
from persistence.calendar import CalendarEvent
from persistence.messages import Message, Participant
from persistence.people import Person
from persistence.posts import Post, PostGroup
from persistence.queries import ints

TEXT_MIN = 2
PER_KIND = 10
SNIPPET = 120
# The roles that open /beskeder and /kalender: a result must open for the one who found it.
MESSAGE_ROLES = frozenset({Role.PARENT, Role.STAFF, Role.LEADER, Role.PPR, Role.CHILD, Role.ADMIN})
CALENDAR_ROLES = frozenset({Role.PARENT, Role.STAFF, Role.LEADER, Role.CHILD, Role.ADMIN})
POST_PAGES = {Role.STAFF: "/opslag", Role.LEADER: "/opslag", Role.PARENT: "/overblik", Role.CHILD: "/mig"}


@dataclass(frozen=True)
class Hit:
    """One result: what it is called, a line about it, and where it opens."""

    kind: str  # "person", "child", "message", "post" or "event"
    ref_id: int
    title: str
    detail: str
    link: str
    when: datetime | None = None


@dataclass(frozen=True)
class Results:
    """What a search found, per kind, each already filtered by the feature's access rules."""

    text: str
    people: tuple[Hit, ...] = ()
    children: tuple[Hit, ...] = ()
    messages: tuple[Hit, ...] = ()
    posts: tuple[Hit, ...] = ()
    events: tuple[Hit, ...] = ()

    @property
    def total(self) -> int:
        """How many results in all."""
        return len(self.people) + len(self.children) + len(self.messages) + len(self.posts) + len(self.events)

    @property
    def all(self) -> tuple[Hit, ...]:
        """Every result, people first, then children."""
        return self.people + self.children + self.messages + self.posts + self.events


def words_of(text: str) -> list[str]:
    """The words to find (at most five of 40 characters each)."""
    return [w[:WORD_MAX] for w in " ".join(text.split()).split()][:WORDS_MAX]


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[:SNIPPET - 1].rstrip() + "…"


async def search(actor: Actor, text: str, *, now: datetime, limit: int = PER_KIND) -> Results:
    """Everything the actor may see that matches every word; a fixed number of queries however many results."""
    clean = " ".join(CONTROL.sub(" ", text).split())  # a NUL or the like is a gap (PostgreSQL refuses NUL)
    words = words_of(clean)
    if len(clean) < TEXT_MIN or not words:
        return Results(clean)
    people = [Hit("person", h.person_id, h.label, h.detail, f"/beskeder/ny?til=person:{h.person_id}")
              for h in await search_people(actor, clean, limit)] if actor.role in MESSAGE_ROLES else []
    children = [Hit("child", h.child_id, h.label, h.detail, f"/barn/{h.child_id}")
                for h in await search_children(actor, words, today_local(now), limit)]
    return Results(clean, tuple(people), tuple(children), tuple(await _messages(actor, words, limit)),
                   tuple(await _posts(actor, words, now, limit)), tuple(await _events(actor, words, now, limit)))



async def _messages(actor: Actor, words: list[str], limit: int) -> list[Hit]:
    """Threads in the actor's own inbox, or in a fællespostkasse they answer, whose subject or messages hold every word.

    Sensitive text only at level 3; each seat passes the inbox's own rule (can_read_seat), a thread shows once.
    """
    if actor.role not in MESSAGE_ROLES:
        return []
    mine = Q(person_id=actor.person_id)
    if institutions := inbox_institutions(actor):
        mine |= Q(inbox__institution_id__in=institutions)
    seats = Participant.filter(mine, deleted_at__isnull=True, left_at__isnull=True)
    may_read_sensitive = access.can_read_sensitive(actor).allowed
    query = seats
    for word in words:
        bodies = Message.filter(body__icontains=word, thread_id__in=Subquery(seats.values("thread_id")))
        if not may_read_sensitive:
            bodies = bodies.filter(sensitive=False)
        query = query.filter(Q(thread__subject__icontains=word) | Q(thread_id__in=Subquery(bodies.values("thread_id"))))
    # A thread can hold both the reader's own seat and their institution's inbox's: twice the rows, shown once.
    rows = await query.order_by("-last_message_at", "-thread_id").limit(2 * limit).select_related("thread", "inbox")
    out: list[Hit] = []
    seen: set[int] = set()
    for seat in rows:
        # The inbox's own rule for a seat: never a thread reached through a child one no longer has custody of,
        # a shared inbox's only for staff who work at its institution.
        where = seat.inbox.institution_id if seat.inbox else None
        if seat.thread_id in seen or not access.can_read_seat(actor, seat_facts(seat, where)).allowed:
            continue
        seen.add(seat.thread_id)
        thread = seat.thread
        said = "" if thread.sensitive else _short(thread.last_snippet)
        detail = f"{thread.last_sender_name}: {said}" if said else str(thread.last_sender_name)
        out.append(Hit("message", thread.id, thread.subject, detail, f"/beskeder/{thread.id}", seat.last_message_at))
    return out[:limit]


async def _posts(actor: Actor, words: list[str], now: datetime, limit: int) -> list[Hit]:
    """Posts in the actor's feed whose title or text holds every word."""
    today = today_local(now)
    reach = await family_reach(actor, today)
    seen = audience(actor, reach)
    if seen is None or actor.role not in POST_PAGES:
        return []
    query = Post.filter(seen & shown_on(today))
    for word in words:
        query = query.filter(Q(title__icontains=word) | Q(body__icontains=word))
    posts = await query.order_by("-created_at", "-id").limit(limit)
    if not posts:
        return []
    groups: dict[int, set[int]] = defaultdict(set)
    for post_id, group_id in await PostGroup.filter(post_id__in=[p.id for p in posts]).values_list(
            "post_id", "group_id"):
        groups[int(post_id)].add(int(group_id))
    out = []
    for post in posts:
        facts = access.PostFacts(post.institution_id, frozenset(groups[post.id]), post.author_id)
        if access.can_view_post(actor, facts, reach).allowed:
            out.append(Hit("post", post.id, post.title, _short(post.body), f"/opslag/{post.id}", post.created_at))
    return out


async def _events(actor: Actor, words: list[str], now: datetime, limit: int) -> list[Hit]:
    """Events in the actor's calendar whose title, place or (shown) description holds every word; upcoming first."""
    if actor.role not in CALENDAR_ROLES:
        return []
    municipality = ints(await Person.filter(id=actor.person_id).values_list("municipality_id", flat=True))
    reach = await calendar_reach(actor, today_local(now), municipality[0] if municipality else None)
    query = CalendarEvent.filter(visible(actor, reach.policy, reach.children), cancelled_at__isnull=True)
    # A private event's description is hidden from all but its organiser, so only theirs is searched.
    described = Q(private=False) | Q(organiser_id=actor.person_id)
    for word in words:
        query = query.filter(Q(title__icontains=word) | Q(place__icontains=word)
                             | Q(Q(description__icontains=word), described))
    rows = await query.order_by("-starts_at", "-id").limit(limit * 3).select_related("group")
    out = []
    for row in rows:
        if not access.can_view_event(actor, event_facts(row, group_institution(row)), reach.policy).allowed:
            continue
        starts = next_start(row, now)
        out.append(Hit("event", row.id, row.title, row.place, link_to(starts, row.id), starts))
    upcoming = sorted((h for h in out if h.when and h.when >= now), key=lambda h: (h.when, h.ref_id))
    past = [h for h in out if not (h.when and h.when >= now)]
    return (upcoming + past)[:limit]
