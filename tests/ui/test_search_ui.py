"""The search in the top bar and its results page, the recipient picker's people search, and links in messages."""

from __future__ import annotations

from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from domain.calendar import service as calendar
from domain.clock import COPENHAGEN, utcnow
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from domain.messages import service
from persistence.identity import UserAccount
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, Person
from tests.ui.conftest import login


async def _anne() -> Person:
    return await Person.get(first_name="Anne", last_name="Holm")


async def test_every_page_has_the_search_button_and_its_labelled_field(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    button = user.find(marker="search-open").elements.pop()
    assert button.props["aria-label"] == "Søg"
    field = user.find(marker="search-box", kind=ui.input).elements.pop()
    assert field.props["name"] == "q" and "personer" in field.props["aria-label"]
    assert user.find(marker="search-box-submit").elements.pop().props["type"] == "submit"


async def test_a_parent_finds_the_class_teacher_by_class_and_role_with_a_link_to_write_to_her(user: User) -> None:
    await login(user, "demo-foraelder")
    anne = await _anne()
    for text in ("2.A", "lærer 2.A"):
        await user.open(f"/soeg?q={text}")
        await user.should_see("Personer")
        item = user.find(marker=f"result-person-{anne.id}").elements.pop()
        [link] = [e for e in item.descendants() if isinstance(e, ui.link)]
        assert link.text == "Anne Holm · lærer, 2.A"
        assert link.props["href"] == f"/beskeder/ny?til=person:{anne.id}"
    await user.open(f"/beskeder/ny?til=person:{anne.id}")
    await user.should_see(marker=f"chip-person:{anne.id}")


async def test_no_results_say_what_to_try_and_one_letter_asks_for_more(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/soeg?q=zzqx")
    await user.should_see("Ingen resultater for »zzqx«.")
    await user.should_see("lærer 2.A")
    await user.open("/soeg?q=a")
    await user.should_see("Skriv mindst to tegn for at søge.")


async def test_a_parent_does_not_find_a_teacher_of_another_school_nor_write_to_her_by_hand(user: User) -> None:
    await login(user, "demo-foraelder")
    outsider = await Person.filter(employments__institution__name="Engskolen").first()
    assert outsider is not None
    await user.open(f"/soeg?q={outsider.first_name} {outsider.last_name}")
    await user.should_see("Ingen resultater")
    await user.should_not_see(marker=f"result-person-{outsider.id}")
    await user.open(f"/beskeder/ny?til=person:{outsider.id}")
    await user.should_see(marker="recipient-search")
    await user.should_not_see(marker=f"chip-person:{outsider.id}")


async def test_the_recipient_picker_finds_the_teacher_by_class_and_labels_her_with_role_and_class(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/beskeder/ny")
    user.find(marker="recipient-search").type("2.A")
    await user.should_see("Anne Holm · lærer, 2.A")
    user.find(marker="recipient-search").clear().type("lærer")
    await user.should_see("Anne Holm · lærer, 2.A")


async def test_a_link_in_a_message_opens_in_a_new_tab_and_javascript_stays_text(user: User) -> None:
    anne = await _anne()
    mette = (await UserAccount.get(oidc_subject="demo-foraelder")).person_id
    facts = await load_person_facts(anne.id, utcnow().date())
    assert facts is not None
    sent = await service.do_send(facts.actor(Role.STAFF, "2"), subject="Ugeplan", recipient_keys=[f"person:{mette}"],
                                 body="Se https://skovly.dk/plan. Ikke javascript:alert(1)", now=utcnow())
    await login(user, "demo-foraelder")
    await user.open(f"/beskeder/{sent.thread_id}")
    await user.should_see("Ugeplan")
    [link] = user.find(kind=ui.link, content="https://skovly.dk/plan").elements
    assert link.props["href"] == "https://skovly.dk/plan" and link.props["target"] == "_blank"
    assert link.props["rel"] == "noopener noreferrer"
    await user.should_see("Ikke javascript:alert(1)")
    assert not [e for e in user.find(kind=ui.link).elements if "javascript" in str(e.props.get("href", ""))]


async def test_a_post_result_opens_the_post_itself_with_its_comments(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/soeg?q=mødetid")
    await user.should_see(marker="results-post")
    links = [e for e in user.find(marker="results-post").elements.pop().descendants() if isinstance(e, ui.link)]
    href = str(links[0].props["href"])
    assert href.startswith("/opslag/")
    post_id = int(href.rsplit("/", 1)[-1])
    await user.open(href)
    await user.should_see(marker=f"post-{post_id}")
    await user.should_see(marker=f"post-body-{post_id}")  # (this demo post has its comments closed)
    await user.should_see(marker="post-back")
    await user.open("/opslag/2147483000")  # no such post: said, not a crash
    await user.should_see(marker="post-missing")


async def test_an_event_result_opens_the_events_dialog_in_the_calendar(user: User) -> None:
    anne = await _anne()
    facts = await load_person_facts(anne.id, utcnow().date())
    assert facts is not None
    group = await Group.get(name="2.A", institution__employments__person_id=anne.id)
    start = utcnow().replace(microsecond=0) + timedelta(days=3)
    event_id = await calendar.do_create_event(facts.actor(Role.STAFF, "2"), scope="group", group_id=group.id,
                                              title="Bålhygge i skoven", description="", all_day=False, start=start,
                                              end=start + timedelta(hours=1), private=False, now=utcnow())
    await login(user, "demo-foraelder")
    await user.open("/soeg?q=bålhygge")
    item = user.find(marker=f"result-event-{event_id}").elements.pop()
    [link] = [e for e in item.descendants() if isinstance(e, ui.link)]
    assert str(link.props["href"]).endswith(f"&begivenhed={event_id}")
    await user.open(str(link.props["href"]))
    await user.should_see(marker="cal-dialog-title")
    await user.should_see("Bålhygge i skoven")


async def test_a_message_result_shows_its_day_the_numeric_danish_way(user: User) -> None:
    anne = await _anne()
    mette = (await UserAccount.get(oidc_subject="demo-foraelder")).person_id
    facts = await load_person_facts(anne.id, utcnow().date())
    assert facts is not None
    now = utcnow()
    await service.do_send(facts.actor(Role.STAFF, "2"), subject="Bålhygge-tøj", recipient_keys=[f"person:{mette}"],
                          body="Husk varmt tøj.", now=now)
    await login(user, "demo-foraelder")
    await user.open("/soeg?q=Bålhygge-tøj")
    await user.should_see(marker="results-message")
    day = now.astimezone(COPENHAGEN).date()
    await user.should_see(f"{day.day}.{day.month}.{day.year} · Anne Holm")


async def test_a_teacher_finds_a_child_of_her_class_by_name_and_opens_the_childs_page(user: User) -> None:
    anne = await _anne()
    group = await Group.get(name="2.A", institution__employments__person_id=anne.id)
    enrolment = await Enrolment.filter(group_id=group.id, end__isnull=True).order_by("id").first().prefetch_related(
        "child")
    assert enrolment is not None
    child = enrolment.child
    await login(user, "demo-laerer")
    await user.open(f"/soeg?q={child.first_name} {child.last_name}")
    await user.should_see("Børn")
    item = user.find(marker=f"result-child-{child.id}").elements.pop()
    [link] = [e for e in item.descendants() if isinstance(e, ui.link)]
    assert link.text == f"{child.first_name} {child.last_name} · 2.A"
    assert link.props["href"] == f"/barn/{child.id}"
    await user.open(str(link.props["href"]))
    await user.should_see(marker="child-name")


async def test_a_parent_finds_her_own_child_and_not_a_classmate(user: User) -> None:
    mette = (await UserAccount.get(oidc_subject="demo-foraelder")).person_id
    own = await Custody.filter(guardian_id=mette).order_by("child_id").first().prefetch_related("child")
    assert own is not None
    await login(user, "demo-foraelder")
    await user.open(f"/soeg?q={own.child.first_name} {own.child.last_name}")
    await user.should_see(marker=f"result-child-{own.child.id}")
    mine = set(await Custody.filter(guardian_id=mette).values_list("child_id", flat=True))
    other = await Enrolment.filter(end__isnull=True).exclude(child_id__in=mine).order_by("id").first().prefetch_related(
        "child")
    assert other is not None
    await user.open(f"/soeg?q={other.child.first_name} {other.child.last_name}")
    await user.should_not_see(marker=f"result-child-{other.child.id}")
