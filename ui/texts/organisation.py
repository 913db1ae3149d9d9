"""Texts of a child's page across institutions: key -> (Danish, English)."""

from __future__ import annotations

CHILD_TEXTS: dict[str, tuple[str, str]] = {
    "child.history": ("Forløb 0–16 år", "Path 0–16 years"),
    "child.history_hint": ("Barnets indskrivninger på tværs af institutioner.",
                           "The child's enrolments across institutions."),
    "child.now": ("Nu", "Now"),
    "child.until_now": ("nu", "now"),
    "child.born": ("Født", "Born"),
    "child.age": ("{age} år", "{age} years"),
    "child.cpr": ("CPR", "CPR"),
    "child.guardians": ("Forældremyndighed", "Guardians"),
    "child.pickup": ("Må hente", "May pick up"),
    "child.pickup_empty": ("Kun forældre. Andre der må hente, tilføjes i KommeGå.",
                           "Guardians only. Others who may pick up are added in KommeGå."),
    "child.not_enrolled": ("Ikke indskrevet lige nu", "Not enrolled right now"),
}
