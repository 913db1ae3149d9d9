"""A person's data export (right of access): a ZIP of JSON files with all Sammen holds on them and their children."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from domain import access
from domain.audit import service as audit
from domain.clock import COPENHAGEN, today_local
from domain.errors import NotFound
from domain.gdpr.export_activities import calendar_file, conferences_file, forms_file, vacation_file
from domain.gdpr.export_audit import audit_file
from domain.gdpr.export_gallery import gallery_file
from domain.gdpr.export_level import LEVEL_FULL, LEVEL_PARTIAL, SENSITIVE_WITHHELD, full_export
from domain.gdpr.export_messages import messages_file
from domain.gdpr.export_people import accounts_file, current_children, person_file, relations_file
from domain.gdpr.export_posts import posts_file, surveys_file
from domain.gdpr.export_presence import consents_file, presence_file
from domain.identity.model import Actor
from domain.stamkort.export import stamkort_file
from persistence.people import Person

README = """Indsigt i dine data fra Sammen
================================

Denne fil er lavet {made}. Den rummer alt, hvad Sammen har registreret om {name}{children_line}.
Alle filer er JSON (UTF-8). Tidspunkter er i UTC (ISO 8601), datoer som ÅÅÅÅ-MM-DD.
{level}

person.json                 Dine stamdata: navn, CPR-nummer, fødselsdato, kontaktoplysninger, status.
accounts_and_logins.json    Din bruger, hvert login (tidspunkt og sikringsniveau), kalender-abonnementer
                            (aldrig selve nøglen), hvilke data leverandørers widgets har fået, dit Overblik.
relations.json              Forældremyndighed (dine børns navne), indskrivninger, ansættelser, grupper,
                            kommunale roller. Andre voksne nævnes ikke.
messages.json               Samtaler du deltager i: emne, beskeder med afsenderens navn og tekst,
                            vedhæftede filer (navn og størrelse), dine kladder, mapper, autosvar og krisebeskeder.
                            Deltagerlister i gruppesamtaler er ikke med.
posts.json                  Opslag og kommentarer du har skrevet, og indhold du har anmeldt.
surveys.json                Evalueringer du har svaret på. Dine svar er med, når evalueringen var med navn.
                            Svar på anonyme evalueringer er gemt uden dit navn og er derfor ikke med.
calendar.json               Dine egne begivenheder, dine invitationer og dine svar.
conferences.json            Samtaletider du har booket (og runder du har oprettet).
forms.json                  Blanketter du har besvaret (og blanketter du har lavet).
vacation.json               Dine svar på ferieanmodninger (og anmodninger du har sendt).
presence.json               KommeGå: dine dage og ændringer, hvis du er registreret som medarbejder på vagt.
consents.json               Samtykker du har givet eller trukket tilbage.
gallery.json                Galleri: billeder, du (eller barnet) er markeret på, og album og billeder, du har lagt op.
audit.json                  Logposter om dig og om det, du har gjort. Andre personer vises kun med deres rolle.

children/<fornavn>-<id>/    For hvert barn du har forældremyndighed over i dag: barnets stamdata, indskrivninger,
                            KommeGå-dage, ændringshistorik og planer, hentepersoner du har tilføjet, samtykker,
                            samtaler, blanketsvar, feriesvar, stamkort og logposter om barnet. Om en anden voksen har
                            svaret, står der kun "answered_by_me": false. Aftaler om at gå hjem med et andet barn
                            vises uden det andet barns navn.

Har du spørgsmål, så kontakt kommunen.
"""


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"not serialisable: {type(value).__name__}")


def to_json(data: object) -> bytes:
    """UTF-8, indented JSON with ISO dates."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default).encode("utf-8")


def folder_name(first_name: str, child_id: int) -> str:
    """A safe folder name: the child's first name and id."""
    return f"{re.sub(r'[^0-9A-Za-zÆØÅæøåÄÖÜäöüéÉ]+', '_', first_name).strip('_') or 'barn'}-{child_id}"


async def person_files(person_id: int, me: int, family: frozenset[int], today: date, *,
                       child: bool, full: bool) -> dict[str, Any]:
    """Every file of one person's part of the export, area by area (a few batched queries each).

    full: the export may hold sensitive text and full CPR numbers (the downloader is signed in at level 3).
    """
    areas: list[tuple[str, Callable[[], Awaitable[Any]]]] = [
        ("person.json", lambda: person_file(person_id, full_cpr=full)),
        ("relations.json", lambda: relations_file(person_id, today)),
        ("presence.json", lambda: presence_file(person_id, me, child=child)),
        ("consents.json", lambda: consents_file(person_id, me, child=child)),
        ("conferences.json", lambda: conferences_file(me, person_id if person_id != me else None)),
        ("forms.json", lambda: forms_file(me, person_id if person_id != me else None)),
        ("vacation.json", lambda: vacation_file(me, person_id if person_id != me else None)),
        ("gallery.json", lambda: gallery_file(person_id, child=child)),
        ("audit.json", lambda: audit_file(person_id, family)),
    ]
    if child and person_id != me:  # a guardian's copy; the child's own account is refused the stamkort in Sammen too
        areas.append(("stamkort.json", lambda: stamkort_file(person_id, me, full=full, withheld=SENSITIVE_WITHHELD)))
    if person_id == me:
        areas += [
            ("accounts_and_logins.json", lambda: accounts_file(person_id)),
            ("messages.json", lambda: messages_file(person_id, full=full)),
            ("posts.json", lambda: posts_file(person_id)),
            ("surveys.json", lambda: surveys_file(person_id)),
            ("calendar.json", lambda: calendar_file(person_id)),
        ]
    return {name: await load() for name, load in areas}


async def build_export(actor: Actor, person_id: int, *, now: datetime) -> bytes:
    """The ZIP for one person: admin for anyone, anyone for themself; refusals and downloads are audited."""
    person = await Person.get_or_none(id=person_id)
    mine = await Person.filter(id=actor.person_id).values_list("municipality_id", flat=True)
    same = person is not None and person.municipality_id in mine
    await audit.check(access.can_export_person_data(actor, person_id, same), actor, "gdpr.export",
                      concerned_person_id=person_id)
    if person is None:
        raise NotFound("gdpr.export.not_found")
    today = today_local(now)
    children = [] if person.is_child else await current_children(person_id, today)
    family = frozenset({person_id} | {cid for cid, _ in children})
    # The level of the one who downloads decides, as on every page: a level-2 session gets no more from the ZIP.
    full = full_export(actor)
    files = await person_files(person_id, person_id, family, today, child=person.is_child, full=full)
    for child_id, first in children:
        folder = f"children/{folder_name(first, child_id)}/"
        for name, data in (await person_files(child_id, person_id, family, today, child=True, full=full)).items():
            files[folder + name] = data
    local = now.astimezone(COPENHAGEN)
    names = ", ".join(first for _, first in children)
    readme = README.format(made=local.strftime("%d.%m.%Y kl. %H.%M"), name=f"{person.first_name} {person.last_name}",
                           children_line=f" og om dine børn ({names})" if names else "",
                           level=LEVEL_FULL if full else LEVEL_PARTIAL)
    buffer = io.BytesIO()
    stamp = local.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("README.txt", stamp), readme.encode("utf-8"), zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, stamp), to_json(data), zipfile.ZIP_DEFLATED)
    body = buffer.getvalue()
    await audit.record("gdpr.export", audit.ALLOWED, actor=actor, concerned_person_id=person_id,
                       detail=f"children={len(children)};bytes={len(body)}")
    return body
