"""Waves: a programme's institutions that go live together on one day; the project team creates and fills them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tortoise.exceptions import IntegrityError

from domain import access
from domain.audit import service as audit
from domain.collation import danish_key
from domain.dates import show_day
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.organisation.service import active_institution_rows
from domain.rollout.model import AREA_OF_KIND, Area, PlanChanged
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.organisation import Institution
from persistence.rollout import Programme, Wave, WaveMember

NAME_MAX = 120


@dataclass(frozen=True)
class WaveMemberView:
    """An institution in a wave."""

    institution_id: int
    name: str
    kind: InstitutionKind


@dataclass(frozen=True)
class WaveView:
    """A wave with its go-live date and its institutions in Danish order."""

    id: int
    programme_id: int
    area: Area
    name: str
    go_live: date
    members: tuple[WaveMemberView, ...]

    @property
    def institution_ids(self) -> frozenset[int]:
        """The ids of the wave's institutions."""
        return frozenset(m.institution_id for m in self.members)


@dataclass(frozen=True)
class WaveDraft:
    """What the wave dialog sends: a name and go-live date, and for a new wave its first institutions."""

    programme_id: int
    name: str
    go_live: date
    institution_ids: tuple[int, ...] = ()


def wave_order(wave: WaveView) -> tuple[int, date, tuple[str, str]]:
    """Waves of a programme by go-live date, then name in Danish order."""
    return wave.programme_id, wave.go_live, danish_key(wave.name)


async def load_waves(programme_id: int | None = None) -> list[WaveView]:
    """Every wave (or one programme's) with members, in two queries; for services that have checked access."""
    wave_rows = Wave.all() if programme_id is None else Wave.filter(programme_id=programme_id)
    member_rows = WaveMember.all() if programme_id is None else WaveMember.filter(programme_id=programme_id)
    members: dict[int, list[WaveMemberView]] = defaultdict(list)
    for wave_id, inst_id, name, kind in await member_rows.values_list(
            "wave_id", "institution_id", "institution__name", "institution__kind"):
        members[wave_id].append(WaveMemberView(inst_id, name, InstitutionKind(kind)))
    out = [WaveView(w_id, p_id, Area(area), name, go_live,
                    tuple(sorted(members[w_id], key=lambda m: danish_key(m.name))))
           for w_id, p_id, area, name, go_live in await wave_rows.values_list(
               "id", "programme_id", "programme__area", "name", "go_live")]
    return sorted(out, key=wave_order)


async def waves(actor: Actor, programme_id: int | None = None) -> list[WaveView]:
    """The waves the rollout pages show, with their institutions."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    return await load_waves(programme_id)


def by_institution(all_waves: Iterable[WaveView]) -> dict[int, WaveView]:
    """Institution id -> its wave; an institution with waves in several programmes gets the latest go-live."""
    out: dict[int, WaveView] = {}
    for wave in all_waves:
        for member in wave.members:
            known = out.get(member.institution_id)
            if known is None or (wave.go_live, wave.id) > (known.go_live, known.id):
                out[member.institution_id] = wave
    return out


async def wave_map(actor: Actor, programme_id: int | None = None) -> dict[int, WaveView]:
    """Institution id -> wave, for filters and results per wave (see by_institution)."""
    return by_institution(await waves(actor, programme_id))


async def wave_of(actor: Actor, institution_id: int, programme_id: int | None = None) -> WaveView | None:
    """The wave of one institution (in one programme, or its latest), or None."""
    return (await wave_map(actor, programme_id)).get(institution_id)


@dataclass(frozen=True)
class WaveBoard:
    """One programme's waves and the active institutions of its area that are in none of them."""

    programme_id: int
    area: Area
    start: date
    end: date
    waves: tuple[WaveView, ...]
    without: tuple[WaveMemberView, ...]


async def wave_board(actor: Actor, programme_id: int) -> WaveBoard:
    """What the wave page shows for a programme, in four queries."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    programme = await _programme(programme_id)
    area = Area(programme.area)
    listed = await load_waves(programme_id)
    placed = {m.institution_id for w in listed for m in w.members}
    without = [WaveMemberView(i, name, InstitutionKind(kind)) for i, name, kind in await active_institution_rows()
               if i not in placed and AREA_OF_KIND[InstitutionKind(kind)] is area]
    return WaveBoard(programme.id, area, programme.start, programme.end, tuple(listed),
                     tuple(sorted(without, key=lambda m: danish_key(m.name))))


async def _check_editor(actor: Actor) -> None:
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")


async def _programme(programme_id: int) -> Programme:
    programme = await Programme.get_or_none(id=programme_id)
    if programme is None:
        raise NotFound("error.not_found")
    return programme


async def _check_institutions(programme: Programme, institution_ids: Iterable[int]) -> None:
    """Refuse an unknown institution, or one of another area than the programme's."""
    wanted = set(institution_ids)
    if not wanted:
        return
    found = await Institution.filter(id__in=list(wanted)).values_list("id", "name", "kind")
    if {row[0] for row in found} != wanted:
        raise DomainError("rollout.error.unknown_institution")
    for _, name, kind in sorted(found, key=lambda row: danish_key(row[1])):
        if AREA_OF_KIND[InstitutionKind(kind)] is not Area(programme.area):
            raise DomainError("rollout.error.wrong_area", name=name)


