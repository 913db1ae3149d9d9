"""The readiness matrix read model: institutions x checklist, filtered, as per-phase progress or one phase's items.

Read in a fixed number of queries however many institutions and items (counts are summed in the database), so
80 institutions x 400 items cost what 3 x 6 do; only the items of the page being looked at are read cell by cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.collation import danish_key
from domain.errors import NotFound
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.organisation.service import active_institution_rows
from domain.rollout import readiness
from domain.rollout.checklist import NO_PHASE, ItemView, load_items
from domain.rollout.model import AREA_OF_KIND, Area, CellStatus, ObservedKey, ReadinessCell
from domain.rollout.readiness import SAMMEN, observations
from domain.rollout.waves import by_institution, load_waves
from persistence.organisation import Institution
from persistence.rollout import ChecklistTick

PAGE_ITEMS = 12  # item columns shown at once when a phase is opened


@dataclass(frozen=True)
class MatrixFilter:
    """What the matrix shows: filters on institutions, and which phase's items (None: progress per phase)."""

    area: Area | None = None
    wave_id: int | None = None
    kind: InstitutionKind | None = None
    status: CellStatus | None = None
    phase: str | None = None
    page: int = 0

    def query(self) -> dict[str, str]:
        """The filters as a page address's query (Danish names; empty filters left out)."""
        pairs = {"omraade": self.area.value if self.area else "", "boelge": str(self.wave_id or ""),
                 "type": self.kind.value if self.kind else "", "status": self.status.value if self.status else "",
                 "fase": self.phase if self.phase is not None else "", "side": str(self.page or "")}
        if self.phase == NO_PHASE:
            pairs["fase"] = "-"
        return {k: v for k, v in pairs.items() if v}

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> MatrixFilter:
        """Filters from a query; an unknown or malformed value is left out rather than refused."""

        def pick(enum: type, key: str) -> object:
            try:
                return enum(params.get(key, ""))
            except ValueError:
                return None

        phase = params.get("fase") or None
        wave, page = params.get("boelge", ""), params.get("side", "")
        return cls(area=pick(Area, "omraade"),  # type: ignore[arg-type]
                   wave_id=int(wave) if wave.isdigit() and len(wave) < 10 else None,
                   kind=pick(InstitutionKind, "type"),  # type: ignore[arg-type]
                   status=pick(CellStatus, "status"),  # type: ignore[arg-type]
                   phase=NO_PHASE if phase == "-" else (phase[:40] if phase else None),
                   page=int(page) if page.isdigit() and len(page) < 6 else 0)

    def but(self, **changes: object) -> MatrixFilter:
        """The same filters with some changed (and back to the first page)."""
        return replace(self, **{"page": 0, **changes})  # type: ignore[arg-type]


@dataclass(frozen=True)
class Progress:
    """How many of a set of items an institution has done, and how many are past their deadline undone."""

    done: int = 0
    total: int = 0
    late: int = 0

    @property
    def status(self) -> CellStatus | None:
        """Late if anything is late, done when everything is; None when there is nothing to do."""
        if not self.total:
            return None
        if self.late:
            return CellStatus.LATE
        return CellStatus.DONE if self.done >= self.total else CellStatus.MISSING

    def plus(self, done: int, late: int) -> Progress:
        """The same items with `done` more done and `late` more late (negative to take back)."""
        return Progress(self.done + done, self.total, self.late + late)


@dataclass(frozen=True)
class Column:
    """A phase (by key, across the areas' programmes), or the items of no phase."""

    key: str
    label: str


@dataclass(frozen=True)
class MatrixRow:
    """One institution: progress per phase column, in all, and its cells for the items shown."""

    institution_id: int
    name: str
    kind: InstitutionKind
    area: Area
    wave: str
    progress: dict[str, Progress]
    total: Progress
    cells: dict[int, ReadinessCell] = field(default_factory=dict)


@dataclass(frozen=True)
class MatrixView:
    """The filtered matrix: rows in Danish order, phase columns, and when a phase is open its page of items."""

    filters: MatrixFilter
    today: date
    columns: list[Column]
    rows: list[MatrixRow]
    items: list[ItemView]
    item_count: int
    pages: int
    waves: list[tuple[int, str]]
    institutions: int
    all_items: dict[int, ItemView]

    def area_totals(self) -> dict[Area, Progress]:
        """Per area, the cells done of all cells, over the rows shown."""
        out: dict[Area, Progress] = {}
        for row in self.rows:
            known = out.get(row.area, Progress())
            out[row.area] = Progress(known.done + row.total.done, known.total + row.total.total,
                                     known.late + row.total.late)
        return out


