"""Server-rendered HTML for the login and error pages (every user-derived value is escaped)."""

from collections.abc import Sequence
from html import escape

from auth.dev_idp.users import DevUser

STYLE = """
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.5rem 0}h2{font-size:1rem;margin:1.25rem 0 .5rem;color:#4a5368}
.note{color:#4a5368;margin:0 0 1rem}
label.search{display:block;font-weight:600;margin-bottom:.25rem}
#search{width:100%;font-size:1rem;padding:.65rem .75rem;border:1px solid #b8bfcc;border-radius:.5rem}
fieldset{border:1px solid #d5d9e1;border-radius:.5rem;margin:1rem 0;padding:.5rem .75rem;background:#fff}
fieldset label{display:flex;gap:.5rem;align-items:center;min-height:2.75rem}
.user{display:block;width:100%;text-align:left;font:inherit;color:inherit;background:#fff;
 border:1px solid #d5d9e1;border-radius:.5rem;padding:.7rem .85rem;margin:0 0 .5rem;cursor:pointer}
.user:hover,.user:focus{border-color:#3056d3;outline:none}
.user strong{display:block;overflow-wrap:anywhere}.user small{color:#4a5368;overflow-wrap:anywhere}
.cancel{font:inherit;background:none;border:1px solid #b8bfcc;border-radius:.5rem;padding:.6rem 1rem;
 margin:.5rem 0 1rem;cursor:pointer}
.error{background:#fff;border-left:4px solid #c0392b;padding:.75rem 1rem;border-radius:.25rem}
code{overflow-wrap:anywhere}
"""

SCRIPT = """
const s=document.getElementById('search'),none=document.getElementById('no-match');
s.addEventListener('input',()=>{const q=s.value.trim().toLowerCase();let any=false;
document.querySelectorAll('section').forEach(g=>{let shown=false;
g.querySelectorAll('.user').forEach(b=>{const m=b.dataset.search.includes(q);b.hidden=!m;shown=shown||m;});
g.hidden=!shown;any=any||shown;});none.hidden=any;});
"""


def _document(lang: str, title: str, body: str, script: str = '') -> str:
    script_tag = f'<script>{script}</script>' if script else ''
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f'<title>{escape(title)}</title><style>{STYLE}</style></head>'
        f'<body><main>{body}</main>{script_tag}</body></html>'
    )


def _groups(users: Sequence[DevUser]) -> dict[str, list[DevUser]]:
    groups: dict[str, list[DevUser]] = {}
    for user in users:
        groups.setdefault(user.role_label, []).append(user)
    return groups


def _user_button(user: DevUser) -> str:
    haystack = ' '.join((user.name, user.detail, user.role_label)).lower()
    detail = f'<small>{escape(user.detail)}</small>' if user.detail else ''
    return (
        f'<button class="user" type="submit" name="subject" value="{escape(user.subject)}" '
        f'data-search="{escape(haystack)}"><strong>{escape(user.name)}</strong>{detail}</button>'
    )


def render_login_page(
    texts: dict[str, str], lang: str, users: Sequence[DevUser],
    params: Sequence[tuple[str, str]], default_acr: str,
) -> str:
    """The user picker: search, assurance level and one submit button per user in one POST form."""
    hidden = ''.join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in params
    )
    radios = ''.join(
        f'<label><input type="radio" name="acr" value="{level}"'
        f'{" checked" if level == default_acr else ""}> {escape(texts["acr_" + level])}</label>'
        for level in ('2', '3')
    )
    sections = ''.join(
        f'<section><h2>{escape(label)}</h2>{"".join(_user_button(u) for u in members)}</section>'
        for label, members in _groups(users).items()
    )
    if not users:
        sections = f'<p class="note">{escape(texts["no_users"])}</p>'
    body = (
        f'<h1>{escape(texts["title"])}</h1><p class="note">{escape(texts["intro"])}</p>'
        # The search field sits outside the form so Enter in it cannot submit (= log in as someone).
        f'<label class="search" for="search">{escape(texts["search"])}</label>'
        f'<input id="search" type="search" autocomplete="off" '
        f'placeholder="{escape(texts["search_placeholder"])}">'
        f'<form method="post">{hidden}'
        f'<fieldset><legend>{escape(texts["acr_legend"])}</legend>{radios}</fieldset>'
        f'{sections}<p id="no-match" class="note" hidden>{escape(texts["no_match"])}</p>'
        # Cancel answers the app with error=access_denied, as a real provider's "Afbryd" does.
        f'<button class="cancel" type="submit" name="cancel" value="1">{escape(texts["cancel"])}</button></form>'
    )
    return _document(lang, texts['title'], body, SCRIPT)


def render_logged_out_page(texts: dict[str, str], lang: str) -> str:
    """Shown when a logout names no address to return to."""
    body = f'<h1>{escape(texts["logged_out_title"])}</h1><p class="note">{escape(texts["logged_out"])}</p>'
    return _document(lang, texts['logged_out_title'], body)


def render_error_page(texts: dict[str, str], lang: str, message: str, detail: str = '') -> str:
    """A plain error page; never links back to an unvalidated redirect_uri."""
    detail_html = ''
    if detail:
        detail_html = f'<p><small>{escape(texts["error_detail"])}: <code>{escape(detail)}</code></small></p>'
    body = (
        f'<h1>{escape(texts["error_title"])}</h1>'
        f'<div class="error"><h2>{escape(texts["error_heading"])}</h2><p>{escape(message)}</p></div>'
        f'<p class="note">{escape(texts["error_hint"])}</p>{detail_html}'
    )
    return _document(lang, texts['error_title'], body)
