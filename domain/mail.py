"""E-mail through the municipality's SMTP server: compose one (text and the same text as HTML), send many at once."""

from __future__ import annotations

import logging
import re
from collections.abc import Hashable, Mapping, Sequence
from email.header import Header
from email.message import EmailMessage
from email.policy import Policy
from email.utils import format_datetime, make_msgid, parseaddr
from html import escape
from typing import TypeVar

import aiosmtplib

from domain.clock import utcnow
from domain.settings import SmtpSettings

log = logging.getLogger(__name__)
SMTP_TIMEOUT = 20.0
K = TypeVar("K", bound=Hashable)

# The e-mails are not screens: they are written in Danish, so the footer is too.
UNSUBSCRIBE_FOOTER = "Vil du ikke have flere e-mails af denne slags, kan du slå dem fra her: {link}"
FALLBACK_DOMAIN = "sammen.invalid"
# A plain ASCII subject this short is written as it is; a longer one would be folded, and compat32 readers hand
# the fold's line break back as part of the subject, so it is encoded like any other.
SUBJECT_ON_ONE_LINE = 78 - len("Subject: ")
LINK = re.compile(r"https?://[^\s<>\"']+")
LINK_TAIL = ".,;:!?)]}"  # punctuation after a link ends the sentence, not the link


class _Prepared(str):
    """A header that reads as its text and is written exactly as prepared (the email package's folding is skipped)."""

    name: str
    lines: tuple[str, ...]

    def __new__(cls, name: str, text: str, lines: Sequence[str]) -> _Prepared:
        """A header `name` whose value reads as `text` and is written as `lines`."""
        prepared = super().__new__(cls, text)
        prepared.name, prepared.lines = name, tuple(lines)
        return prepared

    def fold(self, *, policy: Policy) -> str:
        """The header as it goes on the wire (the policy's protocol for header objects)."""
        return f"{self.name}: {policy.linesep.join(self.lines)}{policy.linesep}"


def _plain_ascii(text: str) -> bool:
    """Text every parser reads back as written without encoding: printable ASCII, single spaces, no '=?'."""
    return (text.isascii() and text.isprintable() and "=?" not in text and "  " not in text
            and text == text.strip())


def subject_header(subject: str) -> _Prepared:
    """The Subject written so that every parser gives back exactly `subject`."""
    # The email package folds a Subject with Danish letters into encoded words with the space between two of them
    # outside both, where RFC 2047 decoders drop it ("Kog drikkevandet –vandværket"). Encoding the whole subject as
    # one run of complete encoded words keeps every space inside a word, and the folds between words add nothing.
    if _plain_ascii(subject) and len(subject) <= SUBJECT_ON_ONE_LINE:
        return _Prepared("Subject", subject, [subject])
    encoded = Header(subject, "utf-8", header_name="Subject").encode(linesep="\n")
    return _Prepared("Subject", subject, encoded.split("\n"))


def _message_id_domain(sender: str) -> str:
    """The sender address's domain (never the machine's own name), as ASCII."""
    _, at, domain = parseaddr(sender)[1].rpartition("@")
    domain = domain.strip().lower() if at else ""
    try:
        return domain.encode("idna").decode("ascii") if domain else FALLBACK_DOMAIN
    except UnicodeError:
        return FALLBACK_DOMAIN


def _linked(line: str) -> str:
    """One line of text as HTML: everything escaped, every http(s) address a link."""
    out, at = [], 0
    for found in LINK.finditer(line):
        url = found.group().rstrip(LINK_TAIL)
        out.append(escape(line[at:found.start()]))
        out.append(f'<a href="{escape(url, quote=True)}">{escape(url)}</a>')
        at = found.start() + len(url)
    out.append(escape(line[at:]))
    return "".join(out)


def html_of(subject: str, text: str) -> str:
    """The same text as an HTML document: paragraphs at blank lines, line breaks kept, links clickable."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip("\n")) if p.strip()]
    body = "\n".join("<p>" + "<br>\n".join(_linked(line) for line in p.split("\n")) + "</p>" for p in paragraphs)
    return (f'<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(subject)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def plain(smtp: SmtpSettings, to: str, subject: str, text: str, *, unsubscribe: str | None = None) -> EmailMessage:
    """One e-mail from the configured sender, as text and as HTML; a bulk e-mail passes its one-click `unsubscribe`."""
    if unsubscribe is not None:
        text = f"{text.rstrip()}\n\n{UNSUBSCRIBE_FOOTER.format(link=unsubscribe)}\n"
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = to
    message.set_raw("Subject", subject_header(" ".join(subject.splitlines())))
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=_message_id_domain(smtp.sender))
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a machine
    if unsubscribe is not None:
        # RFC 2369 and 8058: the one-click link, written on one line (folding would turn the URL into encoded words).
        message.set_raw("List-Unsubscribe", _Prepared("List-Unsubscribe", f"<{unsubscribe}>", [f"<{unsubscribe}>"]))
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Quoted-printable passes every server, also one without 8BITMIME, and keeps Danish text readable in the source.
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html_of(subject, text), subtype="html", cte="quoted-printable")
    return message


async def deliver(smtp: SmtpSettings, messages: Mapping[K, EmailMessage]) -> set[K]:
    """Send over one connection; returns the keys whose e-mail did not go out (nothing of the text is logged)."""
    return {key for key, result in (await send_each(smtp, messages)).items() if result != SENT}


# What became of one e-mail in send_each.
SENT, REFUSED, DEFERRED, UNAVAILABLE = "", "refused", "deferred", "unavailable"


def _refusal(codes: Sequence[int]) -> str:
    """A 4xx answer is the server's 'not now' (try again later); a 5xx, or no code, is 'never' (RFC 5321 4.2.1)."""
    return DEFERRED if codes and all(400 <= c < 500 for c in codes) else REFUSED


async def send_each(smtp: SmtpSettings, messages: Mapping[K, EmailMessage]) -> dict[K, str]:
    """Send over one connection and say per key: SENT, REFUSED (an address refused for good), DEFERRED (a 4xx) or
    UNAVAILABLE (no connection, or it broke: that e-mail and the rest were not sent). A refused address does not stop
    the others; nothing of the text is logged."""
    results: dict[K, str] = {}
    if not messages:
        return results
    client = aiosmtplib.SMTP(hostname=smtp.host, port=smtp.port, username=smtp.user or None,
                             password=smtp.password or None, start_tls=smtp.starttls, timeout=SMTP_TIMEOUT)
    try:
        async with client:
            for key, message in messages.items():
                try:
                    await client.send_message(message)
                    results[key] = SENT
                except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError):
                    raise  # the connection is gone: this one and the rest wait for the next run
                except aiosmtplib.SMTPRecipientsRefused as exc:
                    results[key] = _refusal([r.code for r in exc.recipients])
                except aiosmtplib.SMTPResponseException as exc:
                    results[key] = _refusal([exc.code])
                except (aiosmtplib.SMTPException, ValueError):  # an address no server could take
                    results[key] = REFUSED
                if results[key] != SENT:
                    log.warning("e-mail %s %s", key, results[key])
    except (aiosmtplib.SMTPException, OSError) as exc:
        log.warning("SMTP server %s:%s unavailable: %s", smtp.host, smtp.port, type(exc).__name__)
    return {key: results.get(key, UNAVAILABLE) for key in messages}
