"""Texts for notification choices (the profile's Notifikationer section, Overblik's first question) and the e-mails."""

from __future__ import annotations

NOTIFY_PREFS_TEXTS: dict[str, tuple[str, str]] = {
    "notify.prefs.title": ("Notifikationer", "Notifications"),
    "notify.prefs.intro": (
        "Vælg for hver slags, hvordan du vil have besked. Alt står altid i Sammen; slår du alt fra, får du det kun "
        "i appen.",
        "Choose for each kind how you want to be told. Everything is always in Sammen; turn everything off and you "
        "get it only in the app."),
    "notify.prefs.safe": (
        "En notifikation viser afsender og emne, aldrig selve teksten. En følsom besked siger kun, at den er kommet.",
        "A notification shows the sender and subject, never the text itself. A sensitive message only says that it "
        "has arrived."),
    "notify.prefs.email_needs_address": (
        "E-mail kræver, at Sammen har din e-mailadresse (se kortet E-mail ovenfor).",
        "E-mail needs Sammen to have your e-mail address (see the E-mail card above)."),
    "notify.prefs.no_address": (
        "Sammen har ingen e-mailadresse på dig, så e-mail og daglig opsummering sendes ikke, selv om de er slået til.",
        "Sammen has no e-mail address for you, so e-mail and the daily summary are not sent even when turned on."),
    "notify.prefs.summary_off": (
        "Den daglige opsummering er slået fra i kortet E-mail ovenfor, så den sendes ikke, før du slår den til der.",
        "The daily summary is turned off in the E-mail card above, so it is not sent until you turn it on there."),
    "notify.prefs.only_app": ("Kun i appen", "Only in the app"),
    "notify.prefs.crisis_hint": (
        "En krisebesked kommer altid som push og også i de stille timer. Den kan ikke slås fra.",
        "A crisis message always comes as a push, also in the quiet hours. It cannot be turned off."),
    "notify.channel.push": ("Push på telefonen", "Push on the phone"),
    "notify.channel.email": ("E-mail med det samme", "E-mail at once"),
    "notify.channel.digest": ("I den daglige opsummering", "In the daily summary"),
    "notify.category.message": ("Beskeder og svar", "Messages and replies"),
    "notify.category.post": ("Opslag markeret Vigtigt", "Posts marked Important"),
    "notify.category.invitation": ("Invitationer", "Invitations"),
    "notify.category.event": ("Ændrede og aflyste begivenheder", "Changed and cancelled events"),
    "notify.category.reminder": ("Påmindelser", "Reminders"),
    "notify.category.deadline": ("Frister for skemaer og ferie", "Deadlines for forms and holidays"),
    "notify.category.conference": ("Samtaletider", "Conference slots"),
    "notify.category.presence": ("KommeGå: tjekket ind og ud", "KommeGå: checked in and out"),
    "notify.category.crisis": ("Krisebeskeder", "Crisis messages"),
    "notify.category.gallery": ("Nye billeder i Galleri", "New photos in the Gallery"),
    "notify.prefs.switch_label": ("{category}: {channel}", "{category}: {channel}"),
    "notify.prefs.saved.on": ("Gemt – {category}: {channel} slået til", "Saved – {category}: {channel} turned on"),
    "notify.prefs.saved.off": ("Gemt – {category}: {channel} slået fra", "Saved – {category}: {channel} turned off"),
    "notify.prefs.saved.exclusive": (
        "Gemt – {category}: {channel} slået til (og {other} slået fra)",
        "Saved – {category}: {channel} turned on (and {other} turned off)"),
    "notify.prefs.times": ("Stille timer og opsummering", "Quiet hours and summary"),
    "notify.prefs.quiet_from": ("Stille fra", "Quiet from"),
    "notify.prefs.quiet_to": ("Stille til", "Quiet until"),
    "notify.prefs.quiet_hint": (
        "I de stille timer venter push og e-mail til bagefter. Samme tid i begge felter: ingen stille timer.",
        "In the quiet hours push and e-mail wait until afterwards. The same time in both fields: no quiet hours."),
    "notify.prefs.digest_at": ("Daglig opsummering kl.", "Daily summary at"),
    "notify.prefs.save_times": ("Gem tider", "Save times"),
    "notify.prefs.times_saved": ("Gemt – stille fra {start} til {end}, opsummering kl. {digest}",
                                 "Saved – quiet from {start} to {end}, summary at {digest}"),
    "notify.prefs.times_saved_none": ("Gemt – ingen stille timer, opsummering kl. {digest}",
                                      "Saved – no quiet hours, summary at {digest}"),
    "notify.prefs.bad_time": ("»{value}« er ikke et klokkeslæt. Skriv fx 21:00. Intet er ændret.",
                              "“{value}” is not a time of day. Write e.g. 21:00. Nothing was changed."),
    "notify.prefs.no_time": ("Skriv et klokkeslæt, fx 21:00. Intet er ændret.",
                             "Write a time of day, e.g. 21:00. Nothing was changed."),
    "notify.prefs.crisis_locked": ("En krisebesked kommer altid som push og kan ikke slås fra.",
                                   "A crisis message always comes as a push and cannot be turned off."),
    "notify.prefs.not_offered": ("En krisebesked sendes med det samme og kommer ikke i den daglige opsummering.",
                                 "A crisis message goes out at once and is not part of the daily summary."),
    # Overblik's first-login question
    "notify.first.title": ("Hvordan vil du have besked?", "How do you want to be told?"),
    "notify.first.text": (
        "Når der kommer en besked, et vigtigt opslag, en invitation, en ændring, en påmindelse, en frist eller en "
        "samtaletid. Du kan altid ændre det og vælge for hver slags på din profil.",
        "When a message, an important post, an invitation, a change, a reminder, a deadline or a conference slot "
        "arrives. You can always change it and choose for each kind on your profile."),
    "notify.first.email_needs_address": (
        "E-mail kræver, at Sammen har din e-mailadresse. Du kan se den på din profil.",
        "E-mail needs Sammen to have your e-mail address. You can see it on your profile."),
    "notify.first.push": ("Push på telefonen", "Push on the phone"),
    "notify.first.email": ("E-mail med det samme", "E-mail at once"),
    "notify.first.digest": ("Én daglig opsummering på e-mail", "One daily summary by e-mail"),
    "notify.first.save": ("Gem", "Save"),
    "notify.first.skip": ("Spring over", "Skip"),
    "notify.first.saved": ("Gemt – du kan ændre det på din profil", "Saved – you can change it on your profile"),
    "notify.first.skipped": ("Du kan vælge senere under Notifikationer på din profil",
                             "You can choose later under Notifications on your profile"),
    "notify.first.profile_link": ("Vælg for hver slags på din profil", "Choose for each kind on your profile"),
    # the e-mail card's new kind and the unsubscribe page
    "email.kind.digest": ("Daglig opsummering af notifikationer", "Daily summary of notifications"),
    "email.unsubscribe.ask.digest": (
        "Vil du slå den daglige opsummering af notifikationer fra? Alt står stadig i Sammen.",
        "Do you want to turn off the daily summary of notifications? Everything is still in Sammen."),
    "email.unsubscribe.done.digest": (
        "Du får ikke længere den daglige opsummering af notifikationer.",
        "You no longer get the daily summary of notifications."),
}
