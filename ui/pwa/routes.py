"""The installable app: the web app manifest, the service worker at the site root, its offline page and the icons.

Every NiceGUI page links the manifest and registers the worker through one shared piece of head HTML.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from html import escape
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from nicegui import __version__ as nicegui_version
from nicegui.client import Client

from ui.i18n import translate
from ui.pwa.icons import SIZES, icon_png
from ui.theme import COLOURS, PAGE_BACKGROUND

MANIFEST = "/manifest.webmanifest"
WORKER = "/sw.js"
OFFLINE = "/ingen-forbindelse"
ICONS = "/pwa/"
THEME = COLOURS["primary"]
SOURCE = Path(__file__).with_name("sw.js")
# The worker may fetch from this site only and runs no inline or evaluated code.
WORKER_CSP = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"
NO_CACHE = {"Cache-Control": "no-cache"}

HEAD = f"""<link rel="manifest" href="{MANIFEST}">
<meta name="theme-color" content="{THEME}">
<meta name="mobile-web-app-capable" content="yes">
<meta name="apple-mobile-web-app-capable" content="yes">
<meta name="apple-mobile-web-app-title" content="Sammen">
<link rel="apple-touch-icon" href="{ICONS}apple-touch-icon.png">
<script>if('serviceWorker' in navigator){{addEventListener('load',()=>{{
navigator.serviceWorker.register('{WORKER}',{{scope:'/'}}).catch(()=>{{}});}});}}</script>"""

# Back online (the browser says so, or the server answers a probe): open the address the person asked for again.
OFFLINE_SCRIPT = f"""(()=>{{let wait=3000,timer=0;
const back=()=>{{clearTimeout(timer);if(location.pathname==='{OFFLINE}')location.replace('/');else location.reload();}};
const probe=()=>{{fetch('/api/health',{{cache:'no-store'}}).then(back,()=>{{wait=Math.min(wait*2,30000);
timer=setTimeout(probe,wait);}});}};
addEventListener('online',back);document.getElementById('retry').addEventListener('click',back);
timer=setTimeout(probe,wait);}})();"""
OFFLINE_STYLE = (
    f"body{{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:{PAGE_BACKGROUND};"
    "color:#1d1d1d;line-height:1.5}main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;"
    "border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}"
    f"h1{{font-size:1.4rem;margin:0 0 1rem;color:{THEME}}}h2{{font-size:1.1rem;margin:1.5rem 0 .5rem}}"
    f"button{{font:inherit;font-weight:600;color:#fff;background:{THEME};border:0;border-radius:6px;"
    "padding:.75rem 1.25rem;cursor:pointer;min-height:44px}button:focus-visible{outline:3px solid #1d1d1d;"
    "outline-offset:2px}img{display:block;margin-bottom:1rem}"
)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def offline_page() -> str:
    """The bilingual page the worker shows when a page cannot be reached; it reloads itself once it can."""
    da, en = (lambda key: escape(translate(key, "da", {}))), (lambda key: escape(translate(key, "en", {})))
    return (
        '<!doctype html><html lang="da"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="theme-color" content="{THEME}"><title>{da("pwa.offline.title")} · Sammen</title>'
        f"<style>{OFFLINE_STYLE}</style></head><body><main>"
        f'<img src="{ICONS}icon-192.png" width="64" height="64" alt="">'
        f'<h1 data-offline="1">{da("pwa.offline.title")}</h1><p>{da("pwa.offline.detail")}</p>'
        f'<div lang="en"><h2>{en("pwa.offline.title")}</h2><p>{en("pwa.offline.detail")}</p></div>'
        f'<button id="retry" type="button">{da("pwa.offline.retry")}'
        f' <span lang="en">/ {en("pwa.offline.retry")}</span></button>'
        f"</main><script>{OFFLINE_SCRIPT}</script></body></html>")


OFFLINE_CSP = (f"default-src 'none'; script-src 'sha256-{_sha256(OFFLINE_SCRIPT)}'; style-src 'unsafe-inline'; "
               "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'")


def manifest() -> dict[str, object]:
    """The web app manifest: Danish, standalone, starting at / (which sends each role to its own home)."""
    icons = [{"src": f"{ICONS}{name}", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": "maskable" if full_bleed else "any"}
             for name, (size, full_bleed) in SIZES.items() if name != "apple-touch-icon.png"]
    return {"id": "/", "name": "Sammen", "short_name": "Sammen", "description": translate("pwa.description", "da", {}),
            "lang": "da", "dir": "ltr", "start_url": "/", "scope": "/", "display": "standalone",
            "orientation": "any", "background_color": PAGE_BACKGROUND, "theme_color": THEME, "icons": icons,
            "categories": ["education", "social"]}


@lru_cache(maxsize=1)
def worker_source() -> str:
    """The worker with its shell list filled in; its version changes whenever the shell or NiceGUI does."""
    shell = [f"{ICONS}{name}" for name in SIZES]
    digest = hashlib.sha256(SOURCE.read_bytes() + offline_page().encode() + nicegui_version.encode()
                            + b"".join(icon_png(name) for name in SIZES)).hexdigest()[:12]
    return (SOURCE.read_text().replace("__VERSION__", digest).replace("__OFFLINE__", OFFLINE)
            .replace("__ICON__", f"{ICONS}icon-192.png").replace("__SHELL__", ", ".join(json.dumps(s) for s in shell)))


def install(app: FastAPI) -> None:
    """Serve the manifest, worker, offline page and icons, and link them from every page's head (once)."""

    @app.get(MANIFEST, include_in_schema=False)
    async def web_manifest() -> Response:
        return Response(json.dumps(manifest(), ensure_ascii=False), media_type="application/manifest+json",
                        headers=NO_CACHE)

    @app.get(WORKER, include_in_schema=False)
    async def service_worker() -> Response:
        return Response(worker_source(), media_type="text/javascript",
                        headers={**NO_CACHE, "Content-Security-Policy": WORKER_CSP})

    @app.get(OFFLINE, include_in_schema=False)
    async def offline() -> HTMLResponse:
        return HTMLResponse(offline_page(), headers={**NO_CACHE, "Content-Security-Policy": OFFLINE_CSP})

    @app.get(ICONS + "{name}", include_in_schema=False)
    async def icon(name: str) -> Response:
        if name not in SIZES:
            return Response(status_code=404)
        return Response(icon_png(name), media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})

    if HEAD not in Client.shared_head_html:  # the app is built again for every UI test
        Client.shared_head_html += HEAD + "\n"
