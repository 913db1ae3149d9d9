"""Demo content for the built-in widgets: this week's ugeplaner and madplaner, and two links for everyone."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.rows import Demo, RowBook, insert_tables
from domain.clock import COPENHAGEN
from domain.organisation.model import DAYCARE_KINDS, GroupKind, InstitutionKind
from domain.widgets.model import WIDGET_ROLES
from persistence.organisation import Group, Institution
from persistence.people import Employment, GroupMembership, Person
from persistence.widgets import MenuPlan, WeekPlan, WidgetLink

WIDGET_TABLES: list[type[Model]] = [WeekPlan, MenuPlan, WidgetLink]
LINKS = [("Sammenby Kommune – skoler og dagtilbud", "https://www.example.dk/boern"),
         ("Skolekalender 2026/27", "https://www.example.dk/skolekalender")]

KLASSE = {
    "Dansk": ["Vi læser videre i klassens fælles bog og skriver læselog.", "Vi arbejder med navneord og udsagnsord.",
              "Højtlæsning og samtale om fortællingens personer.", "Vi skriver små historier med billeder."],
    "Matematik": ["Vi øver plus og minus med tiere og enere.", "Vi måler og vejer ting i klassen.",
                  "Vi arbejder med figurer og mønstre.", "Vi træner den lille tabel med spil."],
    "Natur/teknologi": ["Vi undersøger, hvad der flyder og synker.", "Tur i skoven: vi samler blade.",
                        "Vi taler om vejret og laver en vejrkalender."],
    "Idræt": ["Husk idrætstøj og håndklæde.", "Vi spiller boldspil udenfor, hvis vejret tillader det."],
}
KLASSE_NOTES = ["Husk madpakke og drikkedunk hver dag.", "Fredag er der fællessang i aulaen.",
                "Der er forældremøde torsdag kl. 17.", "Husk at aflevere sedlen om udflugten."]
STUE_DAYS = ["Tur til legepladsen i parken.", "Vi maler og klipper efterårsblade.", "Sang og rytmik i salen.",
             "Vi bager boller til eftermiddagsmaden.", "Skovtur – husk tøj efter vejret.",
             "Vi læser bøger og leger med klodser.", "Vi planter karse i vindueskarmen.",
             "Frilege på legepladsen og fodbold.", "Vi går på biblioteket."]
MENU = ["Rugbrød med leverpostej og agurk", "Fiskefrikadeller med rugbrød og remoulade",
        "Pasta med kødsauce og gulerødder", "Grøntsagssuppe med boller", "Kyllingesalat med pitabrød",
        "Frikadeller med kartoffelsalat", "Fuldkornspasta med grøntsager", "Boller i karry med ris",
        "Æggekage med rugbrød", "Linsesuppe med brød", "Tarteletter med høns i asparges", "Rugbrød med pålæg og frugt"]
WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag"]


def _klasse_text(demo: Demo) -> str:
    subjects = [f"{subject}: {demo.rng.choice(lines)}" for subject, lines in KLASSE.items()]
    return "\n".join([*subjects, demo.rng.choice(KLASSE_NOTES)])


def _stue_text(demo: Demo) -> str:
    return "\n".join(f"{day}: {text}" for day, text in zip(WEEKDAYS, demo.rng.sample(STUE_DAYS, 5), strict=True))


def _authors(demo: Demo) -> tuple[dict[int, int], dict[int, int]]:
    """An adult per group (a staff member in it) and per institution (its first employee), by id."""
    children = {p.id for p in demo.book.all(Person) if p.is_child}
    by_group: dict[int, int] = {}
    for m in demo.book.all(GroupMembership):
        if m.person_id not in children:
            by_group.setdefault(m.group_id, m.person_id)
    by_institution: dict[int, int] = {}
    for job in demo.book.all(Employment):
        by_institution.setdefault(job.institution_id, job.person_id)
    return by_group, by_institution


def build_widget_demo(demo: Demo) -> None:
    """Add ugeplaner for every klasse and stue, madplaner for daycare and BFO, and two links (after rollout)."""
    for table in WIDGET_TABLES:
        demo.book.rows.setdefault(table, [])
    year, week, weekday = demo.today.isocalendar()
    friday_before = demo.today - timedelta(days=weekday + 2)
    written = datetime.combine(friday_before, time(14, 30), COPENHAGEN).astimezone(UTC)
    by_group, by_institution = _authors(demo)
    for group in demo.book.all(Group):
        if group.kind not in (GroupKind.KLASSE, GroupKind.STUE) or group.institution_id is None:
            continue
        text = _klasse_text(demo) if group.kind == GroupKind.KLASSE else _stue_text(demo)
        author = by_group.get(group.id, by_institution.get(group.institution_id, 0))
        demo.book.add(WeekPlan, group_id=group.id, year=year, week=week, text=text, author_id=author,
                      updated_at=written)
    for institution in demo.book.all(Institution):
        if institution.kind not in DAYCARE_KINDS | {InstitutionKind.BFO}:
            continue
        demo.book.add(MenuPlan, institution_id=institution.id, year=year, week=week, days=demo.rng.sample(MENU, 5),
                      author_id=by_institution.get(institution.id, 0), updated_at=written)
    roles = sorted(role.value for role in WIDGET_ROLES)
    for position, (title, url) in enumerate(LINKS, start=1):
        demo.book.add(WidgetLink, title=title, url=url, roles=roles, institution_id=None, position=position)


async def insert_widget_demo(book: RowBook, conn: BaseDBAsyncClient) -> None:
    """Insert the widget rows inside the seed's transaction and move PostgreSQL sequences past them."""
    await insert_tables(book, conn, WIDGET_TABLES)