async def check_wave(actor: Actor, draft: WaveDraft, wave_id: int | None = None) -> Programme:
    """Refuse others than the project team, an empty or taken name, a go-live outside the programme, wrong places."""
    await _check_editor(actor)
    check_typed_text(draft.name)
    name = draft.name.strip()
    if not name:
        raise DomainError("rollout.error.wave_name_required")
    if len(name) > NAME_MAX:
        raise DomainError("rollout.error.too_long")
    programme = await _programme(draft.programme_id)
    if not programme.start <= draft.go_live <= programme.end:
        raise DomainError("rollout.error.go_live_outside", start=show_day(programme.start),
                          end=show_day(programme.end))
    same = Wave.filter(programme_id=programme.id, name=name)
    if wave_id is not None:
        same = same.exclude(id=wave_id)
    if await same.exists():
        raise DomainError("rollout.error.wave_name_taken", name=name)
    await _check_institutions(programme, draft.institution_ids)
    return programme


async def do_create_wave(actor: Actor, draft: WaveDraft) -> int:
    """Create a wave; institutions named in the draft leave their current wave of the programme for it."""
    programme = await check_wave(actor, draft)
    try:
        async with committing(transaction) as outbox:
            wave = await Wave.create(programme_id=programme.id, name=draft.name.strip(), go_live=draft.go_live)
            ids = sorted(set(draft.institution_ids))
            await WaveMember.filter(programme_id=programme.id, institution_id__in=ids).delete()
            await WaveMember.bulk_create([WaveMember(wave_id=wave.id, programme_id=programme.id, institution_id=i)
                                          for i in ids])
            outbox.add(PlanChanged(programme.id))
    except IntegrityError as clash:
        # Someone else created a wave of that name, or moved one of the institutions, at the same moment.
        raise DomainError("rollout.error.try_again") from clash
    return wave.id


async def do_update_wave(actor: Actor, wave_id: int, name: str, go_live: date) -> None:
    """Rename a wave or change its go-live date."""
    await _check_editor(actor)
    wave = await Wave.get_or_none(id=wave_id)
    if wave is None:
        raise NotFound("error.not_found")
    await check_wave(actor, WaveDraft(wave.programme_id, name, go_live), wave_id)
    try:
        async with committing(transaction) as outbox:
            await Wave.filter(id=wave_id).update(name=name.strip(), go_live=go_live)
            outbox.add(PlanChanged(wave.programme_id))
    except IntegrityError as clash:
        raise DomainError("rollout.error.try_again") from clash


async def check_move(actor: Actor, institution_id: int, programme_id: int, wave_id: int | None) -> Programme:
    """Refuse others than the project team, a wave of another programme, an institution of another area."""
    await _check_editor(actor)
    programme = await _programme(programme_id)
    if wave_id is not None and not await Wave.filter(id=wave_id, programme_id=programme_id).exists():
        raise DomainError("rollout.error.unknown_wave")
    if wave_id is not None:
        await _check_institutions(programme, [institution_id])
    elif not await Institution.filter(id=institution_id).exists():
        raise DomainError("rollout.error.unknown_institution")
    return programme


async def do_move_institution(actor: Actor, institution_id: int, programme_id: int, wave_id: int | None) -> None:
    """Put an institution in a wave of the programme (leaving its old one there), or in none when wave_id is None."""
    await check_move(actor, institution_id, programme_id, wave_id)
    try:
        async with committing(transaction) as outbox:
            await WaveMember.filter(programme_id=programme_id, institution_id=institution_id).delete()
            if wave_id is not None:
                await WaveMember.create(wave_id=wave_id, programme_id=programme_id, institution_id=institution_id)
            outbox.add(PlanChanged(programme_id))
    except IntegrityError as clash:
        raise DomainError("rollout.error.try_again") from clash


async def do_delete_wave(actor: Actor, wave_id: int) -> WaveDraft:
    """Delete a wave (its institutions are then in none); returns a draft that brings it back, for undo."""
    await _check_editor(actor)
    wave = await Wave.get_or_none(id=wave_id)
    if wave is None:
        raise NotFound("error.not_found")
    members: list[int] = await WaveMember.filter(wave_id=wave_id).values_list(  # type: ignore[assignment]
        "institution_id", flat=True)
    async with committing(transaction) as outbox:
        await WaveMember.filter(wave_id=wave_id).delete()
        await Wave.filter(id=wave_id).delete()
        outbox.add(PlanChanged(wave.programme_id))
    return WaveDraft(wave.programme_id, wave.name, wave.go_live, tuple(sorted(members)))
