"""Pages declared once with their path and the roles that may open them; the guard runs before every page.

`@page("/kalender/ferie", Role.STAFF, Role.LEADER, Role.PARENT)` on `async def build(actor, ...)` records the page;
`install_pages()` (from ui.app.build) registers every recorded page with NiceGUI behind one guard: no session sends
the browser to the login, another role is sent to its own home, and the builder gets the signed-in actor.
`@public_page(path)` declares a page anyone may open (the login page, the wall screen). A builder that names a
`settings` parameter is handed the app's Settings, so no page reads configuration from anywhere else.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import context, ui

from auth.session import actor_or_redirect
from domain.identity.model import Actor, Role
from domain.settings import Settings
from ui.error_pages import bounded
from ui.i18n import remember_page_language
from ui.metrics.instruments import PAGE_BUILD
from ui.navigation import HOME
from ui.session_guard import mark_signed_in

Builder = TypeVar("Builder", bound=Callable[..., Any])
PUBLIC: frozenset[Role] = frozenset()  # marks a page that needs no login
SIGNED_IN: tuple[Role, ...] = tuple(Role)  # any signed-in role (the page's services decide what each may see)


@dataclass(frozen=True)
class PageSpec:
    """One declared page: where it lives, who may open it (PUBLIC: anyone) and what builds it."""

    path: str
    roles: frozenset[Role]
    build: Callable[..., Any]

    @property
    def public(self) -> bool:
        """Anyone may open it: a declared page names at least one role, a public one none."""
        return not self.roles

    def label(self) -> str:
        """"public" or the roles' names, for listings and tests."""
        return "public" if self.public else ", ".join(sorted(r.value for r in self.roles))


# Declarations, not per-user state: filled when the page modules are imported (or their register() runs), keyed by
# path so that building the app again (every UI test does) replaces instead of adding.
PAGES: dict[str, PageSpec] = {}


def page(path: str, *roles: Role) -> Callable[[Builder], Builder]:
    """Declare a page that signed-in people with one of `roles` may open; its builder takes the actor first."""
    if not roles:
        raise ValueError(f"{path}: a page names the roles that may open it (or is a public_page)")

    def declare(build: Builder) -> Builder:
        PAGES[path] = PageSpec(path, frozenset(roles), build)
        return build

    return declare


def public_page(path: str) -> Callable[[Builder], Builder]:
    """Declare a page that needs no login; its builder takes the page's own parameters only."""

    def declare(build: Builder) -> Builder:
        PAGES[path] = PageSpec(path, PUBLIC, build)
        return build

    return declare


def wrong_role(actor: Actor) -> RedirectResponse:
    """Send the actor to their own home; the page itself refuses nothing they could see."""
    return RedirectResponse(HOME[actor.role], status_code=303)


def install_pages(settings: Settings) -> None:
    """Register every declared page with NiceGUI, behind the guard."""
    for spec in PAGES.values():
        ui.page(spec.path)(_route(spec, settings))


def _route(spec: PageSpec, settings: Settings) -> Callable[..., Awaitable[RedirectResponse | None]]:
    """The builder behind the login and role check, with the builder's own parameters (less actor and settings)."""
    signature = inspect.signature(spec.build, eval_str=True)
    # An int parameter (an id) accepts only what the database can hold; anything else gets the Danish 404/400 page.
    own = [p.replace(annotation=bounded(p.annotation)) for name, p in signature.parameters.items()
           if name not in ("actor", "settings")]
    wants_request, wants_settings = "request" in signature.parameters, "settings" in signature.parameters
    if not wants_request:
        own.insert(0, inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request))

    async def guarded(request: Request, **params: Any) -> RedirectResponse | None:
        started = time.perf_counter()
        try:
            return await build_page(request, **params)
        finally:
            PAGE_BUILD.labels(page=spec.path).observe(time.perf_counter() - started)

    async def build_page(request: Request, **params: Any) -> RedirectResponse | None:
        remember_page_language(context.client)
        if wants_request:
            params["request"] = request
        if wants_settings:
            params["settings"] = settings
        if spec.public:
            result = spec.build(**params)
        else:
            actor = await actor_or_redirect(request)
            if isinstance(actor, RedirectResponse):
                return actor
            if actor.role not in spec.roles:
                return wrong_role(actor)
            mark_signed_in(context.client)
            result = spec.build(actor, **params)
        if inspect.isawaitable(result):
            result = await result
        return result if isinstance(result, RedirectResponse) else None

    guarded.__signature__ = signature.replace(parameters=own)  # type: ignore[attr-defined]
    guarded.__name__ = guarded.__qualname__ = spec.build.__name__
    guarded.__doc__ = spec.build.__doc__
    return guarded
