"""Search never returns what the feature's own check refuses: random users and queries over the demo municipality."""

from __future__ import annotations

import random
from collections import Counter

from domain.access import can_view_child
from domain.calendar.views import visible_event
from domain.clock import today_local
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor
from domain.messages.reading import check_reader
from domain.messages.recipients import count_recipients
from domain.organisation.children import child_facts
from domain.posts.service import check_can_see
from domain.search.service import Hit, search
from persistence.calendar import CalendarEvent
from persistence.identity import UserAccount
from persistence.messages import Thread
from persistence.organisation import Group
from persistence.people import Person
from persistence.posts import Post
from tests.clocks import START

NAMED = ("demo-foraelder", "demo-laerer", "demo-leder", "demo-paedagog-bfo", "demo-paedagog-vuggestue", "demo-ppr",
         "demo-admin", "demo-projektgruppe", "demo-barn-klub")
JUNK = ["%", "_", "'", "a", "zzzq", "2.", "' OR 1=1 --", "https://", "alle i"]
ROLE_WORDS = ["lærer", "pædagog", "leder", "forældre", "børn", "medarbejdere"]


async def _vocabulary() -> list[str]:
    """Words and names that exist in the demo: group and first names, words from subjects, titles and places."""
    words: list[str] = [str(g) for g in await Group.all().values_list("name", flat=True)]
    words += [str(n) for n in await Person.all().limit(400).values_list("first_name", flat=True)]
    for texts in (await Thread.all().limit(300).values_list("subject", flat=True),
                  await Post.all().values_list("title", flat=True),
                  await CalendarEvent.all().limit(300).values_list("title", flat=True)):
        words += [w for text in texts for w in str(text).split() if len(w) > 3]
    return sorted(set(words))


def _query(rng: random.Random, vocabulary: list[str]) -> str:
    shape = rng.random()
    if shape < 0.15:
        return rng.choice(JUNK)
    if shape < 0.35:
        return f"{rng.choice(ROLE_WORDS)} {rng.choice(vocabulary)}"
    if shape < 0.45:
        return f"{rng.choice(vocabulary)} {rng.choice(vocabulary)}"
    word = rng.choice(vocabulary)
    return word if rng.random() < 0.7 else word[: max(2, len(word) // 2)].upper()


async def _actors(rng: random.Random) -> list[Actor]:
    """The named users and a random sample of every account, in each of their roles, at level 2 or 3."""
    accounts = dict(await UserAccount.all().values_list("oidc_subject", "person_id"))
    chosen = [accounts[s] for s in NAMED if s in accounts]
    chosen += rng.sample(sorted(set(accounts.values())), min(25, len(accounts)))
    actors = []
    for person_id in chosen:
        facts = await load_person_facts(person_id, today_local(START))
        if facts is not None:
            actors += [facts.actor(role, rng.choice(["2", "3"])) for role in sorted(facts.roles)]
    return actors


async def _check(actor: Actor, hit: Hit) -> None:
    """The feature's own check for one result: it raises when the actor may not see the item."""
    if hit.kind == "person":
        assert await count_recipients(actor, [f"person:{hit.ref_id}"]) == 1
    elif hit.kind == "child":  # the child page's (/barn/{id}) own rule, on every current enrolment of the child
        assert hit.link == f"/barn/{hit.ref_id}"
        assert can_view_child(actor, await child_facts(hit.ref_id, today_local(START))).allowed
    elif hit.kind == "message":
        await check_reader(actor, hit.ref_id)
    elif hit.kind == "post":
        await check_can_see(actor, hit.ref_id, today_local(START), "search.property_test")
    else:
        assert hit.kind == "event"
        await visible_event(actor, hit.ref_id, "search.property_test", START)


async def test_no_search_result_is_one_the_features_own_access_check_refuses(demo_database: str) -> None:
    rng = random.Random(21)
    vocabulary = await _vocabulary()
    checked: Counter[str] = Counter()
    for actor in await _actors(rng):
        for _ in range(3):
            text = _query(rng, vocabulary)
            results = await search(actor, text, now=START)
            for hit in results.all:
                try:
                    await _check(actor, hit)
                except Exception as refused:
                    raise AssertionError(f"{actor.role} {actor.person_id} searching {text!r} got {hit}") from refused
                checked[hit.kind] += 1
    assert min(checked[k] for k in ("person", "child", "message", "post", "event")) > 0, checked
    assert sum(checked.values()) > 100, checked
