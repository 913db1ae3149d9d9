"""Signed tokens for suppliers' widgets: minimal, pseudonymous claims, and a record of each one given out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from joserfc import jwt

from domain.audit import service as audit
from domain.clock import protocol_seconds
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.widgets import service
from domain.widgets.keys import WidgetSigner, load_signer, public_jwks
from domain.widgets.model import external_key
from domain.widgets.registry import WidgetContext
from persistence.organisation import Institution
from persistence.people import Enrolment
from persistence.queries import active_on, ints
from persistence.widgets import ExternalWidgetInstitution, WidgetSetting, WidgetTokenRecord

__all__ = ["TOKEN_LIFETIME", "TokenRecordView", "audience", "do_issue_token", "public_jwks", "token_history"]

TOKEN_LIFETIME = timedelta(seconds=60)


def audience(widget_id: int) -> str:
    """The audience a supplier's widget expects in its tokens."""
    return f"sammen-widget:{widget_id}"


async def _enabled_institutions(actor: Actor, widget_id: int, ctx: WidgetContext) -> list[int]:
    """The actor's institutions where this widget is registered and not switched off for their role."""
    registered = set(ints(await ExternalWidgetInstitution.filter(
        widget_id=widget_id, institution_id__in=list(ctx.institution_ids)).values_list("institution_id", flat=True)))
    off = set(ints(await WidgetSetting.filter(
        widget_key=external_key(widget_id), institution_id__in=list(registered), role=actor.role.value,
        enabled=False).values_list("institution_id", flat=True)))
    return sorted(registered - off)


async def _children(actor: Actor, ctx: WidgetContext, institution_ids: list[int]) -> list[int]:
    """A guardian's children enrolled today where the widget is enabled: the supplier learns of no others."""
    if actor.role is not Role.PARENT or not institution_ids:
        return []
    rows = await Enrolment.filter(active_on(ctx.today), child_id__in=list(ctx.child_ids & actor.guardian_of),
                                  institution_id__in=institution_ids).values_list("child_id", flat=True)
    return sorted(set(ints(rows)))


async def do_issue_token(actor: Actor, widget_id: int, ctx: WidgetContext, now: datetime, *, issuer: str,
                         signer: WidgetSigner | None = None) -> str:
    """A 60-second RS256 token for a widget the actor may see; anything else is refused and nothing recorded."""
    if not any(s.external_id == widget_id for s in await service.available(actor, ctx)):
        await audit.record("widget_token", audit.REFUSED, actor=actor, detail=f"not_visible:{widget_id}")
        raise DomainError("extwidget.error.not_visible")
    signer = signer or load_signer()
    where = await _enabled_institutions(actor, widget_id, ctx)
    numbers = sorted(str(n) for n in await Institution.filter(id__in=where).values_list("number", flat=True))
    data: dict[str, object] = {"role": actor.role.value, "institutions": numbers}
    children = await _children(actor, ctx, where)
    if actor.role is Role.PARENT:
        data["children"] = [signer.pseudonym(widget_id, c) for c in children]
    # iat and exp follow the machine's clock: the supplier checks them against its own, not against Sammen's "now".
    issued = int(protocol_seconds())
    claims = {"iss": issuer, "aud": audience(widget_id), "iat": issued,
              "exp": issued + int(TOKEN_LIFETIME.total_seconds()), "jti": uuid.uuid4().hex, **data}
    token = jwt.encode({"alg": "RS256", "kid": signer.kid, "typ": "JWT"}, claims, signer.key, algorithms=["RS256"])
    await WidgetTokenRecord.create(widget_id=widget_id, person_id=actor.person_id, at=now, role=actor.role.value,
                                   claims=sorted(data), children=len(children))
    return token


@dataclass(frozen=True)
class TokenRecordView:
    """One token a person's widgets were given: which widget, from whom, when, and which kinds of data."""

    widget: str
    supplier: str
    at: datetime
    role: Role
    claims: list[str]
    children: int


async def token_history(actor: Actor, limit: int = 200) -> list[TokenRecordView]:
    """The actor's own token records across their roles, newest first (1 query)."""
    rows = await WidgetTokenRecord.filter(person_id=actor.person_id).select_related("widget") \
        .order_by("-at", "-id").limit(limit)
    return [TokenRecordView(r.widget.name, r.widget.supplier, r.at, Role(r.role), [str(c) for c in r.claims],
                            r.children) for r in rows]
