"""Texts for broadcast: key -> (Danish, English)."""

from __future__ import annotations

BROADCAST_TEXTS: dict[str, tuple[str, str]] = {
    "broadcast.title": ("Krisebesked", "Urgent message"),
    "broadcast.intro": ("Send en vigtig besked til alle forældre i valgte områder eller institutioner. Den står "
                        "øverst på deres Overblik, indtil de har læst den, og på den offentlige side /krise.",
                        "Send an urgent message to every guardian of chosen areas or institutions. It stays at "
                        "the top of their Overview until read, and on the public page /krise."),
    "broadcast.compose": ("Ny krisebesked", "New urgent message"),
    "broadcast.areas": ("Områder", "Areas"),
    "broadcast.area.dagtilbud": ("Dagtilbud", "Daycare"),
    "broadcast.area.bfo_klub": ("BFO og klub", "After-school and clubs"),
    "broadcast.area.skole": ("Skole", "Schools"),
    "broadcast.institutions": ("Institutioner (søg)", "Institutions (search)"),
    "broadcast.field.title": ("Overskrift", "Title"),
    "broadcast.field.body": ("Besked", "Message"),
    "broadcast.email_toggle": ("Send e-mail til forældre, der ikke har læst beskeden", "E-mail guardians who "
                                                                                         "have not read it"),
    "broadcast.email_minutes": ("efter antal minutter", "after minutes"),
    "broadcast.email_off": (
        "E-mail til forældre, der ikke har læst beskeden, er slået fra: kommunen har ikke sat en mailserver op "
        "(SMTP_HOST).",
        "E-mail to guardians who have not read the message is off: the municipality has not set up a mail server "
        "(SMTP_HOST)."),
    "broadcast.count.none": ("Vælg områder eller institutioner for at se, hvor mange der modtager beskeden.",
                             "Choose areas or institutions to see how many will receive it."),
    "broadcast.count": ("Beskeden sendes til {n} forældre.", "The message goes to {n} guardians."),
    "broadcast.send": ("Send krisebesked", "Send urgent message"),
    "broadcast.confirm": ("Send til {n} forældre?", "Send to {n} guardians?"),
    "broadcast.confirm_detail": ("Beskeden vises straks for alle modtagere og på den offentlige side.",
                                 "The message is shown at once to every recipient and on the public page."),
    "broadcast.confirm_send": ("Send nu", "Send now"),
    "broadcast.sent": ("Krisebeskeden er sendt.", "The urgent message has been sent."),
    "broadcast.list": ("Sendte krisebeskeder", "Sent urgent messages"),
    "broadcast.empty": ("Der er ikke sendt nogen krisebeskeder endnu.", "No urgent messages have been sent yet."),
    "broadcast.active": ("Aktiv", "Active"),
    "broadcast.ended": ("Afsluttet", "Ended"),
    "broadcast.sent_at": ("Sendt {when}", "Sent {when}"),
    "broadcast.read_of": ("Læst af {read} af {n} forældre ({pct} %)", "Read by {read} of {n} guardians ({pct} %)"),
    "broadcast.emailed": ("{n} har fået e-mail", "{n} e-mailed"),
    "broadcast.email_after": ("E-mail efter {n} minutter", "E-mail after {n} minutes"),
    "broadcast.no_email": ("Ingen e-mail", "No e-mail"),
    "broadcast.back": ("Alle krisebeskeder", "All urgent messages"),
    "broadcast.figures": ("Læst pr. institution", "Read per institution"),
    "broadcast.col.institution": ("Institution", "Institution"),
    "broadcast.col.recipients": ("Modtagere", "Recipients"),
    "broadcast.col.read": ("Læst", "Read"),
    "broadcast.col.percent": ("Procent", "Percent"),
    "broadcast.series.read": ("Læst", "Read"),
    "broadcast.series.unread": ("Ikke læst", "Not read"),
    "broadcast.end": ("Afslut", "End"),
    "broadcast.end_confirm": ("Afslut krisebeskeden? Den fjernes fra Overblik og fra den offentlige side.",
                              "End the urgent message? It leaves the Overview and the public page."),
    "broadcast.ended_done": ("Krisebeskeden er afsluttet.", "The urgent message has ended."),
    "broadcast.banner.label": ("Vigtig besked fra kommunen", "Urgent message from the municipality"),
    "broadcast.banner.read": ("Jeg har læst beskeden", "I have read the message"),
    "broadcast.public.title": ("Krisebeskeder fra kommunen", "Urgent messages from the municipality"),
    "broadcast.public.none": ("Der er ingen aktuelle krisebeskeder.", "There are no current urgent messages."),
    "broadcast.public.login": ("Log ind i Sammen", "Log in to Sammen"),
    "broadcast.public.reload_note": ("Siden opdaterer ikke af sig selv. Tryk på «Opdater» for at se de nyeste "
                                     "krisebeskeder.", "The page does not update by itself. Press “Update” to see "
                                     "the latest urgent messages."),
    "broadcast.public.reload": ("Opdater", "Update"),
    "broadcast.public.busy": ("Siden har mange besøgende lige nu. Prøv igen om et øjeblik.",
                              "The page has many visitors right now. Please try again in a moment."),
    "broadcast.error.title_empty": ("Skriv en overskrift.", "Write a title."),
    "broadcast.error.title_too_long": ("Overskriften må højst være {max} tegn.", "The title may be at most {max} "
                                                                                 "characters."),
    "broadcast.error.body_empty": ("Skriv en besked.", "Write a message."),
    "broadcast.error.body_too_long": ("Beskeden må højst være {max} tegn.", "The message may be at most {max} "
                                                                            "characters."),
    "broadcast.error.no_institutions": ("Vælg mindst ét område eller én institution.",
                                        "Choose at least one area or institution."),
    "broadcast.error.unknown_institution": ("En af de valgte institutioner findes ikke.",
                                            "One of the chosen institutions does not exist."),
    "broadcast.error.no_recipients": ("Der er ingen forældre i de valgte institutioner.",
                                      "There are no guardians in the chosen institutions."),
    "broadcast.error.minutes": ("Antal minutter før e-mail skal være mellem {low} og {high}.",
                                "Minutes before e-mail must be between {low} and {high}."),
    "broadcast.error.not_found": ("Krisebeskeden findes ikke.", "The urgent message does not exist."),
}
