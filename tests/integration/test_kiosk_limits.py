"""The wall screen's limits: pairing codes per address and in all, and a lockout after wrong PINs, audited once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from domain.clock import COPENHAGEN
from domain.errors import DomainError
from domain.identity.model import Role
from domain.presence import admin, kiosk
from domain.presence.kiosk_limits import LIVE_CODES_MAX, PAIRING_PER_ADDRESS, PIN_PER_CHILD, PIN_PER_SCREEN
from domain.presence.model import Action, Status
from persistence.audit import AuditEntry
from persistence.people import Custody, Enrolment, Person
from persistence.presence import PresenceDay, WallScreen
from tests.factory import person
from tests.presence_world import DAY, NOW, PresenceWorld, actor, at, build_presence_world


@pytest.fixture
async def world(sqlite_database: str) -> PresenceWorld:
    return await build_presence_world()


def until_of(error: DomainError) -> datetime:
    until = error.params["until"]
    assert isinstance(until, datetime)
    return until


async def refusal(call: object) -> DomainError:
    with pytest.raises(DomainError) as refused:
        await call  # type: ignore[misc]
    return refused.value


async def test_one_address_gets_a_few_codes_then_a_danish_refusal_saying_when(sqlite_database: str) -> None:
    for _ in range(PAIRING_PER_ADDRESS.count):
        await kiosk.do_request_pairing(now=NOW, address="203.0.113.9")
    refusals = [await refusal(kiosk.do_request_pairing(now=NOW, address="203.0.113.9")) for _ in range(50)]
    assert {r.key for r in refusals} == {"kiosk.error.too_many_codes"}
    until = until_of(refusals[0])
    assert until.tzinfo == COPENHAGEN and NOW + timedelta(minutes=15) < until <= NOW + timedelta(minutes=30)
    assert await WallScreen.all().count() == PAIRING_PER_ADDRESS.count  # the refused requests made no code
    assert await AuditEntry.filter(action="kiosk.pairing_limited").count() == 1  # one row, not fifty
    await kiosk.do_request_pairing(now=NOW, address="198.51.100.4")  # another address is not held up
    await kiosk.do_request_pairing(now=NOW + timedelta(minutes=45), address="203.0.113.9")  # nor this one later


async def test_no_new_code_while_too_many_wait_to_be_paired(sqlite_database: str) -> None:
    await WallScreen.bulk_create([WallScreen(pairing_code=f"{i:06d}", code_expires_at=NOW + timedelta(minutes=10),
                                             secret_hash="x", created_at=NOW) for i in range(LIVE_CODES_MAX)])
    assert (await refusal(kiosk.do_request_pairing(now=NOW, address="192.0.2.1"))).key == "kiosk.error.codes_full"
    await kiosk.do_request_pairing(now=NOW + timedelta(minutes=11), address="192.0.2.1")  # they expired


async def pin_screen(world: PresenceWorld) -> str:
    """A paired screen at the BFO, which asks for PINs; Oscar's PIN is 2468 and Ida's 1357."""
    request = await kiosk.do_request_pairing(now=NOW)
    await kiosk.do_pair(world.leader, world.bfo.id, request.code, "Garderoben", now=NOW)
    await admin.do_update_settings(world.leader, world.bfo.id, "06:30", "17:00", ["Legepladsen", "Hallen"],
                                   [0, 1, 2, 3, 4], True, now=NOW)
    await kiosk.do_set_pin(world.parent, world.oscar.id, "2468")
    await kiosk.do_set_pin(world.parent, world.ida.id, "1357")
    return request.token


async def test_five_wrong_pins_lock_the_child_out_with_the_time_to_try_again_audited_once(
        world: PresenceWorld) -> None:
    token = await pin_screen(world)
    tries = [await refusal(kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(8), pin=f"{i:04d}"))
             for i in range(PIN_PER_CHILD.count + 3)]
    assert [r.key for r in tries] == ["kiosk.error.wrong_pin"] * 4 + ["kiosk.error.pin_locked"] * 4
    assert until_of(tries[4]) > at(8) + timedelta(minutes=15)
    # Even the right PIN is refused while locked: guessing on cannot find it.
    right = await refusal(kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(8), pin="2468"))
    assert right.key == "kiosk.error.pin_locked"
    assert not await PresenceDay.filter(person_id=world.oscar.id, status=Status.PRESENT).exists()
    locks = await AuditEntry.filter(action="kiosk.pin_locked").values_list("concerned_person_id", "outcome")
    assert locks == [(world.oscar.id, "refused")]
    # Ida on the same screen is not held up by Oscar's lockout; Oscar gets in again once it has passed.
    await kiosk.do_kiosk_action(token, world.ida.id, Action.CHECK_IN, now=at(8), pin="1357")
    done = await kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(9), pin="2468")
    assert done.tile.status == Status.PRESENT.value


async def five_more_children(world: PresenceWorld) -> list[int]:
    """Five more children in Oscar's BFO team with Mette, each with the PIN 1111."""
    guardian = await Person.get(id=world.parent.person_id)
    kids = []
    for name in ("Alma", "Bo", "Clara", "Dan", "Esther"):
        kid = await person(await world.bfo.municipality, name, child=True, born=DAY - timedelta(days=8 * 365))
        await Enrolment.create(child=kid, institution=world.bfo, group=world.team, start=DAY - timedelta(days=30))
        await Custody.create(guardian=guardian, child=kid, valid_from=kid.birth_date)
        kids.append(kid.id)
    mette = await actor(guardian, Role.PARENT)
    for kid_id in kids:
        await kiosk.do_set_pin(mette, kid_id, "1111")
    return kids


async def test_wrong_pins_spread_over_many_children_lock_the_whole_screen(world: PresenceWorld) -> None:
    token = await pin_screen(world)
    children = await five_more_children(world)
    keys = []
    for i in range(PIN_PER_SCREEN.count):  # four wrong guesses each: no child alone reaches its own limit
        child = children[i % len(children)]
        keys.append((await refusal(kiosk.do_kiosk_action(token, child, Action.CHECK_IN, now=at(8), pin="0000"))).key)
    assert keys[:-1] == ["kiosk.error.wrong_pin"] * (PIN_PER_SCREEN.count - 1) and keys[-1] == "kiosk.error.pin_locked"
    ida = await refusal(kiosk.do_kiosk_action(token, world.ida.id, Action.CHECK_IN, now=at(8), pin="1357"))
    assert ida.key == "kiosk.error.pin_locked"  # no one can guess on at this screen, with any child
    assert await AuditEntry.filter(action="kiosk.pin_locked", detail__contains=PIN_PER_SCREEN.name).count() == 1
