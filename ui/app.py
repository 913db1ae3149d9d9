"""Wiring the web app: auth routes, the dev IdP, the health API and every page."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from nicegui import app

import domain.widgets.builtin  # noqa: F401  (registers the built-in widgets)
from auth import session
from auth.acr import provider_acr_claims
from auth.dev_idp import DevUser, create_dev_idp_router
from auth.oidc import build_oauth, create_auth_router
from demo.users import DEMO_USERS
from domain.clock import utcnow
from domain.health import health
from domain.identity.model import Role
from domain.settings import Settings
from ui import error_pages, front, heap, reconnecting, rollout, security_headers, session_guard, upload_limit
from ui.accessibility import statement as accessibility_statement
from ui.broadcast import detail as broadcast_detail
from ui.broadcast import page as broadcast
from ui.calendar import page as calendar
from ui.conferences import page as conferences
from ui.contacts import list_page as contact_list
from ui.contacts import picture_route as contact_pictures
from ui.crossgroups import page as crossgroups
from ui.forms import page as forms
from ui.gallery import album_page as gallery_album
from ui.gallery import files_route as gallery_files
from ui.gallery import list_page as gallery_list
from ui.gdpr import audit_search, consents, data_export, retention
from ui.gdpr import hub as gdpr_hub
from ui.guard import install_pages
from ui.home import admin, parent, staff
from ui.identity import login, passkey_ui, profile
from ui.messages import page as messages
from ui.metrics import endpoint as metrics
from ui.navigation import HOME
from ui.notifications import centre as notification_centre
from ui.notifications import devices as push_devices
from ui.notifications import unsubscribe
from ui.organisation import child
from ui.posts import page as posts
from ui.presence import board as presence_board
from ui.presence import kiosk, wall_screens
from ui.presence import parent as presence_parent
from ui.provisioning import page as provisioning
from ui.pwa import routes as pwa
from ui.rollout import logins_page, survey_results, surveys
from ui.search import page as search_page
from ui.stamkort import page as stamkort
from ui.vacation import page as vacation
from ui.widgets import admin as widget_admin
from ui.widgets import api as widget_api
from ui.widgets import plans
from ui.widgets import settings as widget_settings

# Importing a page module declares its pages (@page); install_pages() registers them behind the guard.
PAGE_MODULES = (admin, audit_search, broadcast, broadcast_detail, calendar, child, conferences, consents, data_export,
                forms, gdpr_hub, kiosk, login, messages, parent, plans, posts, presence_board, presence_parent, profile,
                provisioning, retention, rollout, staff, survey_results, surveys, vacation, wall_screens, widget_admin,
                widget_settings, accessibility_statement, logins_page, notification_centre, stamkort, crossgroups,
                contact_list, search_page, gallery_list, gallery_album)

# Lets a tester see the refusal page for a login Sammen does not know.
UNKNOWN_TEST_USER = DevUser("demo-ukendt", "Ukendt person", "Test af afvisning",
                            "Findes ikke i Sammen: login afvises")


async def dev_users() -> list[DevUser]:
    """The named demo users offered by the development identity provider."""
    return [DevUser(u.subject, u.name, u.role_label, u.detail) for u in DEMO_USERS] + [UNKNOWN_TEST_USER]


def _api_routes() -> None:
    @app.get("/api/health")
    async def api_health() -> JSONResponse:
        ok, body = await health()
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.get("/")
    async def root() -> RedirectResponse:
        data = session.session_data()
        if data is None:
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse(HOME.get(Role(data["role"]), "/login"), status_code=303)

    @app.post("/auth/ping")
    async def ping(request: Request) -> JSONResponse:
        data = session.session_data()
        now = utcnow()
        if data is None or session.idle_expired(data, now):
            return JSONResponse({"active": False}, status_code=401)
        app.storage.user[session.SESSION_KEY] = {**data, "last_seen": now.isoformat()}
        return JSONResponse({"active": True})


def build(settings: Settings) -> None:
    """Register routes and pages on the NiceGUI app (again on every test run, never twice per app)."""
    backchannel: FastAPI | None = None
    if settings.dev_idp_enabled:
        idp = create_dev_idp_router(
            issuer=settings.issuer, client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret, list_users=dev_users,
            acr_claims=provider_acr_claims(settings),  # it answers with the acr values Sammen is configured for
        )
        app.include_router(idp, prefix="/dev-idp")
        backchannel = FastAPI()
        backchannel.include_router(idp, prefix="/dev-idp")
    app.include_router(create_auth_router(settings, build_oauth(settings, backchannel)))
    heap.release_removed_elements()  # a closed page is freed at once, not by a full collection (ui/heap.py)
    error_pages.install()  # Danish 404/400/500 pages without exception text, also for ids no row can have
    front.install(app)  # page loads beyond what the process can build in time get a self-reloading 503
    upload_limit.install(app)  # a body past its limit is refused by Content-Length or cut off while it streams
    reconnecting.install()  # every page, API route and callback answers a database outage the same way
    _api_routes()
    metrics.install(app, settings)  # GET /metrics for Prometheus, with the bearer token only
    widget_api.register(settings)
    messages.register()
    broadcast.register()
    calendar.register()
    forms.register()
    provisioning.register()
    audit_search.register()
    data_export.register()
    consents.register()
    contact_pictures.register()  # GET /kontaktfoto/{person_id}: a guardian picture, after the access check
    gallery_files.register()  # GET /galleri/foto/{photo_id}/{size}: a gallery photo, checked again every time
    unsubscribe.register(settings)  # /email/afmeld/{token}: the one-click link in bulk e-mail (GET asks, POST does)
    push_devices.register(settings)  # POST /api/push/enheder: this browser's push subscription (session + form token)
    passkey_ui.register(settings)  # the passkey ceremonies that unlock a remembered device (form token)
    pwa.install(app)  # manifest, /sw.js, its offline page and icons, linked from every page's head
    session_guard.install_event_check()  # an open page whose login ended or expired acts no more
    install_pages(settings)  # every page declared with @page or @public_page, behind the guard
    # Last: outside every other layer (the /krise fast path too), so no answer leaves without its security headers.
    security_headers.install(app, settings)  # CSP, no framing, nosniff, same-origin referrer, HSTS on https
