"""Allergies and diet from the stamkort on the KommeGå board: the tile's mark, the dialog's lines, the daily list."""

from __future__ import annotations

from nicegui import ui

from domain.stamkort.model import Safety
from ui.i18n import t

ALLERGY_ICON = "no_food"


def allergy_spoken(safety: Safety | None) -> str:
    """What a screen reader hears on the tile ("allergi: Jordnødder"), empty without an allergy."""
    return t("stamkort.board.allergy_spoken", text=safety.allergies) if safety and safety.has_allergy else ""


def safety_text(safety: Safety | None) -> str:
    """One line for the daily list: "Allergi: Jordnødder · Kost: Laktosefri"."""
    if safety is None:
        return ""
    parts = [f"{t('stamkort.board.allergy')}: {safety.allergies}" if safety.allergies else "",
             f"{t('stamkort.board.diet')}: {safety.diet}" if safety.diet else ""]
    return " · ".join(p for p in parts if p)


def safety_block(safety: Safety | None) -> None:
    """The tile dialog's allergy and diet, in words beside an icon (not colour alone)."""
    if safety is None or not (safety.allergies or safety.diet):
        return
    with ui.column().classes("gap-1 w-full bg-red-1 q-pa-xs rounded-borders").mark("panel-safety"):
        for key, icon, text in (("allergy", ALLERGY_ICON, safety.allergies), ("diet", "restaurant", safety.diet)):
            if not text:
                continue
            with ui.row().classes("items-start no-wrap gap-1"):
                ui.icon(icon, color="red-10").props('aria-hidden="true"')
                ui.label(f"{t(f'stamkort.board.{key}')}: {text}").classes("text-body2 text-weight-medium").style(
                    "white-space: pre-wrap; overflow-wrap: anywhere").mark(f"panel-{key}")
