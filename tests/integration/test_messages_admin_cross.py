"""The municipal admin writes to the roles in a cross group (a shutdown across school, BFO and club), not to classes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import DomainError
from domain.identity.model import Role
from domain.messages import inbox
from domain.messages import service as messages
from domain.messages.model import RecipientKind
from domain.messages.recipients import count_recipients, role_choices
from domain.organisation.model import GroupKind
from persistence.messages import Participant
from persistence.organisation import Group
from persistence.people import GroupMembership
from tests.messages_world import NOW, MessagesWorld, actor_of, build_messages_world


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def _cross_group(mw: MessagesWorld, name: str = "Læsevenner", expires_in: int = 100) -> Group:
    group = await Group.create(municipality_id=mw.w.school.municipality_id, institution=None, name=name,
                               kind=GroupKind.TVAERGAAENDE, expires_on=mw.w.today + timedelta(days=expires_in))
    await GroupMembership.create(group=group, person=mw.w.child)
    return group


async def test_the_admin_sends_to_the_parents_of_a_cross_group_and_a_member_family_receives_it(
        mw: MessagesWorld) -> None:
    group = await _cross_group(mw)
    admin = await actor_of(mw.w.admin, Role.ADMIN)
    choices = await role_choices(admin, "læsevenner")
    assert (RecipientKind.GROUP_GUARDIANS, group.id) in {(c.kind, c.ref_id) for c in choices}
    key = f"group_guardians:{group.id}"
    assert await count_recipients(admin, [key]) == await count_recipients(mw.teacher, [key]) >= 1
    sent = await messages.do_send(admin, subject="Skolerne lukker", body="Børnene hentes kl. 12", now=NOW,
                                  recipient_keys=[key])
    page = await inbox.inbox_page(mw.guardian)
    assert [t.thread_id for t in page.threads] == [sent.thread_id]
    assert not await Participant.filter(thread_id=sent.thread_id, person_id=mw.w.other_guardian.id).exists()


async def test_the_admin_may_not_write_to_an_institutions_class_nor_find_it_in_the_picker(mw: MessagesWorld) -> None:
    admin = await actor_of(mw.w.admin, Role.ADMIN)
    assert not [c for c in await role_choices(admin, "2.A") if c.ref_id == mw.w.class_2a.id]
    with pytest.raises(DomainError):
        await messages.do_send(admin, subject="Hej", body="Til 2.A", now=NOW,
                               recipient_keys=[f"group_guardians:{mw.w.class_2a.id}"])


async def test_an_expired_cross_group_is_not_offered_to_the_admin(mw: MessagesWorld) -> None:
    await _cross_group(mw, "Teaterprojekt", expires_in=-1)
    admin = await actor_of(mw.w.admin, Role.ADMIN)
    assert await role_choices(admin, "teaterprojekt") == []
