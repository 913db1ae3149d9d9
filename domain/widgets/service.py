"""Which widgets an actor sees, in which order; the admin's enablement; each person's own layout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.ids import parse_id
from domain.organisation.model import InstitutionKind
from domain.widgets.model import WIDGET_ROLES, Placement, WidgetSlot, builtin_key, external_key
from domain.widgets.registry import REGISTRY, WidgetContext
from persistence.organisation import Institution
from persistence.people import Enrolment
from persistence.queries import active_on, ints
from persistence.widgets import ExternalWidget, ExternalWidgetInstitution, WidgetLayout, WidgetSetting


async def context_for(actor: Actor, today: date) -> WidgetContext:
    """The institutions that count for an actor's widgets: their children's, or their workplaces."""
    if actor.role is Role.PARENT:
        ids = set(ints(await Enrolment.filter(active_on(today), child_id__in=list(actor.guardian_of))
                       .values_list("institution_id", flat=True)))
    elif actor.role is Role.CHILD:
        ids = set(ints(await Enrolment.filter(active_on(today), child_id=actor.person_id)
                       .values_list("institution_id", flat=True)))
    else:
        ids = set(actor.staff_institutions)
    kinds = {int(i): InstitutionKind(k) for i, k in await Institution.filter(id__in=list(ids), active=True)
             .values_list("id", "kind")}
    children = frozenset({actor.person_id}) if actor.role is Role.CHILD else actor.guardian_of
    return WidgetContext(today, frozenset(kinds), frozenset(kinds.values()), kinds, children)


async def widget_context(actor: Actor, name: str, ctx: WidgetContext) -> WidgetContext:
    """The actor's context cut to the institutions where a built-in widget is on for their role (2 queries).

    A family with children in two institutions sees a widget switched off at one of them only for the other,
    and only with the children enrolled there.
    """
    spec = REGISTRY[name].spec
    off = {i for _, i in await _disabled([builtin_key(name)], ctx, actor.role)}
    on = {i: k for i, k in ctx.kind_of.items() if i not in off and (spec.kinds is None or k in spec.kinds)}
    children = set(ints(await Enrolment.filter(active_on(ctx.today), child_id__in=sorted(ctx.child_ids),
                                               institution_id__in=sorted(on)).values_list("child_id", flat=True))) \
        if on and ctx.child_ids else set()
    return WidgetContext(ctx.today, frozenset(on), frozenset(on.values()), on, frozenset(children))


async def load_builtin(actor: Actor, name: str, ctx: WidgetContext) -> Any:
    """A built-in widget's data for the actor, drawn only from institutions where it is switched on."""
    return await REGISTRY[name]().load(actor, await widget_context(actor, name, ctx))


async def _disabled(keys: list[str], ctx: WidgetContext, role: Role) -> set[tuple[str, int]]:
    rows = await WidgetSetting.filter(widget_key__in=keys, institution_id__in=list(ctx.institution_ids),
                                      role=role.value, enabled=False).values_list("widget_key", "institution_id")
    return {(str(k), int(i)) for k, i in rows}


async def available(actor: Actor, ctx: WidgetContext) -> list[WidgetSlot]:
    """Every widget this actor may see, before their own order and hiding (4 queries)."""
    if actor.role not in WIDGET_ROLES:
        return []
    builtins = [cls.spec for cls in REGISTRY.values() if cls.spec.serves(actor.role, ctx.kinds)]
    externals = await ExternalWidget.filter(active=True, institutions__institution_id__in=list(ctx.institution_ids)) \
        .distinct()
    externals = [w for w in externals if actor.role.value in w.roles]
    where: dict[int, set[int]] = {w.id: set() for w in externals}
    for widget_id, inst_id in await ExternalWidgetInstitution.filter(
            widget_id__in=list(where), institution_id__in=list(ctx.institution_ids)).values_list(
            "widget_id", "institution_id"):
        where[int(widget_id)].add(int(inst_id))
    keys = [builtin_key(s.name) for s in builtins] + [external_key(w.id) for w in externals]
    off = await _disabled(keys, ctx, actor.role)
    slots: list[WidgetSlot] = []
    for spec in builtins:
        served = [i for i, k in ctx.kind_of.items() if spec.kinds is None or k in spec.kinds]
        if any((builtin_key(spec.name), i) not in off for i in served):
            slots.append(WidgetSlot(builtin_key(spec.name), spec.name, spec.name, spec.placement, spec.mobile, False))
    for w in externals:
        if any((external_key(w.id), i) not in off for i in where[w.id]):
            slots.append(WidgetSlot(external_key(w.id), "external", w.name, Placement(w.placement), w.mobile, False,
                                    w.url, w.id))
    return slots


