"""The idle logout on every signed-in page, with a warning before it and a button that keeps the session alive."""

from __future__ import annotations

from html import escape

from nicegui import ui

from ui.i18n import t, tn
from ui.logout_form import FORM_NAME

WARN_BEFORE_MS = 120_000  # two minutes' warning (WCAG 2.2.1), or a third of a shorter limit
PING_EVERY_MS = 60_000  # activity tells the server at most once a minute

# Plain DOM and a native <dialog>: it works whatever NiceGUI is doing, showModal() keeps focus inside it, and on
# closing the browser gives focus back to where it was. Enter closes it on its keyup, or that keyup would press the
# button focus went back to. Escape counts as "stay": whoever presses it is clearly there.
DIALOG = """<dialog id="sammen-idle" role="alertdialog" aria-modal="true" aria-labelledby="sammen-idle-title"
 aria-describedby="sammen-idle-text" style="max-width:26rem;border:0;border-radius:8px;padding:1.25rem;
 box-shadow:0 4px 24px rgba(0,0,0,.3);color:#1d1d1d;font:inherit">
<h2 id="sammen-idle-title" style="font-size:1.25rem;line-height:1.4;margin:0 0 .5rem">{title}</h2>
<p id="sammen-idle-text" style="margin:0 0 1rem">{text}</p>
<button type="button" id="sammen-idle-stay" style="background:#1f5f8b;color:#fff;border:0;border-radius:4px;
 padding:.6rem 1rem;font:inherit;font-weight:500;cursor:pointer">{stay}</button></dialog>"""
SCRIPT = """<script>(function(){let t,w,held=false,last=0;const ms=%(ms)d,lead=%(lead)d;
const d=document.getElementById('sammen-idle'),stay=document.getElementById('sammen-idle-stay');
const out=()=>{const f=document.forms['%(form)s'];
if(f){f.reason.value='expired';f.submit();}else{location.href='/login?reason=expired';}};
const ping=(now)=>{const n=Date.now();if(now||n-last>%(every)d){last=n;
fetch('/auth/ping',{method:'POST'}).then(r=>{if(now&&r.status===401)out();});}};
const warn=()=>{if(!d.open)d.showModal();stay.focus();};
const reset=(now)=>{clearTimeout(t);clearTimeout(w);t=setTimeout(out,ms);w=setTimeout(warn,ms-lead);ping(now);};
stay.addEventListener('click',()=>{if(held)document.addEventListener('keyup',()=>d.close(),{once:true,capture:true});
else d.close();});
document.addEventListener('keydown',()=>{held=true;},true);document.addEventListener('keyup',()=>{held=false;},true);
d.addEventListener('close',()=>reset(true));
['click','keydown','touchstart'].forEach(e=>document.addEventListener(e,()=>{if(!d.open)reset(false);},
{passive:true}));reset(false);})();</script>"""


def warning_lead_ms(limit_ms: int) -> int:
    """How long before the logout the warning comes: two minutes, or a third of a limit shorter than six minutes."""
    return min(WARN_BEFORE_MS, limit_ms // 3)


def warning_text(lead_ms: int, lang: str | None = None) -> str:
    """The warning's words: "Du bliver logget ud om 2 minutter" (or "om under et minut")."""
    minutes = lead_ms // 60_000
    return tn("session.idle.warning", minutes, lang) if minutes else t("session.idle.warning_soon", lang)


def idle_logout(idle_minutes: int) -> None:
    """Log out after the session's idle limit (posting the logout form), warning first with "Bliv logget ind"."""
    limit_ms = idle_minutes * 60_000
    lead_ms = warning_lead_ms(limit_ms)
    dialog = DIALOG.format(title=escape(warning_text(lead_ms)), text=escape(t("session.idle.detail")),
                           stay=escape(t("session.idle.stay")))
    script = SCRIPT % {"ms": limit_ms, "lead": lead_ms, "every": PING_EVERY_MS, "form": FORM_NAME}
    ui.add_body_html(dialog + script)
