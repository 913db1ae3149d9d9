"""Samtykker: /samtykker (guardians; staff get their groups), /kommune/samtykker (the admin), a group's overview."""

from __future__ import annotations

from domain.clock import utcnow
from domain.errors import DomainError
from domain.gdpr.consents import group_consents
from domain.identity.model import Actor, Role
from ui.frame import frame, refusal
from ui.gdpr import photo_route
from ui.gdpr.consents_admin import types_page
from ui.gdpr.consents_parent import family_page
from ui.gdpr.consents_staff import group_page, staff_groups
from ui.guard import page
from ui.i18n import t

STAFF_ROLES = frozenset({Role.STAFF, Role.LEADER, Role.ADMIN})


def _refused(actor: Actor, error: DomainError) -> None:
    with frame(actor, t("error.title")):
        refusal(error.key)


def register() -> None:
    """Add /samtykker, /samtykker/gruppe/{group_id}, /kommune/samtykker and the photo route /foto/{child_id}."""
    photo_route.register()


@page("/samtykker", Role.PARENT, Role.STAFF, Role.LEADER)
async def consents_route(actor: Actor) -> None:
    """A family's consents per child, or the staff's groups to look them up."""
    with frame(actor, t("consents.title")):
        if actor.role is Role.PARENT:
            await family_page(actor)
        else:
            await staff_groups(actor)


@page("/samtykker/gruppe/{group_id}", *STAFF_ROLES)
async def group_route(actor: Actor, group_id: int) -> None:
    """The consents of a group's children, for its staff."""
    try:
        name, children = await group_consents(actor, group_id, utcnow())
    except DomainError as error:
        _refused(actor, error)
        return
    with frame(actor, t("consents.group.title", group=name)):
        group_page(actor, group_id, children, actor.staff_institutions | actor.leader_institutions)


@page("/kommune/samtykker", Role.ADMIN)
async def admin_route(actor: Actor) -> None:
    """The municipality's consent types, defined by the admin."""
    with frame(actor, t("consents.admin.title")):
        await types_page(actor)
