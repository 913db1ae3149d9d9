"""Contact details in the UI: a guardian saves and shares on /profil, the class list shows it, outsiders refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User
from PIL import Image

from domain.clock import today_local, utcnow
from domain.contacts import service
from domain.contacts.model import Sharing
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from persistence.people import Custody, Enrolment, Person
from tests.conftest import point_data_dir
from tests.demo_support import children_of, current_enrolments, person_of
from tests.ui.conftest import login


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored pictures go to this test's folder."""
    point_data_dir(monkeypatch, tmp_path)


async def class_2a() -> tuple[int, Person]:
    """Oscar's class (2.A at Skovlyskolen) and a guardian of another child in it."""
    oscar = next(c for c in await children_of(await person_of("demo-foraelder")) if c.first_name == "Oscar")
    group_id = next(e.group_id for e in await current_enrolments(oscar)
                    if e.group is not None and e.group.name == "2.A")
    other = await Enrolment.filter(group_id=group_id, end=None).exclude(child_id=oscar.id).order_by("id").first()
    assert other is not None
    custody = await Custody.filter(child_id=other.child_id, valid_to=None).order_by("id").first()
    assert custody is not None
    assert group_id is not None
    return group_id, await Person.get(id=custody.guardian_id)


async def as_parent(person: Person) -> Actor:
    """The guardian as an actor."""
    facts = await load_person_facts(person.id, today_local())
    assert facts is not None
    return facts.actor(Role.PARENT, "2")


def _value(user: User, marker: str) -> str:
    field = user.find(marker=marker).elements.pop()
    assert isinstance(field, ui.input)
    return str(field.value)


async def test_a_guardian_saves_a_phone_number_and_bad_input_changes_nothing(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/profil")
    await user.should_see("Kontaktoplysninger")
    user.find(marker="contact-phone").type("12 34")
    user.find(marker="contact-save").click()
    await user.should_see("Telefonnummeret ser forkert ud")
    mette = await person_of("demo-foraelder")
    assert (await Person.get(id=mette.id)).phone == mette.phone
    user.find(marker="contact-phone").clear().type("12345678")
    user.find(marker="share-phone").click()
    user.find(marker="contact-save").click()
    await user.should_see("Dine kontaktoplysninger er gemt.")
    assert _value(user, "contact-phone") == "+45 12 34 56 78"
    assert (await Person.get(id=mette.id)).phone == "+4512345678"


async def test_a_picture_is_uploaded_and_a_renamed_program_is_refused(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/profil")
    upload = user.find(marker="contact-picture-upload").elements.pop()
    assert isinstance(upload, ui.upload)
    await upload.handle_uploads([SmallFileUpload("billede.jpg", "image/jpeg", b"MZ\x90\x00" + b"\x00" * 200)])
    await user.should_see("Filen er ikke et billede")
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (10, 120, 200)).save(out, "JPEG")
    await upload.handle_uploads([SmallFileUpload("mig.jpg", "image/jpeg", out.getvalue())])
    await user.should_see("Dit billede er gemt.")
    url = (await Person.get(id=(await person_of("demo-foraelder")).id)).photo_url
    served = await user.http_client.get(url)
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"


async def test_a_parent_reaches_the_class_list_from_overblik_and_sees_only_what_others_share(user: User) -> None:
    group_id, other = await class_2a()
    await Person.filter(id=other.id).update(phone="+4587654321", email="anden@example.dk")
    await service.do_save_contact(await as_parent(other), phone="87654321", email="anden@example.dk",
                                  sharing=Sharing(phone=True), now=utcnow())
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    user.find(marker=f"contact-list-{group_id}").click()
    await user.should_see(f"{other.first_name} {other.last_name}")
    await user.should_see("+45 87 65 43 21")
    await user.should_not_see("anden@example.dk")  # the e-mail was not shared
    link = user.find(marker=f"contact-phone-{other.id}").elements.pop()
    assert isinstance(link, ui.link) and link.props["href"] == "tel:+4587654321"


async def test_the_teacher_opens_the_list_from_the_group_page_with_every_guardian(user: User) -> None:
    group_id, other = await class_2a()
    await login(user, "demo-laerer")
    await user.open(f"/gruppe/{group_id}")
    user.find(marker="group-contacts").click()
    await user.should_see("Alle forældre til børnene i gruppen")
    await user.should_see("Mette Kristensen")
    await user.should_see(f"{other.first_name} {other.last_name}")
    await user.should_see("Udskriv")


@pytest.mark.parametrize("subject", ["demo-foraelder-klub", "demo-leder", "demo-barn-klub", "demo-ppr"])
async def test_outsiders_see_a_refusal_instead_of_the_list(user: User, subject: str) -> None:
    group_id, other = await class_2a()
    await login(user, subject)
    await user.open(f"/kontaktliste/{group_id}")
    await user.should_see(marker="refusal")
    await user.should_not_see(f"{other.first_name} {other.last_name}")


async def test_a_picture_not_shared_is_not_served_to_another_parent(user: User) -> None:
    _, other = await class_2a()
    out = io.BytesIO()
    Image.new("RGB", (300, 300), (0, 0, 0)).save(out, "PNG")
    url = await service.do_set_picture(await as_parent(other), data=out.getvalue(), now=utcnow())
    await login(user, "demo-foraelder")
    assert (await user.http_client.get(url)).status_code == 404
    await service.do_save_contact(await as_parent(other), phone="", email="", sharing=Sharing(picture=True),
                                  now=utcnow())
    assert (await user.http_client.get(url)).status_code == 200
