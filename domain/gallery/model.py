"""The gallery's read models and states (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

PUBLISHED = "published"  # shown to the guardians of the album
HELD = "held"  # a staff member said a child without photo consent is in it: shown to staff only, until confirmed
NO_CONSENT = "no_consent"  # a tagged child has no photo consent (now): shown to staff only, decided when read
NO_CONSENT_REASON = "child_without_consent"  # held by staff; any other held reason is a guardian's report
REPORT_MAX = 200
PAGE_SIZE = 60  # thumbnails on the first screen of an album; more on request
SIZES = ("thumb", "display", "original")


def state_of(stored: str, tagged: tuple[int, ...] | list[int], consented: set[int] | frozenset[int]) -> str:
    """The photo's state as a reader sees it now: a tagged child without photo consent hides it at once."""
    if any(child not in consented for child in tagged):
        return NO_CONSENT
    return stored


@dataclass(frozen=True)
class Tag:
    """A child tagged in a photo."""

    child_id: int
    name: str


@dataclass(frozen=True)
class Taggable:
    """A child of the album's group or institution, and whether they may be tagged (photo consent)."""

    child_id: int
    name: str
    consent: bool


@dataclass(frozen=True)
class Place:
    """Where an album can belong: a whole institution (no group) or one of its groups."""

    institution_id: int
    group_id: int | None
    name: str


@dataclass(frozen=True)
class AlbumCard:
    """An album as the list shows it: its place, the photos the reader may see and a cover."""

    id: int
    title: str
    place: str
    institution_id: int
    group_id: int | None
    created_at: datetime
    expires_at: datetime
    photo_count: int
    cover_photo_id: int | None
    waiting: int = 0  # photos waiting for a staff decision (staff only)


@dataclass(frozen=True)
class PhotoCard:
    """A photo as a reader sees it."""

    id: int
    album_id: int
    caption: str
    uploaded_at: datetime
    state: str
    tags: tuple[Tag, ...] = ()
    held_reason: str = ""  # staff only: why it waits (a child without consent, or a guardian's report)

    @property
    def shown(self) -> bool:
        """Whether guardians see it."""
        return self.state == PUBLISHED


@dataclass(frozen=True)
class AlbumPage:
    """One screen of an album: a page of its photos, and for staff what they may tag."""

    album: AlbumCard
    manage: bool
    photos: tuple[PhotoCard, ...]
    total: int
    offset: int
    taggable: tuple[Taggable, ...] = ()


@dataclass(frozen=True)
class Refused:
    """A file of an upload that was refused, and why (a text key and its values)."""

    name: str
    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Added:
    """What an upload stored, and the files it refused (the rest of the batch went on)."""

    photo_ids: tuple[int, ...]
    refused: tuple[Refused, ...]
