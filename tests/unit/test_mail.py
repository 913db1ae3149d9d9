"""An e-mail as every parser reads it: the exact subject, Date, Message-ID, text and HTML, the one-click link."""

from __future__ import annotations

import copy
import email
import email.policy
import io
from datetime import UTC, datetime
from email.generator import BytesGenerator
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from typing import cast

import pytest

from domain.mail import plain
from domain.settings import SmtpSettings
from tests.clocks import TestClock
from tests.smtp_support import text_of

SMTP = SmtpSettings(host="127.0.0.1", sender="Sammenby Kommune <krise@sammenby.dk>")
LINK = "https://sammen.sammenby-kommune.dk/email/afmeld/1234567.urgent." + "A" * 43
SUBJECTS = [
    "Vigtig besked fra Ærø Kommune: Kog drikkevandet – vandværket er forurenet",
    # the one that lost its space: ASCII words, then two encoded words the folding put a space between
    "Vigtig besked fra Sammenby Kommune: Kog drikkevandet – vandværket er forurenet",
    "Påmindelse: Forældremøde i 2.A – husk madpakke, gummistøvler og regntøj til turen i skoven ved Æbelø – "
    "og så videre, så emnet bliver foldet over flere linjer – æøå ÆØÅ",
    "Påmindelse: Skole-hjem-samtaler tirsdag 8.12. kl. 14.15",
    "Reminder: " + "word " * 30 + "end",  # long ASCII: compat32 would hand back the fold's line breaks
    "To  mellemrum, og =?utf-8?q?ligner_et_kodet_ord?= – ø",
    "Kort emne",
    "😀 Juleklip – øæå",
]


def wire(message: EmailMessage) -> bytes:
    """The bytes aiosmtplib sends: the message flattened with email.policy.SMTP (it ignores the message's own)."""
    out = io.BytesIO()
    BytesGenerator(out, policy=email.policy.SMTP).flatten(copy.copy(message))
    return out.getvalue()


def every_reading(raw: bytes) -> dict[str, str]:
    """The subject as the default policy, compat32 with decode_header/make_header, and the strict policy read it."""
    return {
        "default": str(BytesParser(policy=email.policy.default).parsebytes(raw)["Subject"]),
        "compat32": str(make_header(decode_header(str(email.message_from_bytes(raw)["Subject"])))),
        "strict": str(BytesParser(policy=email.policy.strict).parsebytes(raw)["Subject"]),
    }


@pytest.mark.parametrize("subject", SUBJECTS)
def test_every_parser_gives_back_the_exact_subject(subject: str) -> None:
    message = plain(SMTP, "gitte@example.dk", subject, "Tekst", unsubscribe=LINK)
    raw = wire(message)
    assert every_reading(raw) == {"default": subject, "compat32": subject, "strict": subject}
    assert every_reading(message.as_bytes()) == {"default": subject, "compat32": subject, "strict": subject}
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_a_message_has_date_message_id_auto_submitted_and_text_with_the_same_text_as_html(clock: TestClock) -> None:
    clock.at("2026-12-07T07:30", ticking=False)
    text = "Kære forælder\n\n<b>Skolen</b> & SFO lukker.\nLæs mere: https://sammen.example.dk/krise.\n"
    parsed = BytesParser(policy=email.policy.strict).parsebytes(wire(plain(SMTP, "gitte@example.dk", "Luk", text)))
    message = cast(EmailMessage, parsed)
    assert parsedate_to_datetime(str(message["Date"])) == datetime(2026, 12, 7, 6, 30, tzinfo=UTC)
    assert str(message["Message-ID"]).startswith("<") and str(message["Message-ID"]).endswith("@sammenby.dk>")
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe"] is None and message["List-Unsubscribe-Post"] is None  # not bulk
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert text_of(message) == text
    html = text_of(message, "html")
    assert '<html lang="da">' in html
    assert "&lt;b&gt;Skolen&lt;/b&gt; &amp; SFO lukker.<br>" in html and "<b>" not in html
    # the link is clickable and the full stop after it stays outside
    assert '<a href="https://sammen.example.dk/krise">https://sammen.example.dk/krise</a>.' in html
    assert "<title>Luk</title>" in html and html.count("<p>") == 2


def test_two_messages_never_share_a_message_id() -> None:
    ids = {str(plain(SMTP, "a@example.dk", "Emne", "Tekst")["Message-ID"]) for _ in range(50)}
    assert len(ids) == 50


def test_a_bulk_message_carries_the_one_click_link_on_one_line_and_in_its_footer() -> None:
    raw = wire(plain(SMTP, "gitte@example.dk", "Påmindelse", "Husk mødet.", unsubscribe=LINK))
    assert f"\r\nList-Unsubscribe: <{LINK}>\r\n".encode() in raw  # folding would have made it encoded words
    message = cast(EmailMessage, BytesParser(policy=email.policy.strict).parsebytes(raw))
    assert message["List-Unsubscribe"] == f"<{LINK}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert text_of(message) == (
        f"Husk mødet.\n\nVil du ikke have flere e-mails af denne slags, kan du slå dem fra her: {LINK}\n")
    assert f'<a href="{LINK}">{LINK}</a>' in text_of(message, "html")


def test_a_sender_without_a_domain_still_gets_a_message_id_not_naming_the_machine() -> None:
    message = plain(SmtpSettings(host="127.0.0.1", sender="sammen"), "a@example.dk", "Emne", "Tekst")
    assert str(message["Message-ID"]).endswith("@sammen.invalid>")
