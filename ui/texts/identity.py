"""Texts of the login and refusal pages: key -> (Danish, English)."""

from __future__ import annotations

LOGIN_TEXTS: dict[str, tuple[str, str]] = {
    # login
    "login.title": ("Log ind", "Log in"),
    "login.button": ("Log ind med MitID / UNI-Login", "Log in with MitID / UNI-Login"),
    "login.intro": ("Én indgang til dagtilbud, skole, BFO og klub.",
                    "One entrance to daycare, school, after-school care and club."),
    "login.dev_hint": ("Udviklingstilstand: du logger ind via den indbyggede test-identitetsudbyder.",
                       "Development mode: you log in through the built-in test identity provider."),
    "login.reason.expired": ("Du er blevet logget ud, fordi du ikke har været aktiv i et stykke tid.",
                             "You were logged out because you were inactive for a while."),
    "login.reason.logged_out": ("Du er logget ud.", "You are logged out."),
    "login.reason.required": ("Log ind for at fortsætte.", "Log in to continue."),
    "login.refused.title": ("Login blev afvist", "Login was refused"),
    "login.refused.unknown": (
        "Vi kender ikke dit login. Hvis du er forælder eller medarbejder i kommunen, så kontakt din institution, "
        "så de kan oprette dig.",
        "We do not recognise your login. If you are a parent or staff in the municipality, contact your "
        "institution so they can set you up."),
    "login.refused.inactive": ("Din bruger er lukket. Kontakt din institution eller kommunen.",
                               "Your account is closed. Contact your institution or the municipality."),
    "login.refused.no_role": (
        "Du har ingen rolle i Sammen lige nu (fx intet barn indskrevet og ingen ansættelse).",
        "You have no role in Sammen right now (no child enrolled and no employment, for example)."),
    "login.refused.failed": (
        "Login kunne ikke gennemføres. Prøv igen — kommer det igen, så kontakt kommunens support.",
        "Login could not be completed. Try again — if it happens again, contact the municipality's support."),
    "login.refused.provider": ("Identitetsudbyderen svarede ikke. Prøv igen om lidt.",
                               "The identity provider did not answer. Try again shortly."),
    "login.refused.too_many": (
        "Der er kommet for mange loginforsøg fra din netværksadresse. Vent {minutes} min., og prøv igen.",
        "Too many login attempts came from your network address. Wait {minutes} min. and try again."),
    "login.try_again": ("Prøv igen", "Try again"),
    "login.reason.cancelled": ("Login blev afbrudt.", "The login was cancelled."),
    "login.shared_device": ("Dette er en delt enhed (fx en tablet på stuen)",
                            "This is a shared device (e.g. a tablet in the room)"),
    "login.shared_device_hint": ("På en delt enhed skal man altid logge ind på ny, også lige efter en anden.",
                                 "On a shared device everyone logs in afresh, even right after someone else."),
    "login.step_up.cancelled": (
        "Du afbrød login med MitID. Du er stadig logget ind som før, og det følsomme indhold er stadig skjult.",
        "You cancelled the MitID login. You are still logged in as before, and the sensitive content stays hidden."),
    "login.step_up.not_reached": (
        "Login gav ikke sikringsniveau 3 (MitID), så det følsomme indhold er stadig skjult. "
        "Prøv igen, og log ind med MitID.",
        "The login did not reach assurance level 3 (MitID), so the sensitive content stays hidden. "
        "Try again and log in with MitID."),
    "login.cancelled.kept": ("Login blev afbrudt. Du er stadig logget ind som før.",
                             "The login was cancelled. You are still logged in as before."),
    "logout.refused": ("Du blev ikke logget ud, fordi siden var for gammel. Prøv at logge ud igen.",
                       "You were not logged out because the page was too old. Try logging out again."),
}