def _columns(items: list[ItemView]) -> list[Column]:
    """Phase keys in the order their phases start; the items of no phase last."""
    first: dict[str, tuple[date, str]] = {}
    for item in items:
        if item.phase_id is None:
            continue
        start = item.phase_start or date.max
        if item.phase_key not in first or start < first[item.phase_key][0]:
            first[item.phase_key] = (start, item.phase_label)
    columns = [Column(key, label) for key, (_, label) in sorted(first.items(), key=lambda kv: kv[1])]
    if any(item.phase_id is None for item in items):
        columns.append(Column(NO_PHASE, ""))
    return columns


async def load_matrix(actor: Actor, filters: MatrixFilter, today: date) -> MatrixView:
    """The filtered matrix read model, in a fixed number of queries (about 14) whatever its size."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    institutions = await active_institution_rows()
    items = await load_items()
    all_waves = await load_waves()
    wave_of = by_institution(all_waves)
    by_area: dict[Area, list[ItemView]] = defaultdict(list)
    for item in items:
        by_area[item.area].append(item)
    wanted = [i for i in institutions
              if (filters.area is None or AREA_OF_KIND[InstitutionKind(i[2])] is filters.area)
              and (filters.kind is None or i[2] == filters.kind.value)
              and (filters.wave_id is None or (i[0] in wave_of and wave_of[i[0]].id == filters.wave_id))]
    ids = [i[0] for i in wanted]
    phase_key = {i.phase_id: i.phase_key for i in items if i.phase_id is not None}
    plain_done, plain_late_done = await _plain_counts(ids, today, phase_key)
    observed_items = [i for i in items if i.observed is not None]
    seen = await observations({i.observed for i in observed_items if i.observed}, today) if observed_items else {}
    hand = {(inst, item) for inst, item in await ChecklistTick.filter(
        ticked=True, item_id__in=[i.id for i in observed_items], institution_id__in=ids).values_list(
        "institution_id", "item_id")} if observed_items and ids else set()

    # Per area and column, once: how many items, how many past their deadline, and the few Sammen observes.
    base: dict[Area, dict[str, list[int]]] = {}
    watched: dict[Area, list[ItemView]] = defaultdict(list)
    for area, area_items in by_area.items():
        per_column: dict[str, list[int]] = {}
        for item in area_items:
            counts = per_column.setdefault(item.phase_key, [0, 0])
            counts[0] += 1
            counts[1] += item.deadline is not None and item.deadline < today
            if item.observed is not None:
                watched[area].append(item)
        base[area] = per_column
    rows: list[MatrixRow] = []
    for inst_id, name, kind_value in wanted:
        kind = InstitutionKind(kind_value)
        area = AREA_OF_KIND[kind]
        done = dict(plain_done.get(inst_id, {}))
        late_done = dict(plain_late_done.get(inst_id, {}))
        for item in watched[area]:
            if inst_id in seen.get(item.observed, set()) or (inst_id, item.id) in hand:  # type: ignore[arg-type]
                done[item.phase_key] = done.get(item.phase_key, 0) + 1
                if item.deadline is not None and item.deadline < today:
                    late_done[item.phase_key] = late_done.get(item.phase_key, 0) + 1
        # A tick left on an item of another area (the institution changed kind) has no column here and counts not.
        progress = {key: Progress(done.get(key, 0), total, late - late_done.get(key, 0))
                    for key, (total, late) in base.get(area, {}).items()}
        total = Progress(sum(p.done for p in progress.values()), sum(p.total for p in progress.values()),
                         sum(p.late for p in progress.values()))
        wave = wave_of.get(inst_id)
        rows.append(MatrixRow(inst_id, name, kind, area, wave.name if wave else "", progress, total))

    if filters.status is not None:
        scope = (lambda r: r.progress.get(filters.phase or "", Progress())) if filters.phase is not None \
            else (lambda r: r.total)
        rows = [r for r in rows if scope(r).status is filters.status]
    rows.sort(key=lambda r: danish_key(r.name))

    shown: list[ItemView] = []
    item_count, pages = 0, 0
    if filters.phase is not None:
        areas = {r.area for r in rows} if filters.area is None else {filters.area}
        phase_items = [i for i in items if i.phase_key == filters.phase and i.area in areas]
        item_count = len(phase_items)
        pages = max(1, -(-item_count // PAGE_ITEMS))
        page = min(filters.page, pages - 1)
        shown = phase_items[page * PAGE_ITEMS:(page + 1) * PAGE_ITEMS]
        await _fill_cells(rows, shown, seen)
    columns = _columns([i for i in items if filters.area is None or i.area is filters.area])
    return MatrixView(filters, today, columns, rows, shown, item_count, pages,
                      [(w.id, w.name) for w in all_waves], len(institutions), {i.id: i for i in items})


async def _plain_counts(ids: list[int], today: date, phase_key: Mapping[int, str]
                        ) -> tuple[dict[int, dict[str, int]], dict[int, dict[str, int]]]:
    """Ticked items that Sammen does not observe, per institution and phase column: all, and those past deadline."""
    done: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    late_done: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if not ids:
        return done, late_done
    base = ChecklistTick.filter(ticked=True, item__observed__isnull=True, institution_id__in=ids)
    for target, query in ((done, base), (late_done, base.filter(item__deadline__lt=today))):
        for inst, phase_id, n in await query.annotate(n=Count("id")).group_by(
                "institution_id", "item__phase_id").values_list("institution_id", "item__phase_id", "n"):
            target[inst][phase_key.get(phase_id, NO_PHASE) if phase_id is not None else NO_PHASE] += n
    return done, late_done


async def _fill_cells(rows: list[MatrixRow], items: list[ItemView], seen: Mapping[ObservedKey, set[int]]) -> None:
    """The cells of the shown items for the shown rows, in one query."""
    if not rows or not items:
        return
    ticks = {(t, i): (ticked, by, at, comment) for t, i, ticked, by, at, comment in await ChecklistTick.filter(
        item_id__in=[i.id for i in items], institution_id__in=[r.institution_id for r in rows]).values_list(
        "institution_id", "item_id", "ticked", "by_name", "at", "comment")}
    for row in rows:
        for item in items:
            if item.area is not row.area:
                continue
            row.cells[item.id] = cell_of(row.institution_id, item, ticks.get((row.institution_id, item.id)), seen)


def cell_of(inst_id: int, item: ItemView, tick: tuple[bool, str, object, str] | None,
            seen: Mapping[ObservedKey, set[int]]) -> ReadinessCell:
    """A cell from its stored tick (ticked, by, at, comment) and what Sammen observed."""
    if item.observed is not None and inst_id in seen.get(item.observed, set()):
        return ReadinessCell(inst_id, item.id, True, SAMMEN, None, "", True)
    if tick is None:
        return ReadinessCell(inst_id, item.id, False, "", None, "", False)
    ticked, by, at, comment = tick
    return ReadinessCell(inst_id, item.id, ticked, by, at, comment, False)  # type: ignore[arg-type]


@dataclass(frozen=True)
class InstitutionChecklist:
    """One institution's checklist: its items in order and their cells (a leader's or superuser's page)."""

    institution_id: int
    name: str
    area: Area
    wave: str
    items: list[ItemView]
    cells: dict[int, ReadinessCell]
    can_tick: bool = False


