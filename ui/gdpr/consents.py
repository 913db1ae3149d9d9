"""Samtykker: /samtykker (guardians; staff get their groups), /kommune/samtykker (the admin), a group's overview."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from auth.session import actor_or_redirect
from domain.clock import utcnow
from domain.errors import DomainError
from domain.gdpr.consents import group_consents
from domain.identity.model import Actor, Role
from ui.frame import frame, refusal
from ui.gdpr import photo_route
from ui.gdpr.consents_admin import types_page
from ui.gdpr.consents_parent import family_page
from ui.gdpr.consents_staff import group_page, staff_groups
from ui.guard import wrong_role
from ui.i18n import t

STAFF_ROLES = frozenset({Role.STAFF, Role.LEADER, Role.ADMIN})


def _refused(actor: Actor, error: DomainError) -> None:
    with frame(actor, t("error.title")):
        refusal(error.key)


def register() -> None:
    """Add /samtykker, /samtykker/gruppe/{group_id}, /kommune/samtykker and the photo route /foto/{child_id}."""
    photo_route.register()

    @ui.page("/samtykker")
    async def consents_route(request: Request) -> RedirectResponse | None:
        actor = await actor_or_redirect(request)
        if isinstance(actor, RedirectResponse):
            return actor
        if actor.role not in (Role.PARENT, Role.STAFF, Role.LEADER):
            return wrong_role(actor)
        with frame(actor, t("consents.title")):
            if actor.role is Role.PARENT:
                await family_page(actor)
            else:
                await staff_groups(actor)
        return None

    @ui.page("/samtykker/gruppe/{group_id}")
    async def group_route(request: Request, group_id: int) -> RedirectResponse | None:
        actor = await actor_or_redirect(request)
        if isinstance(actor, RedirectResponse):
            return actor
        if actor.role not in STAFF_ROLES:
            return wrong_role(actor)
        try:
            name, children = await group_consents(actor, group_id, utcnow())
        except DomainError as error:
            _refused(actor, error)
            return None
        with frame(actor, t("consents.group.title", group=name)):
            group_page(actor, group_id, children, actor.staff_institutions | actor.leader_institutions)
        return None

    @ui.page("/kommune/samtykker")
    async def admin_route(request: Request) -> RedirectResponse | None:
        actor = await actor_or_redirect(request)
        if isinstance(actor, RedirectResponse):
            return actor
        if actor.role is not Role.ADMIN:
            return wrong_role(actor)
        with frame(actor, t("consents.admin.title")):
            await types_page(actor)
        return None
