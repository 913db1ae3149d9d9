"""Texts of the error pages and of refused input: key -> (Danish, English)."""

from __future__ import annotations

ERROR_TEXTS: dict[str, tuple[str, str]] = {
    "errorpage.not_found.title": ("Siden findes ikke", "This page does not exist"),
    "errorpage.not_found.detail": ("Adressen er forkert, eller det du leder efter findes ikke længere.",
                                   "The address is wrong, or what you are looking for no longer exists."),
    "errorpage.bad_request.title": ("Adressen kan ikke bruges", "The address cannot be used"),
    "errorpage.bad_request.detail": ("Adressen indeholder en værdi, Sammen ikke kan bruge. Gå tilbage og prøv igen.",
                                     "The address holds a value Sammen cannot use. Go back and try again."),
    "errorpage.server_error.title": ("Noget gik galt", "Something went wrong"),
    "errorpage.server_error.detail": ("Sammen kunne ikke vise siden. Prøv igen om lidt, og kontakt kommunens "
                                      "support, hvis det bliver ved.",
                                      "Sammen could not show the page. Try again in a moment, and contact the "
                                      "municipality's support if it keeps happening."),
    "error.control_characters": ("Teksten indeholder et usynligt kontroltegn (ofte fra kopieret tekst). Fjern det, "
                                 "og prøv igen. Intet er gemt.",
                                 "The text contains an invisible control character (often from copied text). Remove "
                                 "it and try again. Nothing was saved."),
}
