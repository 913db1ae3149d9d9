"""The profile's "Data delt med widgets": one line per widget with what it receives, its history one tap away."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from domain.widgets.tokens import TokenRecordView
from ui.components import empty_state
from ui.i18n import fmt_datetime, t

CLAIM_ORDER = ("role", "institutions", "children")
HISTORY = 10  # the latest times in a widget's details; the export holds them all


def claims_text(record: TokenRecordView) -> str:
    """The kinds of data a token carried, in words: 'din rolle, institutionsnumre, pseudonyme børne-id'er (2)'."""
    words = []
    for name in sorted(record.claims, key=lambda c: CLAIM_ORDER.index(c) if c in CLAIM_ORDER else len(CLAIM_ORDER)):
        words.append(t("claim.children", n=record.children) if name == "children" else
                     t(f"claim.{name}") if name in CLAIM_ORDER else name)
    return ", ".join(words)


@dataclass
class WidgetShare:
    """The tokens one widget was given, newest first."""

    widget: str
    supplier: str
    records: list[TokenRecordView]


def by_widget(records: list[TokenRecordView]) -> list[WidgetShare]:
    """Group the token records per widget, the widget given data most recently first (records come newest first)."""
    shares: dict[tuple[str, str], WidgetShare] = {}
    for r in records:
        shares.setdefault((r.widget, r.supplier), WidgetShare(r.widget, r.supplier, [])).records.append(r)
    return list(shares.values())


def _line(index: int, share: WidgetShare) -> None:
    latest = share.records[0]
    with ui.element("li").classes("w-full").mark(f"widget-share-{index}"):
        with ui.row().classes("w-full items-baseline justify-between no-wrap gap-2"):
            ui.label(share.widget).classes("text-weight-medium")
            ui.label(share.supplier).classes("text-caption text-grey-8 ellipsis")
        # The newest token says what the widget receives now; older ones are in the details.
        ui.label(f"{t('profile.col.data')}: {claims_text(latest)}").classes("text-body2")
        details = ui.expansion(t("profile.widget.details", widget=share.widget)).props("dense").classes(
            "w-full").mark(f"widget-details-{index}")
        with details:
            ui.label(t("profile.widget.supplier", supplier=share.supplier)).classes("text-body2")
            ui.label(t("profile.widget.count", n=len(share.records), at=fmt_datetime(latest.at))).classes(
                "text-body2")
            ui.label(t("profile.widget.history")).classes("text-subtitle2 q-mt-sm")
            with ui.element("ul").classes("q-pl-md q-my-none"):
                for r in share.records[:HISTORY]:
                    with ui.element("li"):
                        ui.label(fmt_datetime(r.at)).classes("text-caption text-grey-8")
                        ui.label(claims_text(r)).classes("text-caption")


def shared_list(records: list[TokenRecordView]) -> None:
    """One line per widget with its details one tap away, or a friendly empty state."""
    if not records:
        empty_state("verified_user", "profile.shared_empty")
        return
    with ui.element("ul").classes("w-full column gap-3 q-pl-none q-my-none").style("list-style: none").mark(
            "shared-table"):
        for index, share in enumerate(by_widget(records)):
            _line(index, share)
