"""Links: useful addresses the municipal admin sets per role, everywhere or at one institution."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import Q

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor, Role
from domain.text import check_typed_text
from domain.widgets.builtin.common import check_widget
from domain.widgets.model import WIDGET_ROLES, Placement, WidgetContentChanged, WidgetSpec
from domain.widgets.registry import BuiltinWidget, WidgetContext, register
from persistence.db import transaction
from persistence.organisation import Institution
from persistence.widgets import WidgetLink

MAX_TITLE = 120
MAX_URL = 500


@dataclass(frozen=True)
class Link:
    """A link as the widget shows it."""

    title: str
    url: str


@dataclass(frozen=True)
class Links:
    """The links for one actor, in the admin's order."""

    links: list[Link]


@dataclass(frozen=True)
class AdminLink:
    """A link as the admin manages it."""

    id: int
    title: str
    url: str
    roles: tuple[Role, ...]
    institution_id: int | None
    institution_name: str
    position: int


def valid_url(url: str, dev: bool) -> bool:
    """Only https addresses; in development also http://localhost."""
    return url.startswith("https://") and len(url) > len("https://") or (dev and url.startswith("http://localhost"))


async def links_for(actor: Actor, institution_ids: frozenset[int]) -> Links:
    """The links for the actor's role, global or at one of their institutions, by position (1 query)."""
    rows = await WidgetLink.filter(Q(institution_id__isnull=True) | Q(institution_id__in=list(institution_ids))) \
        .order_by("position", "id").values_list("title", "url", "roles")
    return Links([Link(str(title), str(url)) for title, url, roles in rows if actor.role.value in roles])


async def list_links(actor: Actor) -> list[AdminLink]:
    """Every link, for the admin, by position."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_links")
    rows = await WidgetLink.all().order_by("position", "id").values_list(
        "id", "title", "url", "roles", "institution_id", "institution__name", "position")
    return [AdminLink(int(i), str(title), str(url), tuple(Role(r) for r in roles),
                      int(inst) if inst is not None else None, str(name or ""), int(pos))
            for i, title, url, roles, inst, name, pos in rows]


async def link_institutions(actor: Actor) -> list[tuple[int, str]]:
    """The active institutions a link may be limited to, by name (admin only)."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_links")
    rows = await Institution.filter(active=True).order_by("name").values_list("id", "name")
    return [(int(i), str(n)) for i, n in rows]


async def do_save_link(actor: Actor, title: str, url: str, roles: list[Role], institution_id: int | None,
                       position: int, *, dev: bool = False) -> AdminLink:
    """Add a link (admin only): a title, an https address, at least one role."""
    check_typed_text(title, url)
    await audit.check(access.can_administer_municipality(actor), actor, "administer_links")
    title, url = title.strip(), url.strip()
    if not title or len(title) > MAX_TITLE:
        raise DomainError("links.error.title", max=MAX_TITLE)
    if not valid_url(url, dev) or len(url) > MAX_URL or any(c.isspace() for c in url):
        raise DomainError("links.error.url")
    try:
        wanted = {Role(r) for r in roles}
    except ValueError as error:
        raise DomainError("links.error.roles") from error
    chosen = sorted(wanted & WIDGET_ROLES)
    if not chosen or len(chosen) != len(wanted):
        raise DomainError("links.error.roles")
    name = ""
    if institution_id is not None:
        institution = await Institution.get_or_none(id=institution_id, active=True)
        if institution is None:
            raise NotFound("links.error.institution")
        name = institution.name
    async with committing(transaction) as outbox:
        row = await WidgetLink.create(title=title, url=url, roles=[r.value for r in chosen],
                                      institution_id=institution_id, position=position)
        outbox.add(WidgetContentChanged("links", institution_id))
    return AdminLink(row.id, title, url, tuple(chosen), institution_id, name, position)


async def do_delete_link(actor: Actor, link_id: int) -> None:
    """Remove a link (admin only)."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_links")
    async with committing(transaction) as outbox:
        if not await WidgetLink.filter(id=link_id).delete():
            raise NotFound("links.error.not_found")
        outbox.add(WidgetContentChanged("links", None))


@register
class LinksWidget(BuiltinWidget):
    """The admin's links for the actor's role and institutions."""

    spec = WidgetSpec("links", frozenset({Role.PARENT, Role.STAFF, Role.LEADER, Role.CHILD}), None,
                      Placement.SIDE, True)

    async def load(self, actor: Actor, context: WidgetContext) -> Links:
        """The links, in order."""
        await check_widget(actor, self.spec)
        return await links_for(actor, context.institution_ids)
