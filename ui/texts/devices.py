"""Texts for remembered devices and passkey unlock (Danish first, English second)."""

from __future__ import annotations

DEVICE_TEXTS: dict[str, tuple[str, str]] = {
    "device.remember": ("Husk denne enhed", "Remember this device"),
    "device.remember_hint": (
        "Kun på din egen telefon eller computer: du forbliver logget ind i op til 90 dage. Følsomme beskeder kræver "
        "stadig MitID. Personale og delte enheder logges altid ud efter 30 minutter.",
        "Only on your own phone or computer: you stay signed in for up to 90 days. Sensitive messages still need "
        "MitID. Staff and shared devices are always signed out after 30 minutes."),
    "device.not_remembered": (
        "Enheden blev ikke husket: det gælder kun forældre på deres egen enhed. Du logges ud efter 30 minutter.",
        "The device was not remembered: that is only for parents on their own device. You are signed out after "
        "30 minutes."),
    "device.list_title": ("Huskede enheder", "Remembered devices"),
    "device.list_hint": (
        "Her er du logget ind uden MitID i op til 90 dage (dog ikke til følsomme beskeder).",
        "Here you stay signed in without MitID for up to 90 days (but not for sensitive messages)."),
    "device.list_empty": ("Ingen huskede enheder.", "No remembered devices."),
    "device.this_device": ("Denne enhed", "This device"),
    "device.added": ("Husket {date}", "Remembered {date}"),
    "device.used": ("Sidst brugt {date}", "Last used {date}"),
    "device.expires": ("Udløber {date}", "Expires {date}"),
    "device.has_passkey": ("Låses op med fingeraftryk eller ansigt", "Unlocked with fingerprint or face"),
    "device.forget": ("Glem denne enhed", "Forget this device"),
    "device.forget_named": ("Glem {label}", "Forget {label}"),
    "device.forget_confirm": (
        "Glem {label}? Næste gang skal du logge ind med MitID på den enhed.",
        "Forget {label}? Next time you must sign in with MitID on that device."),
    "device.forgotten": ("Enheden er glemt.", "The device is forgotten."),
    "device.not_found": ("Enheden findes ikke længere.", "The device no longer exists."),
    "device.cancel": ("Annuller", "Cancel"),
    "device.logout_all": ("Log ud på alle enheder", "Log out on all devices"),
    "device.logout_all_hint": (
        "Logger dig ud overalt og glemmer alle huskede enheder.",
        "Signs you out everywhere and forgets every remembered device."),
    "device.logout_all_confirm": (
        "Log ud på alle enheder? Du skal logge ind med MitID igen på hver enhed.",
        "Log out on all devices? You must sign in with MitID again on each device."),
    "device.passkey_add": ("Lås op med fingeraftryk eller ansigt", "Unlock with fingerprint or face"),
    "device.passkey_add_hint": (
        "Når du har været væk i 30 minutter, beder Sammen om dit fingeraftryk eller ansigt, før den åbner.",
        "After 30 minutes away, Sammen asks for your fingerprint or face before it opens."),
    "device.passkey_added": ("Adgangsnøglen er gemt på denne enhed.", "The passkey is saved on this device."),
    "device.passkey_failed": ("Adgangsnøglen blev ikke gemt.", "The passkey was not saved."),
    "device.unlock_title": ("Lås Sammen op", "Unlock Sammen"),
    "device.unlock_text": (
        "Du har været væk et stykke tid. Brug dit fingeraftryk eller ansigt for at fortsætte.",
        "You have been away for a while. Use your fingerprint or face to continue."),
    "device.unlock": ("Lås op", "Unlock"),
    "device.unlock_mitid": ("Log ind med MitID i stedet", "Sign in with MitID instead"),
    "device.unlock_failed": (
        "Oplåsningen lykkedes ikke. Prøv igen, eller log ind med MitID.",
        "Unlocking did not work. Try again, or sign in with MitID."),
    "device.passkey.replayed": (
        "Oplåsningen blev afvist: svaret er allerede brugt. Prøv igen.",
        "Unlocking was refused: that answer was already used. Try again."),
    "device.passkey.foreign": (
        "Oplåsningen blev afvist: adgangsnøglen hører ikke til denne enhed.",
        "Unlocking was refused: the passkey does not belong to this device."),
    "device.passkey.invalid": (
        "Oplåsningen blev afvist: adgangsnøglen kunne ikke bekræftes.",
        "Unlocking was refused: the passkey could not be verified."),
    "device.passkey.no_device": (
        "Denne enhed er ikke husket længere. Log ind med MitID.",
        "This device is no longer remembered. Sign in with MitID."),
}
