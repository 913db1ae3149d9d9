"""Every user-facing string, Danish first and English second, and Danish date formats."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from domain.clock import COPENHAGEN
from domain.errors import DomainError
from ui.texts import TEXTS

if TYPE_CHECKING:
    from nicegui.client import Client

LANGUAGES = ("da", "en")


# Where a page keeps its reader's language (NiceGUI's per-client storage), set when the page is built.
PAGE_LANGUAGE = "lang"


def current_language() -> str:
    """The language of the page being drawn, else of the current browser session (Danish by default)."""
    from nicegui import app
    from nicegui.slot import Slot

    stack = Slot.get_stack()
    if stack:
        # A live redraw runs in the task of whoever caused it (another user's click publishes the event), so the
        # session in the request context is theirs: the page's own reader decides the language.
        try:
            page_language = stack[-1].parent.client.storage.get(PAGE_LANGUAGE)
        except RuntimeError:  # drawing into an element already removed (a closed dialog): the session decides
            page_language = None
        if page_language in LANGUAGES:
            return str(page_language)
    try:
        lang = app.storage.user.get("lang", "da")
    except (RuntimeError, AssertionError):  # outside a request, e.g. in a background task
        lang = "da"
    return lang if lang in LANGUAGES else "da"


def translate(key: str, lang: str | None, params: Mapping[str, object]) -> str:
    """The text for a key in a language (the session's by default), with parameters filled in."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[1] if (lang or current_language()) == "en" else pair[0]
    return text.format(**params) if params else text


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for a key in the current language, with parameters filled in."""
    return translate(key, lang, params)


def error_text(error: DomainError) -> str:
    """What to tell the user about a refusal, in their language."""
    return translate(error.key, None, error.params)


def tn(key: str, n: int, lang: str | None = None) -> str:
    """A counted text in singular or plural: tn('staff.children', 1) is '1 barn'."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=n)


MONTHS = {
    "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}


def fmt_date(d: date | None, lang: str | None = None) -> str:
    """A date the way people write it: '28. november 2026' or '28 November 2026'."""
    if d is None:
        return "—"
    lang = lang or current_language()
    month = MONTHS[lang][d.month - 1]
    return f"{d.day}. {month} {d.year}" if lang == "da" else f"{d.day} {month} {d.year}"


def fmt_short_date(d: date | None) -> str:
    """The numeric Danish form without leading zeros, as people write it: 7.12.2026."""
    return f"{d.day}.{d.month}.{d.year}" if d else "—"


def fmt_datetime(dt: datetime, lang: str | None = None) -> str:
    """A moment in Copenhagen time: '28.11.2026 kl. 16.05' or '28.11.2026 at 16:05'."""
    local = dt.astimezone(COPENHAGEN)
    if (lang or current_language()) == "en":
        return f"{fmt_short_date(local.date())} at {local:%H:%M}"
    return f"{fmt_short_date(local.date())} kl. {local:%H.%M}"


def remember_page_language(client: Client) -> None:
    """Keep the session's language with a page being built, for the live redraws that others' actions cause."""
    client.storage[PAGE_LANGUAGE] = current_language()
