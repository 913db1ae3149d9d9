"""Beskeder cost a fixed number of queries, whatever the number of recipients or threads."""

from __future__ import annotations

from datetime import date, timedelta

from domain.messages import inbox, service
from domain.organisation.model import StaffRole
from persistence.messages import Participant
from persistence.people import Custody, Employment, Enrolment, Person
from tests.messages_world import NOW, MessagesWorld, build_messages_world
from tests.querycount import count_queries


async def _colleagues(mw: MessagesWorld, n: int, tag: str) -> list[str]:
    municipality_id = (await Person.get(id=mw.w.teacher.id)).municipality_id
    await Person.bulk_create([Person(municipality_id=municipality_id, first_name=f"{tag}{i}", last_name="Kollega")
                              for i in range(n)])
    people = await Person.filter(first_name__startswith=tag, last_name="Kollega").values_list("id", flat=True)
    await Employment.bulk_create([Employment(person_id=p, institution_id=mw.w.school.id, role=StaffRole.LAERER,
                                             start=date(2020, 8, 1)) for p in people])
    return [f"person:{p}" for p in people]


async def _families(mw: MessagesWorld, n: int) -> None:
    municipality_id = (await Person.get(id=mw.w.teacher.id)).municipality_id
    born = mw.w.today - timedelta(days=8 * 365)
    await Person.bulk_create([Person(municipality_id=municipality_id, first_name=f"Barn{i}", last_name="Klasse",
                                     is_child=True, birth_date=born) for i in range(n)])
    await Person.bulk_create([Person(municipality_id=municipality_id, first_name=f"Mor{i}", last_name="Klasse")
                              for i in range(n)])
    kids = await Person.filter(last_name="Klasse", is_child=True).order_by("id").values_list("id", flat=True)
    mothers = await Person.filter(last_name="Klasse", is_child=False).order_by("id").values_list("id", flat=True)
    await Enrolment.bulk_create([Enrolment(child_id=k, institution_id=mw.w.school.id, group_id=mw.w.class_2a.id,
                                           start=born) for k in kids])
    await Custody.bulk_create([Custody(guardian_id=m, child_id=k, valid_from=born) for m, k in zip(mothers, kids,
                                                                                                  strict=True)])


async def _send_queries(mw: MessagesWorld, keys: list[str], reaching: int | None = None) -> int:
    with count_queries() as statements:
        sent = await service.do_send(mw.teacher, subject="Møde", body="Personalemøde kl. 15", recipient_keys=keys,
                                     now=NOW)
    assert sent.recipient_count == (len(keys) if reaching is None else reaching)
    return len(statements)


async def test_a_send_to_5_or_50_people_costs_the_same_queries_and_the_inbox_page_too(database: str) -> None:
    mw = await build_messages_world()
    five, fifty = await _colleagues(mw, 5, "A"), await _colleagues(mw, 50, "B")
    small = await _send_queries(mw, five)
    assert small <= 18, small  # 10 for the message, 7-8 for its recipients' notifications (same transaction)
    assert await _send_queries(mw, fifty) == small
    assert await Participant.all().count() == 5 + 1 + 50 + 1
    group = [f"group_all:{mw.w.class_2a.id}"]
    two = await _send_queries(mw, group, 2)
    await _families(mw, 20)
    assert await _send_queries(mw, group, 22) == two

    async def page_queries() -> int:
        with count_queries() as statements:
            page = await inbox.inbox_page(mw.teacher, limit=100)
        assert page.threads
        return len(statements)

    for i in range(3):
        await service.do_send(mw.guardian, subject=f"Spørgsmål {i}", body="Hej", recipient_keys=[mw.key(mw.w.teacher)],
                              now=NOW + timedelta(minutes=i))
    few = await page_queries()
    for i in range(45):
        await service.do_send(mw.guardian, subject=f"Mere {i}", body="Hej", recipient_keys=[mw.key(mw.w.teacher)],
                              now=NOW + timedelta(hours=1, minutes=i))
    assert few <= 2 and await page_queries() == few
    page = await inbox.inbox_page(mw.teacher, limit=10)
    rest = await inbox.inbox_page(mw.teacher, limit=100, before=page.threads[-1].last_message_at)
    assert page.has_more and len(page.threads) + len(rest.threads) == 48 + 4 and not rest.has_more
    assert (await inbox.inbox_page(mw.teacher, search="mere 4")).threads[0].subject.startswith("Mere 4")
    same_instant = await inbox.inbox_page(mw.teacher, limit=50)
    last = same_instant.threads[-1]
    assert last.subject == "Møde" and last.last_message_at == NOW
    after = await inbox.inbox_page(mw.teacher, before=last.last_message_at, before_thread_id=last.thread_id)
    assert len(after.threads) == 2 and {t.subject for t in after.threads} == {"Møde"}
