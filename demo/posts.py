"""Demo opslag: a few posts per institution (one vigtigt, one expired, some to a group), comments and a report."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from tortoise.models import Model

from demo.rows import Demo
from domain.clock import COPENHAGEN
from domain.organisation.model import DAYCARE_KINDS, InstitutionKind, StaffRole
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, Person
from persistence.posts import ContentReport, Post, PostComment, PostGroup

POSTS_TABLES: list[type[Model]] = [Post, PostGroup, PostComment, ContentReport]
REPORTED_INSTITUTION = "Solsikken"  # the demo leader Peter Lund leads it, so /opslag shows him an open report

IMPORTANT = {
    "daycare": ("Lukket fredag på grund af personalemøde", "Institutionen holder lukket fredag fra kl. 12.\n"
                "Giv os besked i KommeGå, hvis I har brug for nødpasning."),
    "skole": ("Ændret mødetid på torsdag", "Alle elever møder først kl. 9.00 torsdag på grund af "
              "lærernes kursusdag.\nSFO/BFO åbner som sædvanlig kl. 6.30."),
    "fritid": ("Husk tilmelding til vinterferien", "Tilmeldingen til vinterferiens aktiviteter lukker på "
               "fredag. Tilmeld jeres barn i KommeGå eller skriv til os."),
}
GROUP_POSTS = {
    "daycare": [("Tur til skoven på onsdag", "Vi tager i skoven hele formiddagen. Husk tøj efter vejret, "
                 "gummistøvler og en ekstra madpakke."),
                ("Billeder fra sangdagen", "Tak for en dejlig sangdag. Vi hænger billederne op i garderoben.")],
    "skole": [("Ekskursion til Naturcentret", "Klassen tager på ekskursion tirsdag. Vi er tilbage kl. 13.30. "
               "Husk madpakke og drikkedunk."),
              ("Forældremøde i klassen", "Vi holder forældremøde torsdag kl. 17-18.30 i klassen. "
               "Vi taler om trivsel og om planen for foråret.")],
    "fritid": [("Fodboldturnering", "Vi har tilmeldt et hold til turneringen lørdag. Mødetid kl. 9 i hallen."),
               ("Værkstedet er åbent igen", "Værkstedet har fået nyt værktøj og er åbent hver dag fra kl. 14.")],
}
HOUSE_POSTS = {
    "daycare": ("Fællesspisning for familier", "Vi inviterer til fællesspisning torsdag kl. 16.30. "
                "Tag gerne en ret med til buffeten."),
    "skole": ("Skolefoto på mandag", "Fotografen kommer mandag. Søskendefotos kan tages efter skoletid."),
    "fritid": ("Nye åbningstider", "Fra næste måned åbner vi kl. 13 på onsdage."),
}
EXPIRED = ("Hittegods skal hentes", "Hittegodskassen tømmes. Kig efter jeres barns tøj inden fredag.")
COMMENTS = ["Tak for info!", "Vi kommer gerne.", "Dejligt, det glæder vi os til.", "Tak for en god dag.",
            "Skal vi selv have noget med?", "Super, tak."]


def _family(kind: InstitutionKind) -> str:
    if kind in DAYCARE_KINDS:
        return "daycare"
    return "skole" if kind is InstitutionKind.SKOLE else "fritid"


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), COPENHAGEN).astimezone(UTC)


class _PostsDemo:
    """The posts of the whole municipality, institution by institution."""

    def __init__(self, demo: Demo) -> None:
        self.demo, self.book, self.today = demo, demo.book, demo.today
        self.rng = Random("demo-posts")  # own randomness: the rest of the demo stays as it was
        self.people = {p.id: p for p in self.book.all(Person)}
        self.authors: dict[int, list[int]] = defaultdict(list)
        for job in self.book.all(Employment):
            if job.end is None or job.end >= self.today:
                self.authors[job.institution_id].append(job.person_id)
                if job.role == StaffRole.LEDER:
                    self.authors[job.institution_id].insert(0, job.person_id)
        guardians: dict[int, list[int]] = defaultdict(list)
        for c in self.book.all(Custody):
            if c.valid_to is None or c.valid_to >= self.today:
                guardians[c.child_id].append(c.guardian_id)
        self.by_house: dict[int, list[int]] = defaultdict(list)
        self.by_group: dict[int, list[int]] = defaultdict(list)
        for e in self.book.all(Enrolment):
            if e.start <= self.today and (e.end is None or e.end >= self.today):
                self.by_house[e.institution_id] += guardians[e.child_id]
                if e.group_id is not None:
                    self.by_group[e.group_id] += guardians[e.child_id]
        self.groups: dict[int, list[Group]] = defaultdict(list)
        for g in self.book.all(Group):
            if g.institution_id is not None:
                self.groups[g.institution_id].append(g)

    def _name(self, person_id: int) -> str:
        person = self.people[person_id]
        return f"{person.first_name} {person.last_name}"

    def _post(self, inst: Institution, author: int, text: tuple[str, str], days_ago: int, *,
              important: bool = False, expires_on: date | None = None, comments: bool = True) -> Post:
        created = _at(self.today - timedelta(days=days_ago), self.rng.randint(7, 15), self.rng.choice([0, 15, 30, 45]))
        return self.book.add(Post, institution_id=inst.id, author_id=author, author_name=self._name(author),
                             title=text[0], body=text[1], important=important, expires_on=expires_on,
                             allow_comments=comments, created_at=created, removed_at=None)

    def _comments(self, post: Post, readers: list[int], most: int) -> list[PostComment]:
        chosen = self.rng.sample(sorted(set(readers)), min(len(set(readers)), self.rng.randint(1, most)))
        return [self.book.add(PostComment, post_id=post.id, author_id=g, author_name=self._name(g),
                              body=self.rng.choice(COMMENTS), created_at=post.created_at + timedelta(hours=n + 1),
                              removed_at=None) for n, g in enumerate(chosen)]

    def institution(self, inst: Institution) -> None:
        """Four posts: vigtigt, one to a group, one to the whole house with comments, and one expired."""
        authors = self.authors.get(inst.id)
        if not authors:
            return
        family, readers = _family(InstitutionKind(inst.kind)), self.by_house[inst.id]
        self._post(inst, authors[0], IMPORTANT[family], 1, important=True, expires_on=self.today + timedelta(days=10),
                   comments=False)
        self._post(inst, self.rng.choice(authors), EXPIRED, 20, expires_on=self.today - timedelta(days=5))
        house = self._post(inst, self.rng.choice(authors), HOUSE_POSTS[family], 3)
        if readers:
            comments = self._comments(house, readers, 3)
            if inst.name == REPORTED_INSTITUTION and len(set(readers)) > 1:
                reporter = next(g for g in sorted(set(readers)) if g != comments[0].author_id)
                self.book.add(ContentReport, post_id=house.id, comment_id=comments[0].id, reporter_id=reporter,
                              reason="Kommentaren er ikke i orden over for de andre forældre.",
                              created_at=comments[0].created_at + timedelta(hours=2), handled_at=None,
                              handled_by_id=None, outcome="")
        groups = [g for g in self.groups[inst.id] if self.by_group[g.id]]
        if groups:
            group = self.rng.choice(groups)
            post = self._post(inst, self.rng.choice(authors), self.rng.choice(GROUP_POSTS[family]), 2)
            self.book.add(PostGroup, post_id=post.id, group_id=group.id)
            self._comments(post, self.by_group[group.id], 2)


def build_posts_demo(demo: Demo) -> None:
    """Add opslag for every active institution with staff (rows kept in the book, inserted with the rest)."""
    for table in POSTS_TABLES:
        demo.book.rows.setdefault(table, [])
    builder = _PostsDemo(demo)
    for inst in demo.book.all(Institution):
        if inst.active:
            builder.institution(inst)
