"""Use cases for contact details: a guardian edits their own and chooses what to share; a picture is stored clean."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from pathlib import Path

from domain import access
from domain.audit import service as audit
from domain.contacts import picture
from domain.contacts.model import MyContact, Sharing
from domain.contacts.phone import format_phone, normalise_phone
from domain.errors import DomainError, NotFound
from domain.gdpr import photo_files
from domain.identity.model import Actor
from persistence.contacts import ContactSharing
from persistence.people import Person

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL = 200


def picture_route(person_id: int, path: Path) -> str:
    """The address pages use for a guardian picture, with its hash so a new picture is fetched anew."""
    return f"/kontaktfoto/{int(person_id)}?v={path.stem.partition('-')[2]}"


def check_email(raw: str) -> str:
    """The address as stored ("" for none); a Danish message for one that cannot be an address."""
    text = (raw or "").strip()
    if text and (len(text) > MAX_EMAIL or not EMAIL.match(text)):
        raise DomainError("contacts.email.invalid")
    return text


async def sharing_of(person_ids: list[int]) -> dict[int, Sharing]:
    """Each person's sharing choices (one query); someone who never chose shares nothing."""
    rows = await ContactSharing.filter(person_id__in=person_ids).values_list(
        "person_id", "share_phone", "share_email", "share_picture")
    return {int(p): Sharing(bool(ph), bool(em), bool(pi)) for p, ph, em, pi in rows}


async def my_contact(actor: Actor) -> MyContact:
    """The signed-in guardian's own details and choices."""
    await audit.check(access.can_edit_own_contact(actor), actor, "contact.view")
    person = await Person.get_or_none(id=actor.person_id)
    if person is None:
        raise NotFound("error.not_found")
    choice = (await sharing_of([person.id])).get(person.id, Sharing())
    return MyContact(person.id, f"{person.first_name} {person.last_name}", format_phone(person.phone), person.email,
                     person.photo_url, choice)


async def do_save_contact(actor: Actor, *, phone: str, email: str, sharing: Sharing, now: datetime) -> MyContact:
    """Store phone, e-mail and sharing choices together; bad input changes nothing."""
    await audit.check(access.can_edit_own_contact(actor), actor, "contact.change")
    stored_phone, stored_email = normalise_phone(phone), check_email(email)
    await Person.filter(id=actor.person_id).update(phone=stored_phone, email=stored_email)
    updated = await ContactSharing.filter(person_id=actor.person_id).update(
        share_phone=sharing.phone, share_email=sharing.email, share_picture=sharing.picture, updated_at=now)
    if not updated:
        await ContactSharing.create(person_id=actor.person_id, share_phone=sharing.phone, share_email=sharing.email,
                                    share_picture=sharing.picture, updated_at=now)
    # What changed, never the values: a phone number is not for the log.
    await audit.record("contact.change", audit.ALLOWED, actor=actor, concerned_person_id=actor.person_id,
                       detail=f"share={int(sharing.phone)}{int(sharing.email)}{int(sharing.picture)}")
    return await my_contact(actor)


async def do_set_picture(actor: Actor, *, data: bytes, now: datetime) -> str:
    """Store the guardian's picture, checked, shrunk and without metadata; returns its address."""
    await audit.check(access.can_edit_own_contact(actor), actor, "contact.picture.set")
    picture.check_upload(data)  # the cheap refusals before a thread decodes anything
    clean = await asyncio.to_thread(picture.prepare, data)
    path = await asyncio.to_thread(photo_files.write_photo, actor.person_id, clean, "jpg")
    url = picture_route(actor.person_id, path)
    await Person.filter(id=actor.person_id).update(photo_url=url)
    await audit.record("contact.picture.set", audit.ALLOWED, actor=actor, concerned_person_id=actor.person_id)
    return url


async def do_remove_picture(actor: Actor, *, now: datetime) -> None:
    """Delete the guardian's picture: the file and its address."""
    await audit.check(access.can_edit_own_contact(actor), actor, "contact.picture.remove")
    await Person.filter(id=actor.person_id).update(photo_url="")
    await asyncio.to_thread(photo_files.remove_files, actor.person_id)
    await audit.record("contact.picture.remove", audit.ALLOWED, actor=actor, concerned_person_id=actor.person_id)
