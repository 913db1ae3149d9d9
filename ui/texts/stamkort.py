"""Texts of the stamkort and its safety marks on the KommeGå board: key -> (Danish, English)."""

from __future__ import annotations

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "allergies": ("Allergier", "Allergies"),
    "diet": ("Kost og diæt", "Diet"),
    "medicine": ("Medicin", "Medicine"),
    "health_notes": ("Helbredsoplysninger", "Health information"),
    "doctor_name": ("Egen læge", "Own doctor"),
    "doctor_phone": ("Lægens telefon", "Doctor's phone"),
    "practical": ("Andre praktiske oplysninger", "Other practical information"),
}

STAMKORT_TEXTS: dict[str, tuple[str, str]] = {
    **{f"stamkort.field.{k}": v for k, v in FIELD_LABELS.items()},
    **{f"stamkort.too_long.{k}": (f"{da} må højst være {{max}} tegn. Intet er gemt.",
                                  f"{en} can be at most {{max}} characters. Nothing was saved.")
       for k, (da, en) in FIELD_LABELS.items()},
    "stamkort.title": ("Stamkort", "Stamkort (child's record)"),
    "stamkort.title_for": ("Stamkort for {name}", "Stamkort for {name}"),
    "stamkort.intro": ("Det personalet skal vide om dit barn. Kun barnets forældre kan rette, og kun personalet i "
                       "barnets grupper kan læse det. Alt bliver logget.",
                       "What staff need to know about your child. Only the child's guardians can edit it, and only "
                       "staff in the child's groups can read it. Everything is logged."),
    "stamkort.intro_staff": ("Udfyldt af barnets forældre. Din læsning bliver logget.",
                             "Filled in by the child's guardians. Your reading is logged."),
    "stamkort.safety": ("Sikkerhed", "Safety"),
    "stamkort.safety_hint": ("Allergier og kost vises for personalet på KommeGå-tavlen.",
                             "Allergies and diet are shown to staff on the KommeGå board."),
    "stamkort.health": ("Helbred", "Health"),
    "stamkort.health_hint": ("Personfølsomt: kan kun læses efter login med MitID.",
                             "Sensitive: can only be read after logging in with MitID."),
    "stamkort.health_hidden": ("Log ind med MitID for at se helbredsoplysninger",
                               "Log in with MitID to see health information"),
    "stamkort.step_up": ("Log ind med MitID", "Log in with MitID"),
    "stamkort.doctor": ("Læge og praktisk", "Doctor and practical"),
    "stamkort.save": ("Gem stamkort", "Save stamkort"),
    "stamkort.saved": ("Stamkortet er gemt", "The stamkort is saved"),
    "stamkort.unchanged": ("Intet var ændret", "Nothing was changed"),
    "stamkort.bad_phone": ("Telefonnummeret må kun indeholde tal, mellemrum, + og -. Intet er gemt.",
                           "The phone number may only contain digits, spaces, + and -. Nothing was saved."),
    "stamkort.empty": ("Ikke udfyldt", "Not filled in"),
    "stamkort.updated": ("Senest rettet {when} af {by}", "Last changed {when} by {by}"),
    "stamkort.consents": ("Tilladelser", "Permissions"),
    "stamkort.consents_link": ("Ret tilladelser under Samtykker", "Change permissions under Consents"),
    "stamkort.no_children": ("Du har ingen børn i Sammen", "You have no children in Sammen"),
    "stamkort.open": ("Stamkort", "Stamkort"),
    "stamkort.open_hint": ("Allergier, kost, helbred og egen læge", "Allergies, diet, health and own doctor"),
    "stamkort.board.allergy": ("Allergi", "Allergy"),
    "stamkort.board.allergy_spoken": ("allergi: {text}", "allergy: {text}"),
    "stamkort.board.diet": ("Kost", "Diet"),
    "stamkort.board.col": ("Allergi og kost", "Allergy and diet"),
}
