"""Suppliers' widget tokens on SQLite and PostgreSQL: contents, signature, refusals, history, the demo supplier."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import KeySet

from domain.clock import protocol_seconds, today_local, utcnow
from domain.errors import AccessDenied, DomainError
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.settings import load_settings
from domain.widgets import service
from domain.widgets.keys import WidgetSigner, generate_signer
from domain.widgets.model import external_key
from domain.widgets.suppliers import WidgetDraft, do_register_widget, do_set_widget_active, list_widgets
from domain.widgets.tokens import do_issue_token, token_history
from persistence.audit import AuditEntry
from persistence.people import Custody, Person
from persistence.widgets import WidgetSetting, WidgetTokenRecord
from tests.factory import World, build_world
from ui.widgets.api import routes

ISSUER = "https://sammen.test"
SIGNER: WidgetSigner = generate_signer()


async def actor_for(p: Person, role: Role) -> Actor:
    """The person acting in one role today."""
    facts = await load_person_facts(p.id, today_local())
    assert facts is not None and role in facts.roles
    return facts.actor(role, "2")


async def register(w: World, institution_ids: list[int], name: str = "Bibliotek") -> int:
    """A supplier widget for parents, staff and children at these institutions."""
    admin = await actor_for(w.admin, Role.ADMIN)
    return await do_register_widget(admin, WidgetDraft(name, "Leverandør A/S", "https://w.example.dk/bib", "side",
                                                       ["parent", "staff", "child"], institution_ids), utcnow())


async def issue(actor: Actor, widget_id: int, now: datetime | None = None) -> str:
    """A token as the Overblik page would get it."""
    ctx = await service.context_for(actor, today_local())
    return await do_issue_token(actor, widget_id, ctx, now or utcnow(), issuer=ISSUER, signer=SIGNER)


async def verified(token: str, widget_id: int) -> dict[str, Any]:
    """The claims, checked as a supplier checks them against the JWKS Sammen publishes over HTTP."""
    async with client() as http:
        jwks = (await http.get("/api/widgets/jwks")).json()
    decoded = jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["RS256"])
    assert decoded.header["kid"] == SIGNER.kid and decoded.header["alg"] == "RS256"
    jwt.JWTClaimsRegistry(iss={"essential": True, "value": ISSUER}, exp={"essential": True},
                          aud={"essential": True, "value": f"sammen-widget:{widget_id}"}).validate(decoded.claims)
    return dict(decoded.claims)


def client() -> httpx.AsyncClient:
    """HTTP to the widget routes over ASGI, as a supplier would reach them."""
    api = FastAPI()
    api.include_router(routes(load_settings({"PUBLIC_URL": ISSUER}), SIGNER))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url=ISSUER)


async def test_a_guardian_gets_a_signed_minimal_token_with_pseudonymous_children(database: str) -> None:
    w = await build_world()
    widget_id = await register(w, [w.school.id, w.kindergarten.id])
    now = utcnow()
    claims = await verified(await issue(await actor_for(w.guardian, Role.PARENT), widget_id, now), widget_id)
    assert claims["iss"] == ISSUER and claims["aud"] == f"sammen-widget:{widget_id}"
    # iat follows the machine's clock, which the supplier checks against, whatever instant the test chose for Sammen.
    assert claims["exp"] - claims["iat"] == 60 and abs(claims["iat"] - protocol_seconds()) <= 5 and claims["jti"]
    assert claims["role"] == "parent"
    assert sorted(claims["institutions"]) == sorted([w.school.number, w.kindergarten.number])
    assert sorted(claims["children"]) == sorted([SIGNER.pseudonym(widget_id, w.child.id),
                                                 SIGNER.pseudonym(widget_id, w.sibling.id)])
    assert set(claims) == {"iss", "aud", "iat", "exp", "jti", "role", "institutions", "children"}
    record = await WidgetTokenRecord.get(widget_id=widget_id, person_id=w.guardian.id)
    assert (record.role, record.claims, record.children) == ("parent", ["children", "institutions", "role"], 2)


async def test_staff_get_role_and_institutions_but_no_children(database: str) -> None:
    w = await build_world()
    widget_id = await register(w, [w.school.id])
    claims = await verified(await issue(await actor_for(w.teacher, Role.STAFF), widget_id), widget_id)
    assert (claims["role"], claims["institutions"]) == ("staff", [w.school.number])
    assert "children" not in claims


async def test_no_token_ever_carries_a_cpr_number_name_or_birth_date(database: str) -> None:
    w = await build_world()
    widgets = [await register(w, [w.school.id, w.kindergarten.id], name=f"W{i}") for i in range(2)]
    people = await Person.all()
    exact = {str(v) for p in people for v in (p.cpr, p.first_name, p.last_name) if v}
    exact |= {f"{p.first_name} {p.last_name}" for p in people}
    dates = {p.birth_date for p in people if p.birth_date}
    needles = {p.cpr for p in people if p.cpr} | {"Testesen"} | {p.first_name for p in people
                                                                if len(p.first_name) >= 4}
    needles |= {f(d) for d in dates for f in (lambda d: d.isoformat(), lambda d: d.strftime("%d.%m.%Y"),
                                              lambda d: f"{d.day}.{d.month}.{d.year}", lambda d: d.strftime("%d%m%y"),
                                              lambda d: d.strftime("%d%m%Y"))}
    guardians = {int(g) for g in await Custody.all().values_list("guardian_id", flat=True)}
    issued = 0
    for guardian in await Person.filter(id__in=list(guardians)):
        facts = await load_person_facts(guardian.id, today_local())
        if facts is None or Role.PARENT not in facts.roles:
            continue
        for widget_id in widgets:
            token = await issue(facts.actor(Role.PARENT, "2"), widget_id)
            claims = await verified(token, widget_id)
            values = [claims[k] for k in claims]
            flat = [str(v) for v in values if not isinstance(v, list)] + [str(x) for v in values
                                                                       if isinstance(v, list) for x in v]
            assert not exact & set(flat), claims
            payload = json.dumps(claims, ensure_ascii=False) + token
            assert not [n for n in needles if n in payload], claims
            issued += 1
    assert issued == 4  # the two current guardians, two widgets each (the former guardian has no custody today)
    children = [await verified(await issue(await actor_for(w.guardian, Role.PARENT), i), i) for i in widgets]
    assert not set(children[0]["children"]) & set(children[1]["children"])  # two widgets cannot link a child


async def test_a_widget_switched_off_for_the_role_is_refused_and_leaves_no_record(database: str) -> None:
    w = await build_world()
    widget_id = await register(w, [w.school.id, w.kindergarten.id])
    await WidgetSetting.create(widget_key=external_key(widget_id), institution=w.school, role="parent", enabled=False)
    with pytest.raises(DomainError) as refused:
        await issue(await actor_for(w.other_guardian, Role.PARENT), widget_id)
    assert refused.value.key == "extwidget.error.not_visible"
    assert not await WidgetTokenRecord.filter(person_id=w.other_guardian.id).exists()
    assert await AuditEntry.filter(action="widget_token", outcome="refused").exists()
    # Gitte still sees it through the kindergarten: the school and its child are then left out.
    claims = await verified(await issue(await actor_for(w.guardian, Role.PARENT), widget_id), widget_id)
    assert claims["institutions"] == [w.kindergarten.number]
    assert claims["children"] == [SIGNER.pseudonym(widget_id, w.sibling.id)]


async def test_a_widget_not_registered_for_the_institution_or_switched_off_is_refused(database: str) -> None:
    w = await build_world()
    widget_id = await register(w, [w.kindergarten.id])
    with pytest.raises(DomainError):
        await issue(await actor_for(w.other_guardian, Role.PARENT), widget_id)
    with pytest.raises(DomainError):
        await issue(await actor_for(w.guardian, Role.PARENT), 999_999)
    await do_set_widget_active(await actor_for(w.admin, Role.ADMIN), widget_id, False)
    with pytest.raises(DomainError):
        await issue(await actor_for(w.guardian, Role.PARENT), widget_id)
    assert await WidgetTokenRecord.all().count() == 0


async def test_token_history_shows_exactly_the_tokens_issued_newest_first(database: str) -> None:
    w = await build_world()
    first, second = await register(w, [w.school.id], "Først"), await register(w, [w.kindergarten.id], "Sidst")
    gitte = await actor_for(w.guardian, Role.PARENT)
    start = utcnow() - timedelta(minutes=5)
    await issue(gitte, first, start)
    await issue(gitte, second, start + timedelta(minutes=1))
    await issue(await actor_for(w.other_guardian, Role.PARENT), first)
    history = await token_history(gitte)
    assert [(h.widget, h.supplier, h.children) for h in history] == [("Sidst", "Leverandør A/S", 1),
                                                                     ("Først", "Leverandør A/S", 1)]
    assert history[0].at == start + timedelta(minutes=1) and history[0].claims == ["children", "institutions", "role"]
    assert await token_history(await actor_for(w.teacher, Role.STAFF)) == []


async def test_only_the_admin_registers_widgets_and_bad_drafts_change_nothing(database: str) -> None:
    w = await build_world()
    with pytest.raises(AccessDenied):
        await do_register_widget(await actor_for(w.teacher, Role.STAFF), WidgetDraft(
            "X", "Y", "https://x.dk", "side", ["parent"], [w.school.id]), utcnow())
    admin = await actor_for(w.admin, Role.ADMIN)
    bad = [("", "Y", "https://x.dk", "side", ["parent"], [w.school.id], "name_required"),
           ("X", "", "https://x.dk", "side", ["parent"], [w.school.id], "supplier_required"),
           ("X", "Y", "http://x.dk", "side", ["parent"], [w.school.id], "url_https"),
           ("X", "Y", "https://x.dk", "top", ["parent"], [w.school.id], "placement"),
           ("X", "Y", "https://x.dk", "side", [], [w.school.id], "no_roles"),
           ("X", "Y", "https://x.dk", "side", ["admin"], [w.school.id], "unknown_role"),
           ("X", "Y", "https://x.dk", "side", ["parent"], [], "no_institutions"),
           ("X", "Y", "https://x.dk", "side", ["parent"], [999_999], "unknown_institution")]
    for name, supplier, url, placement, roles, places, key in bad:
        with pytest.raises(DomainError) as refused:
            await do_register_widget(admin, WidgetDraft(name, supplier, url, placement, roles, places), utcnow())
        assert refused.value.key == f"extwidget.error.{key}"
    assert await list_widgets(admin) == []


async def test_the_demo_supplier_accepts_a_fresh_token_and_refuses_expired_and_foreign_ones(database: str) -> None:
    w = await build_world()
    widget_id = await register(w, [w.school.id, w.kindergarten.id])
    other_id = await register(w, [w.school.id], "Anden")
    gitte = await actor_for(w.guardian, Role.PARENT)
    async with client() as http:
        fresh = await http.get("/demo-widget", params={"token": await issue(gitte, widget_id), "widget": widget_id})
        assert fresh.status_code == 200
        assert "Hej forælder" in fresh.text and "2 børn" in fresh.text and w.school.number in fresh.text
        assert "Gitte" not in fresh.text and "no-referrer" in fresh.headers["referrer-policy"]
        stale = {**jwt.decode(await issue(gitte, widget_id), KeySet.import_key_set(SIGNER.jwks())).claims,
                 "exp": int(protocol_seconds()) - 60}
        old = jwt.encode({"alg": "RS256", "kid": SIGNER.kid}, stale, SIGNER.key)
        expired = await http.get("/demo-widget", params={"token": old, "widget": widget_id})
        assert (expired.status_code, "Token er udløbet" in expired.text) == (401, True)
        foreign = await http.get("/demo-widget", params={"token": await issue(gitte, other_id), "widget": widget_id})
        assert (foreign.status_code, "Token er ikke til denne widget" in foreign.text) == (401, True)
        forged_by = generate_signer()
        claims = {"iss": ISSUER, "aud": f"sammen-widget:{widget_id}", "exp": int(protocol_seconds()) + 60,
                  "role": "<script>alert(1)</script>"}
        forged = jwt.encode({"alg": "RS256", "kid": SIGNER.kid}, claims, forged_by.key)
        refused = await http.get("/demo-widget", params={"token": forged, "widget": widget_id})
        assert refused.status_code == 401 and "<script>" not in refused.text
        assert (await http.get("/demo-widget")).status_code == 401
