"""The data export (right of access) over SQLite and PostgreSQL: a guardian's family, and nothing of other families."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest

from domain.errors import AccessDenied
from domain.gdpr.export import build_export
from domain.gdpr.export_level import CPR_WITHHELD, SENSITIVE_WITHHELD
from domain.identity.model import Role
from domain.messages import drafts, service
from domain.presence.model import Action, DeviceKind, Status
from persistence.audit import AuditEntry
from persistence.forms import Form, FormAnswer
from persistence.organisation import Municipality
from persistence.people import Enrolment, Person
from persistence.presence import PresenceChange, PresenceDay
from tests.factory import World, person
from tests.messages_world import NOW, MessagesWorld, actor_of, build_messages_world
from tests.querycount import count_queries


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def _presence(child: Person, institution_id: int, who: str) -> None:
    day = NOW.date()
    await PresenceDay.create(person=child, institution_id=institution_id, day=day, status=Status.PRESENT,
                             pickup_label=f"hentes af {who}", arrived_at=NOW, changed_at=NOW, changed_by="Tina")
    await PresenceChange.create(person_id=child.id, institution_id=institution_id, day=day, at=NOW,
                                action=Action.CHECK_IN, from_status=Status.NOT_ARRIVED, to_status=Status.PRESENT,
                                actor_name="Tina", device=DeviceKind.TABLET)


async def _family_world(mw: MessagesWorld) -> None:
    """A group thread to all guardians of 2.A, a direct thread, presence and form answers for Anna and for Carl."""
    w = mw.w
    await service.do_send(mw.teacher, subject="Tur i skoven", body="Husk gummistøvler",
                          recipient_keys=[f"group_guardians:{w.class_2a.id}"], now=NOW)
    await service.do_send(mw.teacher, subject="Om Anna", body="Anna var glad i dag", now=NOW,
                          recipient_keys=[mw.key(w.guardian)])
    await service.do_send(mw.teacher, subject="Om Carl", body="Carl var ked af det", now=NOW,
                          recipient_keys=[mw.key(w.other_guardian)])
    await _presence(w.child, w.school.id, "Gitte")
    await _presence(w.other_child, w.school.id, "Olga")
    form = await Form.create(group=w.class_2a, author=w.teacher, title="Skovtur", deadline=NOW + timedelta(days=3),
                             created_at=NOW, questions=[{"id": "q1", "text": "Allergier?"}])
    await FormAnswer.create(form=form, child=w.child, guardian=w.guardian, answers={"q1": "Ingen nødder"},
                            answered_at=NOW)
    await FormAnswer.create(form=form, child=w.other_child, guardian=w.other_guardian,
                            answers={"q1": "Olgas eget svar om mælk"}, answered_at=NOW)


def _unzip(body: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


async def test_a_guardians_export_holds_their_messages_and_their_childs_presence_and_nothing_of_other_families(
        mw: MessagesWorld) -> None:
    await _family_world(mw)
    w = mw.w
    high = await actor_of(w.guardian, Role.PARENT, "3")  # full CPR numbers need level 3 (see the tests below)
    with count_queries() as queries:
        files = _unzip(await build_export(high, w.guardian.id, now=NOW))
    folder = f"children/Anna-{w.child.id}/"
    assert {"README.txt", "person.json", "messages.json", "audit.json", folder + "presence.json"} <= set(files)
    assert f"children/Bo-{w.sibling.id}/person.json" in files
    me = json.loads(files["person.json"])
    assert (me["first_name"], me["cpr"]) == ("Gitte", w.guardian.cpr)
    threads = {t["subject"]: t for t in json.loads(files["messages.json"])["threads"]}
    assert set(threads) == {"Tur i skoven", "Om Anna"}
    assert [(m["sender"], m["body"]) for m in threads["Om Anna"]["messages"]] == [("Tina Testesen",
                                                                                   "Anna var glad i dag")]
    presence = json.loads(files[folder + "presence.json"])
    assert [(d["day"], d["status"], d["institution"]) for d in presence["days"]] == [
        (NOW.date().isoformat(), "til_stede", "Testskolen")]
    assert [c["to"] for c in presence["changes"]] == ["til_stede"]
    answers = json.loads(files[folder + "forms.json"])["answers"]
    assert [(a["answers"], a["answered_by_me"]) for a in answers] == [({"q1": "Ingen nødder"}, True)]
    assert json.loads(files[folder + "person.json"])["cpr"] == w.child.cpr
    everything = "\n".join(files.values())
    for secret in ("Carl", "Olga", "Finn", "mælk", w.other_child.cpr, w.other_guardian.cpr,
                   w.former_guardian.cpr):
        assert secret and secret not in everything, secret
    entry = await AuditEntry.filter(action="gdpr.export").order_by("-id").first()
    assert entry is not None and (entry.outcome, entry.concerned_person_id) == ("allowed", w.guardian.id)
    # Batched per area: one more thread, message and presence day cost no more statements.
    await service.do_send(mw.teacher, subject="Om Anna igen", body="Madpakken blev glemt", now=NOW,
                          recipient_keys=[mw.key(w.guardian)])
    await PresenceDay.create(person=w.child, institution_id=w.school.id, day=NOW.date() - timedelta(days=1),
                             status=Status.PICKED_UP, changed_at=NOW, changed_by="Tina")
    with count_queries() as again:
        files = _unzip(await build_export(high, w.guardian.id, now=NOW))
    assert "Madpakken blev glemt" in files["messages.json"] and len(again) == len(queries) < 90


async def test_the_admin_exports_anyone_another_parent_is_refused_and_the_refusal_is_audited(
        mw: MessagesWorld) -> None:
    w = mw.w
    admin = await actor_of(w.admin, Role.ADMIN)
    files = _unzip(await build_export(admin, w.guardian.id, now=NOW))
    assert json.loads(files["person.json"])["first_name"] == "Gitte"
    with pytest.raises(AccessDenied):
        await build_export(mw.other_guardian, w.guardian.id, now=NOW)
    elsewhere = await person(await Municipality.create(code="X1", name="Andenby"), "Gitte")
    with pytest.raises(AccessDenied):
        await build_export(admin, elsewhere.id, now=NOW)
    refused = await AuditEntry.filter(action="gdpr.export", outcome="refused").order_by("id").first()
    assert refused is not None and (refused.actor_person_id, refused.concerned_person_id) == (
        w.other_guardian.id, w.guardian.id)
    # A former guardian's export has no folder for the child they no longer have custody of.
    former = _unzip(await build_export(mw.former, w.former_guardian.id, now=NOW))
    assert not [name for name in former if name.startswith("children/")]
    assert json.loads(former["relations.json"])["children_in_custody"][0]["current"] is False


async def _sensitive_world(mw: MessagesWorld) -> None:
    """A sensitive message and an ordinary one to Gitte, and a sensitive draft of her own."""
    w = mw.w
    await service.do_send(mw.teacher, subject="Om Anna hos lægen", body="Anna får medicin for epilepsi", now=NOW,
                          recipient_keys=[mw.key(w.guardian)], sensitive=True)
    await service.do_send(mw.teacher, subject="Tur i skoven", body="Husk gummistøvler", now=NOW,
                          recipient_keys=[mw.key(w.guardian)])
    await drafts.do_save_draft(mw.guardian, draft_id=None, thread_id=None, subject="Til PPR",
                               body="Vores skilsmisse fylder", recipient_keys=[mw.key(w.teacher)], sensitive=True,
                               now=NOW)


async def test_an_export_at_level_2_leaves_out_sensitive_text_and_full_cpr_numbers_and_says_how_to_get_them(
        mw: MessagesWorld) -> None:
    await _sensitive_world(mw)
    w = mw.w
    files = _unzip(await build_export(mw.guardian, w.guardian.id, now=NOW))
    everything = "\n".join(files.values())
    for secret in ("epilepsi", "skilsmisse", w.guardian.cpr, w.child.cpr, w.sibling.cpr):
        assert secret and secret not in everything, secret
    threads = {t["subject"]: t for t in json.loads(files["messages.json"])["threads"]}
    assert [(m["body"], m["sensitive"]) for m in threads["Om Anna hos lægen"]["messages"]] == [
        (SENSITIVE_WITHHELD, True)]
    assert [m["body"] for m in threads["Tur i skoven"]["messages"]] == ["Husk gummistøvler"]
    assert [d["body"] for d in json.loads(files["messages.json"])["drafts"]] == [SENSITIVE_WITHHELD]
    me = json.loads(files["person.json"])
    assert (me["cpr"], me["cpr_note"]) == (f"{(w.guardian.cpr or '')[:6]}-XXXX", CPR_WITHHELD)
    anna = json.loads(files[f"children/Anna-{w.child.id}/person.json"])
    assert (anna["cpr"], anna["cpr_note"]) == ("150318-XXXX", CPR_WITHHELD)
    assert "niveau 3" in files["README.txt"] and "level 3" in files["README.txt"]
    # The municipality's admin at level 2 gets no more than the person would.
    admin = _unzip(await build_export(await actor_of(w.admin, Role.ADMIN), w.guardian.id, now=NOW))
    assert "epilepsi" not in "\n".join(admin.values()) and (w.guardian.cpr or "-") not in "\n".join(admin.values())


async def test_an_export_at_level_3_holds_sensitive_text_and_full_cpr_numbers(mw: MessagesWorld) -> None:
    await _sensitive_world(mw)
    w = mw.w
    files = _unzip(await build_export(await actor_of(w.guardian, Role.PARENT, "3"), w.guardian.id, now=NOW))
    threads = {t["subject"]: t for t in json.loads(files["messages.json"])["threads"]}
    assert [m["body"] for m in threads["Om Anna hos lægen"]["messages"]] == ["Anna får medicin for epilepsi"]
    assert [d["body"] for d in json.loads(files["messages.json"])["drafts"]] == ["Vores skilsmisse fylder"]
    me = json.loads(files["person.json"])
    assert me["cpr"] == w.guardian.cpr and "cpr_note" not in me
    assert json.loads(files[f"children/Anna-{w.child.id}/person.json"])["cpr"] == w.child.cpr
    assert SENSITIVE_WITHHELD not in "\n".join(files.values())


async def _teenager(w: World) -> Person:
    """A 14-year-old in 2.A's school who signs in himself."""
    m = await Municipality.get(id=w.school.municipality_id)
    teen = await person(m, "Emil", child=True, born=w.today - timedelta(days=14 * 365 + 10), subject="t-emil",
                        cpr="0112121237")
    await Enrolment.create(child=teen, institution=w.school, group=w.class_2a, start=w.today - timedelta(days=300))
    return teen


async def test_a_14_year_olds_own_export_at_level_2_masks_his_cpr_number(mw: MessagesWorld) -> None:
    teen = await _teenager(mw.w)
    low = _unzip(await build_export(await actor_of(teen, Role.CHILD), teen.id, now=NOW))
    assert "0112121237" not in "\n".join(low.values())
    assert json.loads(low["person.json"])["cpr"] == "011212-XXXX"
    high = _unzip(await build_export(await actor_of(teen, Role.CHILD, "3"), teen.id, now=NOW))
    assert json.loads(high["person.json"])["cpr"] == "0112121237"