async def load_institution(actor: Actor, institution_id: int, today: date) -> InstitutionChecklist:
    """One institution's checklist for the team, its leader and its staff; can_tick says who may also tick it."""
    can_tick = await readiness.check_view(actor, institution_id, today)
    rows = await Institution.filter(id=institution_id).values_list("name", "kind")
    if not rows:
        raise NotFound("error.not_found")
    name, kind = rows[0]
    area = AREA_OF_KIND[InstitutionKind(kind)]
    items = [i for i in await load_items() if i.area is area]
    seen = await observations({i.observed for i in items if i.observed}, today)
    ticks = {i: (ticked, by, at, comment) for i, ticked, by, at, comment in await ChecklistTick.filter(
        institution_id=institution_id).values_list("item_id", "ticked", "by_name", "at", "comment")}
    wave = by_institution(await load_waves()).get(institution_id)
    return InstitutionChecklist(institution_id, name, area, wave.name if wave else "", items,
                                {i.id: cell_of(institution_id, i, ticks.get(i.id), seen) for i in items}, can_tick)


async def load_all(actor: Actor, today: date) -> list[InstitutionChecklist]:
    """Every active institution's whole checklist (the CSV export), in a fixed number of queries."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    items = await load_items()
    seen = await observations({i.observed for i in items if i.observed}, today)
    ticks = {(t, i): (ticked, by, at, comment) for t, i, ticked, by, at, comment in await ChecklistTick.all()
             .values_list("institution_id", "item_id", "ticked", "by_name", "at", "comment")}
    wave_of = by_institution(await load_waves())
    out = []
    for inst_id, name, kind in sorted(await active_institution_rows(), key=lambda r: danish_key(r[1])):
        area = AREA_OF_KIND[InstitutionKind(kind)]
        mine = [i for i in items if i.area is area]
        wave = wave_of.get(inst_id)
        out.append(InstitutionChecklist(inst_id, name, area, wave.name if wave else "", mine,
                                        {i.id: cell_of(inst_id, i, ticks.get((inst_id, i.id)), seen) for i in mine},
                                        True))
    return out
