""""Navn på lister" over SQLite and PostgreSQL: another family finds a child (or its parents) only with the consent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import DomainError
from domain.identity.model import Role
from domain.messages import recipients
from domain.messages.model import RecipientChoice
from domain.organisation.model import GroupKind
from domain.presence import family, plans
from domain.presence.plans import PlanInput
from domain.search.recipients import search_recipients
from persistence.organisation import Group
from persistence.people import Custody, Enrolment
from tests.factory import person
from tests.listing_support import names_on_lists
from tests.messages_world import NOW, MessagesWorld, actor_of, build_messages_world
from tests.presence_world import DAY, PresenceWorld, build_presence_world
from tests.presence_world import NOW as PRESENCE_NOW


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


def _people(found: list[RecipientChoice]) -> dict[str, str]:
    return {c.label: c.detail for c in found}


async def test_a_family_that_refused_names_on_lists_is_not_found_by_another_parent(mw: MessagesWorld) -> None:
    w = mw.w
    await names_on_lists(w.child, now=NOW, given=False)  # Gitte refused for Anna
    for text in ("Testesen", "Gitte", "Anna"):
        assert "Gitte Testesen" not in _people(await search_recipients(mw.other_guardian, text)), text
    with pytest.raises(DomainError) as refused:  # nor reached by a key typed by hand
        await recipients.count_recipients(mw.other_guardian, [mw.key(w.guardian)])
    assert refused.value.key == "messages.recipient_invalid"
    # Staff of Anna's school still find everyone.
    assert _people(await search_recipients(mw.teacher, "Gitte"))["Gitte Testesen"] == (
        "Forælder til Anna (2.A)")
    await names_on_lists(w.child, now=NOW)  # given after all
    assert _people(await search_recipients(mw.other_guardian, "Testesen"))["Gitte Testesen"] == (
        "Forælder til Anna (2.A)")


async def test_no_decision_means_not_listed_but_a_parent_always_finds_the_childs_other_guardian(
        mw: MessagesWorld) -> None:
    w = mw.w
    municipality = await w.school.municipality
    rasmus = await person(municipality, "Rasmus", subject="t-rasmus")
    await Custody.create(guardian=rasmus, child=w.child, valid_from=w.today - timedelta(days=10))
    assert "Rasmus Testesen" not in _people(await search_recipients(mw.other_guardian, "Rasmus"))
    assert _people(await search_recipients(mw.guardian, "Rasmus")) == {
        "Rasmus Testesen": "Forælder til Anna (2.A)"}


async def test_an_older_child_finds_only_classmates_with_names_on_lists(mw: MessagesWorld) -> None:
    municipality = await mw.w.school.municipality
    c6a = await Group.create(municipality=municipality, institution=mw.w.school, name="6.A", kind=GroupKind.KLASSE)
    born = mw.w.today - timedelta(days=12 * 365)
    ida, jon, rebecca = [await person(municipality, name, child=True, born=born) for name in ("Ida", "Jon", "Rebecca")]
    for kid in (ida, jon, rebecca):
        await Enrolment.create(child=kid, institution=mw.w.school, group=c6a, start=mw.w.today - timedelta(days=30))
    await names_on_lists(jon, now=NOW)
    await names_on_lists(rebecca, now=NOW, given=False)
    child = await actor_of(ida, Role.CHILD)
    assert set(_people(await search_recipients(child, "Testesen"))) >= {"Jon Testesen"}
    assert "Rebecca Testesen" not in _people(await search_recipients(child, "Rebecca"))
    with pytest.raises(DomainError):
        await recipients.count_recipients(child, [mw.key(rebecca)])
    assert "Rebecca Testesen" in _people(await search_recipients(mw.teacher, "Rebecca"))


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


async def test_goes_home_with_offers_own_children_and_others_only_with_names_on_lists(world: PresenceWorld) -> None:
    # Oscar's BFO also has Ida (his sister) and Carl (another family, no decision yet).
    days = {d.child_id: d for d in await family.family_days(world.parent, DAY, history=False)}
    assert [c.label for c in days[world.oscar.id].companions] == ["Ida T."]
    carl = (await family.family_days(world.other_parent, DAY, history=False))[0]
    assert carl.companions == ()  # Mette gave no consent for Oscar or Ida
    with pytest.raises(DomainError) as refused:  # nor chosen by an id typed by hand
        await plans.do_plan_day(world.parent, world.oscar.id, DAY, PlanInput(with_child_id=world.other_child.id),
                                now=PRESENCE_NOW)
    assert refused.value.key == "presence.error.unknown_companion"
    await names_on_lists(world.other_child, now=PRESENCE_NOW)
    days = {d.child_id: d for d in await family.family_days(world.parent, DAY, history=False)}
    assert [c.label for c in days[world.oscar.id].companions] == ["Carl T.", "Ida T."]
    await plans.do_plan_day(world.parent, world.oscar.id, DAY, PlanInput(with_child_id=world.other_child.id),
                            now=PRESENCE_NOW)
    # Withdrawn later: Carl is no longer offered, but the plan that names him can still be changed and saved.
    await names_on_lists(world.other_child, now=PRESENCE_NOW, given=False)
    days = {d.child_id: d for d in await family.family_days(world.parent, DAY, history=False)}
    assert [c.label for c in days[world.oscar.id].companions] == ["Ida T."]
    await plans.do_plan_day(world.parent, world.oscar.id, DAY, PlanInput(pickup="15:00",
                                                                         with_child_id=world.other_child.id),
                            now=PRESENCE_NOW)
