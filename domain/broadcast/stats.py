"""Read figures for the sender: per broadcast and per institution, each in one grouped query."""

from __future__ import annotations

from tortoise.expressions import Q
from tortoise.functions import Count

from domain.broadcast.model import BroadcastSummary, InstitutionFigure
from domain.broadcast.service import check_admin
from domain.errors import NotFound
from domain.identity.model import Actor
from persistence.broadcast import Broadcast, BroadcastRecipient


async def list_broadcasts(actor: Actor, limit: int = 50) -> list[BroadcastSummary]:
    """The municipality's broadcasts, newest first, with distinct guardians reached, read and e-mailed."""
    municipality_id = await check_admin(actor, "broadcast.list")
    rows = await Broadcast.filter(municipality_id=municipality_id).order_by("-created_at", "-id").limit(limit)
    counts = await _guardian_counts([b.id for b in rows])
    return [BroadcastSummary(b.id, b.title, b.body, b.created_at, b.ended_at, b.email_after_minutes,
                             *counts.get(b.id, (0, 0, 0))) for b in rows]


async def broadcast_summary(actor: Actor, broadcast_id: int) -> BroadcastSummary:
    """One broadcast of the admin's municipality, or NotFound."""
    municipality_id = await check_admin(actor, "broadcast.view")
    b = await Broadcast.get_or_none(id=broadcast_id, municipality_id=municipality_id)
    if b is None:
        raise NotFound("broadcast.error.not_found")
    counts = await _guardian_counts([b.id])
    return BroadcastSummary(b.id, b.title, b.body, b.created_at, b.ended_at, b.email_after_minutes,
                            *counts.get(b.id, (0, 0, 0)))


async def _guardian_counts(broadcast_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """(guardians, read, e-mailed) per broadcast; a guardian at two institutions counts once."""
    if not broadcast_ids:
        return {}
    rows = await BroadcastRecipient.filter(broadcast_id__in=broadcast_ids).annotate(
        guardians=Count("guardian_id", distinct=True),
        read=Count("guardian_id", distinct=True, _filter=Q(read_at__isnull=False)),
        emailed=Count("guardian_id", distinct=True, _filter=Q(emailed_at__isnull=False)),
    ).group_by("broadcast_id").values_list("broadcast_id", "guardians", "read", "emailed")
    return {int(b): (int(g), int(r), int(e)) for b, g, r, e in rows}


async def figures_by_institution(actor: Actor, broadcast_id: int) -> list[InstitutionFigure]:
    """Recipients and reads per institution, by institution name (one grouped query)."""
    await broadcast_summary(actor, broadcast_id)
    return await institution_figures(broadcast_id)


async def institution_figures(broadcast_id: int) -> list[InstitutionFigure]:
    """The grouped figures without the access check (the caller has checked)."""
    rows = await BroadcastRecipient.filter(broadcast_id=broadcast_id).annotate(
        recipients=Count("id"), read=Count("read_at")).group_by("institution_id", "institution__name").values_list(
        "institution_id", "institution__name", "recipients", "read")
    figures = [InstitutionFigure(int(i), str(name), int(n), int(r)) for i, name, n, r in rows]
    return sorted(figures, key=lambda f: f.name)
