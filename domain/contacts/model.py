"""Contact details, sharing choices and the class contact list, as pages read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sharing:
    """What a guardian lets the other parents of the class see; nothing by default."""

    phone: bool = False
    email: bool = False
    picture: bool = False


@dataclass(frozen=True)
class MyContact:
    """The signed-in guardian's own details, as the profile card shows and edits them."""

    person_id: int
    name: str
    phone: str  # formatted ("+45 12 34 56 78"), "" for none
    email: str
    picture_url: str
    sharing: Sharing


@dataclass(frozen=True)
class ListedGuardian:
    """One guardian on a contact list: only what the reader may see is filled in."""

    person_id: int
    name: str
    phone: str = ""
    email: str = ""
    picture_url: str = ""


@dataclass(frozen=True)
class ListedChild:
    """A child of the group with the guardians listed for it."""

    child_id: int
    name: str
    guardians: tuple[ListedGuardian, ...]


@dataclass(frozen=True)
class ContactList:
    """"Kontaktliste 2.A": per child, its guardians; staff see everyone, parents only what each chose to share."""

    group_id: int
    group_name: str
    institution_name: str
    for_staff: bool
    children: tuple[ListedChild, ...]


@dataclass(frozen=True)
class GroupLink:
    """A group whose contact list a guardian may open, and which of their children are in it."""

    group_id: int
    name: str
    child_ids: frozenset[int]