@dataclass(frozen=True)
class Overview:
    """An actor's widgets in their order, with the hidden ones flagged."""

    context: WidgetContext
    slots: list[WidgetSlot]

    def shown(self, placement: Placement) -> list[WidgetSlot]:
        """The visible widgets of one column, in order."""
        return [s for s in self.slots if s.placement is placement and not s.hidden]


async def overview(actor: Actor, today: date) -> Overview:
    """The actor's widgets, ordered and hidden as they chose."""
    ctx = await context_for(actor, today)
    slots = await available(actor, ctx)
    layout = await WidgetLayout.get_or_none(person_id=actor.person_id, role=actor.role.value)
    order: list[str] = list(layout.order) if layout else []
    hidden = set(layout.hidden) if layout else set()
    rank = {key: i for i, key in enumerate(order)}
    default = {s.key: i for i, s in enumerate(slots)}  # registration order, suppliers' widgets last
    slots.sort(key=lambda s: (rank.get(s.key, len(rank)), default[s.key]))
    return Overview(ctx, [WidgetSlot(s.key, s.name, s.title, s.placement, s.mobile, s.key in hidden, s.external_url,
                                     s.external_id) for s in slots])


async def do_save_layout(actor: Actor, today: date, order: list[str], hidden: list[str]) -> None:
    """Store the actor's order and hidden widgets; a key they may not see is refused and nothing changes."""
    allowed = {s.key for s in await available(actor, await context_for(actor, today))}
    unknown = (set(order) | set(hidden)) - allowed
    if unknown:
        await audit.record("widget_layout", audit.REFUSED, actor=actor, detail="not_visible")
        raise DomainError("widget.error.not_visible")
    updated = await WidgetLayout.filter(person_id=actor.person_id, role=actor.role.value).update(
        order=order, hidden=sorted(set(hidden)))
    if not updated:
        await WidgetLayout.create(person_id=actor.person_id, role=actor.role.value, order=order,
                                  hidden=sorted(set(hidden)))


@dataclass(frozen=True)
class EnablementView:
    """For the admin: every widget key, institution and role, and what is switched off."""

    keys: list[tuple[str, str]]
    institutions: list[tuple[int, str, InstitutionKind]]
    roles: list[Role]
    disabled: set[tuple[str, int, str]]
    applies: set[tuple[str, int, str]]

    def switchable(self, key: str, institution_id: int, role: Role) -> bool:
        """Whether the widget is meant for this role at this institution at all."""
        return (key, institution_id, role.value) in self.applies


async def enablement(actor: Actor) -> EnablementView:
    """The admin's page of switches."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_widgets")
    externals = await ExternalWidget.filter(active=True).order_by("name")
    keys = [(builtin_key(name), name) for name in sorted(REGISTRY)] + [(external_key(w.id), w.name) for w in externals]
    institutions = [(int(i), str(n), InstitutionKind(k)) for i, n, k in
                    await Institution.filter(active=True).order_by("name").values_list("id", "name", "kind")]
    off = {(str(k), int(i), str(r)) for k, i, r in
           await WidgetSetting.filter(enabled=False).values_list("widget_key", "institution_id", "role")}
    placed = {(int(w), int(i)) for w, i in await ExternalWidgetInstitution.filter(
        widget_id__in=[w.id for w in externals]).values_list("widget_id", "institution_id")}
    roles = sorted(WIDGET_ROLES)
    applies = {(builtin_key(name), i, r.value) for name, cls in REGISTRY.items() for i, _n, kind in institutions
               for r in roles if cls.spec.serves(r, frozenset({kind}))}
    applies |= {(external_key(w.id), i, r.value) for w in externals for i, _n, _k in institutions for r in roles
                if r.value in w.roles and (w.id, i) in placed}
    return EnablementView(keys, institutions, roles, off, applies)


async def widget_exists(key: str) -> bool:
    """Whether a key names a registered built-in widget or an active supplier widget (one query at most)."""
    kind, _, name = key.partition(":")
    if kind == "builtin":
        return name in REGISTRY
    widget_id = parse_id(name) if kind == "ext" else None
    return widget_id is not None and await ExternalWidget.filter(id=widget_id, active=True).exists()


async def do_set_enabled(actor: Actor, key: str, institution_id: int, role: Role, enabled: bool) -> None:
    """Switch a widget on or off for one role at one institution (admin only)."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_widgets")
    if not await widget_exists(key) or role not in WIDGET_ROLES:
        raise DomainError("widget.error.unknown")
    if not await Institution.filter(id=institution_id).exists():
        raise DomainError("widget.error.unknown")
    updated = await WidgetSetting.filter(widget_key=key, institution_id=institution_id, role=role.value).update(
        enabled=enabled)
    if not updated:
        await WidgetSetting.create(widget_key=key, institution_id=institution_id, role=role.value, enabled=enabled)
