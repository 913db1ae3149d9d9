"""A full import that leaves a person out ends their open page at once, and their session with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from nicegui.testing import User

from domain.clock import utcnow
from domain.identity.service import current_actor
from domain.provisioning import service
from persistence.identity import UserAccount
from persistence.people import Person
from tests.conftest import point_data_dir
from tests.provisioning_files import register
from tests.ui.conftest import login


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored import files go to this test's folder, not the working tree's data/."""
    point_data_dir(monkeypatch, tmp_path)


async def test_a_parent_left_out_of_a_full_import_is_sent_from_the_open_page_to_the_refusal(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/kommune/import")
    await user.should_see(marker="refusal")  # the import page is the admin's; the domain refuses the parent
    parent = await UserAccount.get(oidc_subject="demo-foraelder")
    henrik = await Person.get(first_name="Henrik", last_name="Dahl")
    admin = await current_actor(henrik.id, "admin", "2", now=utcnow())
    people = register(institutions=1, families=1, staff=0, number_base=712500).csv("personer")

    checked = await service.do_validate(admin, [people], full=True, now=utcnow())
    assert checked.ok and checked.counts["person"]["deactivated"] > 0
    await user.should_see(marker="refusal")  # checking alone changes nothing
    assert checked.confirm_deactivate > 0  # nearly the whole demo: the admin must type the number
    await service.do_apply(admin, checked.run_id or 0, now=utcnow(), confirm_deactivate=checked.confirm_deactivate)

    await user.should_see("Din bruger er lukket")
    assert not (await Person.get(id=parent.person_id)).active
    await user.open("/")
    await user.should_see(marker="login-button")  # the session went with the page
