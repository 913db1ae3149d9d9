"""The admin's register of suppliers' widgets: validation (https only), registration, switching on and off."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from tortoise.transactions import in_transaction

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.identity.model import Actor, Role
from domain.text import check_typed_text
from domain.widgets.model import WIDGET_ROLES, Placement
from persistence.organisation import Institution
from persistence.widgets import ExternalWidget, ExternalWidgetInstitution

NAME_MAX, URL_MAX = 120, 500
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1"})


@dataclass(frozen=True)
class WidgetDraft:
    """What the admin typed in the 'Registrér widget' dialog."""

    name: str
    supplier: str
    url: str
    placement: str
    roles: list[str]
    institution_ids: list[int]
    mobile: bool = True


@dataclass(frozen=True)
class SupplierWidget:
    """A registered supplier widget as the admin's list shows it."""

    id: int
    name: str
    supplier: str
    url: str
    placement: Placement
    roles: list[Role]
    institutions: list[str] = field(default_factory=list)
    mobile: bool = True
    active: bool = True


def http_hosts(public_url: str, development: bool) -> frozenset[str]:
    """The hosts allowed over plain http: local ones and Sammen's own, and only in development."""
    if not development:
        return frozenset()
    own = urlsplit(public_url).hostname
    return LOCAL_HOSTS | ({own} if own else set())


def check_url(url: str, allowed_http: frozenset[str] = frozenset()) -> str:
    """The URL, cleaned, if it is https (or http to an allowed development host); else a DomainError."""
    url = url.strip()
    if not url:
        raise DomainError("extwidget.error.url_required")
    if len(url) > URL_MAX:
        raise DomainError("extwidget.error.too_long", max=URL_MAX)
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 — raises ValueError for a port that is not a number
    except ValueError:
        raise DomainError("extwidget.error.url_invalid") from None
    if not host or parts.username is not None or parts.password is not None or any(c.isspace() for c in url):
        raise DomainError("extwidget.error.url_invalid")
    if parts.scheme == "https" or (parts.scheme == "http" and host in allowed_http):
        return url
    raise DomainError("extwidget.error.url_https")


def _text(value: str, key: str) -> str:
    value = value.strip()
    if not value:
        raise DomainError(key)
    if len(value) > NAME_MAX:
        raise DomainError("extwidget.error.too_long", max=NAME_MAX)
    return value


def _roles(values: list[str]) -> list[str]:
    allowed = {r.value for r in WIDGET_ROLES}
    if not values:
        raise DomainError("extwidget.error.no_roles")
    if any(v not in allowed for v in values):
        raise DomainError("extwidget.error.unknown_role")
    return [r.value for r in Role if r.value in set(values)]


async def check_draft(draft: WidgetDraft, allowed_http: frozenset[str]) -> WidgetDraft:
    """The draft cleaned, or a DomainError naming the first problem (1 query)."""
    name = _text(draft.name, "extwidget.error.name_required")
    supplier = _text(draft.supplier, "extwidget.error.supplier_required")
    url = check_url(draft.url, allowed_http)
    if draft.placement not in {p.value for p in Placement}:
        raise DomainError("extwidget.error.placement")
    roles = _roles(list(draft.roles))
    ids = sorted(set(draft.institution_ids))
    if not ids:
        raise DomainError("extwidget.error.no_institutions")
    if await Institution.filter(id__in=ids).count() != len(ids):
        raise DomainError("extwidget.error.unknown_institution")
    return WidgetDraft(name, supplier, url, draft.placement, roles, ids, draft.mobile)


async def do_register_widget(actor: Actor, draft: WidgetDraft, now: datetime, *,
                             allowed_http: frozenset[str] = frozenset()) -> int:
    """Register a supplier widget (admin only) and return its id; bad input changes nothing."""
    check_typed_text(draft)
    await audit.check(access.can_administer_municipality(actor), actor, "administer_widgets")
    clean = await check_draft(draft, allowed_http)
    async with in_transaction():
        widget = await ExternalWidget.create(name=clean.name, supplier=clean.supplier, url=clean.url,
                                             placement=clean.placement, roles=clean.roles, mobile=clean.mobile,
                                             active=True, created_at=now)
        await ExternalWidgetInstitution.bulk_create(
            [ExternalWidgetInstitution(widget_id=widget.id, institution_id=i) for i in clean.institution_ids])
    await audit.record("register_widget", audit.ALLOWED, actor=actor, detail=f"widget:{widget.id}")
    return int(widget.id)


async def do_set_widget_active(actor: Actor, widget_id: int, active: bool) -> None:
    """Switch a supplier widget on or off everywhere (admin only)."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_widgets")
    if not await ExternalWidget.filter(id=widget_id).update(active=active):
        raise NotFound("error.not_found")
    await audit.record("widget_active", audit.ALLOWED, actor=actor, detail=f"widget:{widget_id}:{active}")


async def list_widgets(actor: Actor) -> list[SupplierWidget]:
    """Every registered supplier widget, by name, with its institutions' names (admin only; 2 queries)."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_widgets")
    widgets = await ExternalWidget.all().order_by("name", "id")
    names: dict[int, list[str]] = {w.id: [] for w in widgets}
    for widget_id, name in await ExternalWidgetInstitution.filter(widget_id__in=list(names)) \
            .order_by("institution__name").values_list("widget_id", "institution__name"):
        names[int(widget_id)].append(str(name))
    return [SupplierWidget(w.id, w.name, w.supplier, w.url, Placement(w.placement), [Role(r) for r in w.roles],
                           names[w.id], w.mobile, w.active) for w in widgets]


async def institution_choices(actor: Actor) -> list[tuple[int, str]]:
    """The active institutions a widget can be registered for, by name (admin only)."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_widgets")
    rows = await Institution.filter(active=True).order_by("name").values_list("id", "name")
    return [(int(i), str(n)) for i, n in rows]
