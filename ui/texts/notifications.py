"""Texts for e-mail settings (the profile card) and the unsubscribe page: key -> (Danish, English)."""

from __future__ import annotations

NOTIFICATIONS_TEXTS: dict[str, tuple[str, str]] = {
    # the E-mail card on /profil
    "email.card.title": ("E-mail", "E-mail"),
    "email.card.address": ("Sammen sender e-mail til {address}.", "Sammen sends e-mail to {address}."),
    "email.card.no_address": (
        "Sammen har ingen e-mailadresse på dig, så du får ingen e-mails. Kontakt din institution, hvis du vil have "
        "dem.",
        "Sammen has no e-mail address for you, so you get no e-mails. Contact your institution if you want them."),
    "email.kind.reminders": ("Påmindelser om begivenheder og samtaler", "Reminders of events and conferences"),
    "email.kind.urgent": ("Vigtige beskeder, du ikke har læst", "Important messages you have not read"),
    "email.kind.urgent_hint": (
        "Kommunens krisebeskeder står altid i Sammen. Her vælger du, om du også får en e-mail, når du ikke har "
        "læst dem.",
        "The municipality's urgent messages are always shown in Sammen. Here you choose whether you also get an "
        "e-mail when you have not read them."),
    "email.kind.surveys": ("Invitationer og påmindelser om evalueringer", "Invitations and reminders for surveys"),
    "email.saved.on": ("Gemt – slået til: {kind}", "Saved – turned on: {kind}"),
    "email.saved.off": ("Gemt – slået fra: {kind}", "Saved – turned off: {kind}"),
    # the page an e-mail's unsubscribe link opens (public, no login)
    "email.unsubscribe.title": ("Afmeld e-mails", "Unsubscribe from e-mails"),
    "email.unsubscribe.ask.reminders": (
        "Vil du slå e-mails med påmindelser om begivenheder og samtaler fra? Du kan stadig se dem i kalenderen i "
        "Sammen.",
        "Do you want to turn off e-mails with reminders of events and conferences? You can still see them in the "
        "calendar in Sammen."),
    "email.unsubscribe.ask.urgent": (
        "Vil du slå e-mails om vigtige beskeder, du ikke har læst, fra? Beskederne står stadig i Sammen og på den "
        "offentlige side /krise.",
        "Do you want to turn off e-mails about important messages you have not read? The messages are still shown "
        "in Sammen and on the public page /krise."),
    "email.unsubscribe.button": ("Slå disse e-mails fra", "Turn these e-mails off"),
    "email.unsubscribe.done.reminders": (
        "Du får ikke længere e-mails med påmindelser om begivenheder og samtaler.",
        "You no longer get e-mails with reminders of events and conferences."),
    "email.unsubscribe.done.urgent": (
        "Du får ikke længere e-mails om vigtige beskeder, du ikke har læst.",
        "You no longer get e-mails about important messages you have not read."),
    "email.unsubscribe.ask.surveys": (
        "Vil du slå e-mails med invitationer og påmindelser om evalueringer fra? Du kan stadig svare under "
        "Evaluering i Sammen.",
        "Do you want to turn off e-mails with invitations and reminders for surveys? You can still answer under "
        "Evaluering in Sammen."),
    "email.unsubscribe.done.surveys": (
        "Du får ikke længere e-mails med invitationer og påmindelser om evalueringer.",
        "You no longer get e-mails with invitations and reminders for surveys."),
    "email.unsubscribe.profile": ("Du kan slå e-mails til og fra på din profil i Sammen.",
                                  "You can turn e-mails on and off on your profile in Sammen."),
    "email.unsubscribe.profile_link": ("Gå til din profil", "Go to your profile"),
    "email.unsubscribe.bad_request": (
        "Afmeldingen kom ikke fra knappen på siden, så intet er ændret. Åbn linket i e-mailen igen.",
        "The unsubscription did not come from the button on the page, so nothing was changed. Open the link in "
        "the e-mail again."),
    "email.link.invalid": (
        "Linket virker ikke: det er måske kun kopieret halvt, eller det er for gammelt. Intet er ændret.",
        "The link does not work: perhaps only part of it was copied, or it is too old. Nothing was changed."),
}
