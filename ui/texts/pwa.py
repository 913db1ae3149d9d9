"""Texts for the installable app (manifest, offline page) and push on this device (Danish first, English second)."""

from __future__ import annotations

PWA_TEXTS: dict[str, tuple[str, str]] = {
    # the web app manifest and the page the service worker shows offline
    "pwa.description": (
        "Kommunikation mellem dagtilbud, skole og hjem — beskeder, KommeGå og kalender.",
        "Communication between day care, school and home — messages, check-in and calendar."),
    "pwa.offline.title": ("Ingen forbindelse — Sammen prøver igen", "No connection — Sammen is trying again"),
    "pwa.offline.detail": (
        "Din enhed har ikke forbindelse til Sammen lige nu. Siden åbner af sig selv, så snart forbindelsen er "
        "tilbage.",
        "Your device cannot reach Sammen just now. The page opens by itself as soon as the connection is back."),
    "pwa.offline.retry": ("Prøv igen nu", "Try again now"),
    # the profile's card: push notifications on this and other devices
    "push.card.title": ("Notifikationer på dine enheder", "Notifications on your devices"),
    "push.card.hint": (
        "Få besked på telefonen eller computeren, når der sker noget i Sammen. En notifikation viser afsender og "
        "emne, aldrig en følsom besked.",
        "Be told on your phone or computer when something happens in Sammen. A notification shows the sender and "
        "subject, never a sensitive message."),
    "push.enable": ("Slå notifikationer til på denne enhed", "Turn on notifications on this device"),
    "push.enabled": ("Notifikationer er slået til på denne enhed.", "Notifications are on for this device."),
    "push.denied": (
        "Browseren har blokeret notifikationer fra Sammen. Du kan tillade dem i browserens indstillinger for siden "
        "og prøve igen.",
        "The browser blocks notifications from Sammen. You can allow them in the browser's settings for the site "
        "and try again."),
    "push.unsupported": (
        "Denne browser kan ikke modtage notifikationer fra Sammen. På iPhone og iPad skal Sammen først føjes til "
        "hjemmeskærmen (Del → Føj til hjemmeskærm).",
        "This browser cannot receive notifications from Sammen. On iPhone and iPad, first add Sammen to the home "
        "screen (Share → Add to Home Screen)."),
    "push.dismissed": ("Du svarede ikke på, om Sammen må vise notifikationer. Prøv igen, og vælg Tillad.",
                       "You did not answer whether Sammen may show notifications. Try again and choose Allow."),
    "push.failed": ("Notifikationer kunne ikke slås til. Prøv igen om lidt.",
                    "Notifications could not be turned on. Try again in a moment."),
    "push.devices_empty": ("Ingen af dine enheder får notifikationer endnu.",
                           "None of your devices get notifications yet."),
    "push.this_device": ("denne enhed", "this device"),
    "push.added": ("Tilføjet {date}", "Added {date}"),
    "push.used": ("Sidst brugt {date}", "Last used {date}"),
    "push.never_used": ("Ikke brugt endnu", "Not used yet"),
    "push.remove": ("Fjern", "Remove"),
    "push.remove_named": ("Fjern {label}", "Remove {label}"),
    "push.remove_confirm": ("Fjern {label}? Enheden får ikke flere notifikationer fra Sammen.",
                            "Remove {label}? The device gets no more notifications from Sammen."),
    "push.removed": ("Enheden er fjernet.", "The device is removed."),
    "push.cancel": ("Annuller", "Cancel"),
    "push.label.on": ("{browser} på {system}", "{browser} on {system}"),
    "push.label.unknown": ("Ukendt browser", "Unknown browser"),
    # refusals (domain errors and the subscribe endpoint)
    "push.error.endpoint": ("Enheden kunne ikke tilmeldes: push-tjenestens adresse er ikke sikker (https).",
                            "The device could not be added: the push service's address is not secure (https)."),
    "push.error.keys": ("Enheden kunne ikke tilmeldes: dens nøgler er ugyldige.",
                        "The device could not be added: its keys are invalid."),
    "push.error.not_found": ("Enheden findes ikke længere.", "The device no longer exists."),
    "push.error.session": ("Du er ikke logget ind længere. Log ind igen.",
                           "You are no longer signed in. Sign in again."),
    "push.error.shared": ("Denne enhed er markeret som delt: notifikationer kan kun slås til på din egen enhed.",
                          "This device is marked as shared: notifications can only be turned on on your own device."),
    "push.error.token": ("Siden er for gammel. Genindlæs siden, og prøv igen.",
                         "The page is out of date. Reload the page and try again."),
}
