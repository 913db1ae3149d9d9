"""The demo blanket: one open form for 2.A at Skovlyskolen, about half answered, Mette's Oscar still waiting."""

from __future__ import annotations

from demo.named import Named
from demo.rows import TABLES
from demo.seed import build_rows
from domain.clock import today_local, utcnow
from domain.forms import reading, results
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from persistence.forms import Form
from persistence.identity import UserAccount
from persistence.people import Person


async def test_the_demo_form_waits_for_mettes_answer_and_about_half_have_answered(sqlite_database: str) -> None:
    today = today_local()
    book = build_rows(today=today, scale=0.05, seed=7)  # the seed builds the form with the rest
    people = {p.id: p for p in book.all(Person)}
    named = Named(people={a.oidc_subject: people[a.person_id] for a in book.all(UserAccount)
                          if a.oidc_subject in ("demo-laerer", "demo-foraelder")})
    for table in TABLES:
        await table.bulk_create(book.all(table))
    form = await Form.get(title="Tur til Zoologisk Have")
    mette, anne = named.people["demo-foraelder"], named.people["demo-laerer"]
    mette_facts, anne_facts = await load_person_facts(mette.id, today), await load_person_facts(anne.id, today)
    assert mette_facts is not None and anne_facts is not None
    pending = await reading.pending_for_guardian(mette_facts.actor(Role.PARENT, "2"), utcnow())
    assert [(p.form_id, p.child_first_name) for p in pending] == [(form.id, "Oscar")]
    found = await results.form_results(anne_facts.actor(Role.STAFF, "2"), form.id, utcnow())
    assert "Oscar Kristensen" in [m.child_name for m in found.missing]
    assert len(found.answered) > 0 and abs(len(found.answered) - len(found.missing)) <= 2
    assert found.open and [q.question.kind.value for q in found.questions] == ["yes_no", "choice", "text"]
