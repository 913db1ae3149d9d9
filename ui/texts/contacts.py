"""Texts for contact details on the profile, the class contact list and guardian pictures (Danish, English)."""

from __future__ import annotations

CONTACTS_TEXTS: dict[str, tuple[str, str]] = {
    "contacts.card.title": ("Kontaktoplysninger", "Contact details"),
    "contacts.card.hint": ("Personalet ser altid dit telefonnummer og din e-mail. Du vælger selv, hvad de andre "
                           "forældre i klassen må se.",
                           "Staff always see your phone number and e-mail. You choose what the other parents of "
                           "the class may see."),
    "contacts.phone": ("Telefonnummer", "Phone number"),
    "contacts.phone.hint": ("Fx 12 34 56 78 eller +46 70 123 45 67", "E.g. 12 34 56 78 or +46 70 123 45 67"),
    "contacts.email": ("E-mail", "E-mail"),
    "contacts.email.hint": ("Sammen sender også dine beskeder hertil.", "Sammen also sends your notifications here."),
    "contacts.share.title": ("Må de andre forældre i klassen se:", "The other parents of the class may see:"),
    "contacts.share.phone": ("Mit telefonnummer", "My phone number"),
    "contacts.share.email": ("Min e-mail", "My e-mail"),
    "contacts.share.picture": ("Mit billede", "My picture"),
    "contacts.save": ("Gem kontaktoplysninger", "Save contact details"),
    "contacts.saved": ("Dine kontaktoplysninger er gemt.", "Your contact details are saved."),
    "contacts.phone.invalid": ("Telefonnummeret ser forkert ud. Skriv 8 cifre (12 34 56 78) eller et nummer med "
                               "landekode (+46 70 123 45 67). Intet er gemt.",
                               "The phone number looks wrong. Enter 8 digits (12 34 56 78) or a number with its "
                               "country code (+46 70 123 45 67). Nothing was saved."),
    "contacts.email.invalid": ("E-mailadressen ser forkert ud (fx navn@eksempel.dk). Intet er gemt.",
                               "The e-mail address looks wrong (e.g. name@example.com). Nothing was saved."),
    "contacts.picture": ("Billede", "Picture"),
    "contacts.picture.hint": ("Vises for personalet på KommeGå, når du henter, og på vægskærmen, hvis du deler det.",
                              "Shown to staff on KommeGå when you pick up, and on the wall screen if you share it."),
    "contacts.picture.upload": ("Vælg billede", "Choose picture"),
    "contacts.picture.saved": ("Dit billede er gemt.", "Your picture is saved."),
    "contacts.picture.remove": ("Slet billede", "Delete picture"),
    "contacts.picture.removed": ("Dit billede er slettet.", "Your picture is deleted."),
    "contacts.picture.none": ("Du har ikke noget billede.", "You have no picture."),
    "contacts.picture.empty": ("Filen er tom. Vælg et billede. Intet er gemt.",
                               "The file is empty. Choose a picture. Nothing was saved."),
    "contacts.picture.too_large": ("Billedet er for stort. Det må højst fylde {mb} MB. Intet er gemt.",
                                   "The picture is too large. It may be at most {mb} MB. Nothing was saved."),
    "contacts.picture.bad_type": ("Filen er ikke et billede. Vælg en JPEG-, PNG- eller WebP-fil (et iPhone-billede "
                                  "i HEIC kan gemmes som JPEG først). Intet er gemt.",
                                  "The file is not a picture. Choose a JPEG, PNG or WebP file (save an iPhone HEIC "
                                  "picture as JPEG first). Nothing was saved."),
    "contacts.picture.unreadable": ("Billedet kan ikke læses (det er måske ufuldstændigt). Vælg et andet. Intet er "
                                    "gemt.", "The picture cannot be read (it may be incomplete). Choose another. "
                                    "Nothing was saved."),
    "contacts.list.title": ("Kontaktliste {group}", "Contact list {group}"),
    "contacts.list.link": ("Kontaktliste", "Contact list"),
    "contacts.list.link_group": ("Kontaktliste {group}", "Contact list {group}"),
    "contacts.list.intro_parent": ("Forældre, der har valgt at dele deres kontaktoplysninger med klassen. Du vælger "
                                   "selv, hvad du deler, under Profil.",
                                   "Parents who chose to share their contact details with the class. You choose what "
                                   "you share under Profile."),
    "contacts.list.intro_staff": ("Alle forældre til børnene i gruppen (kun for personalet).",
                                  "All parents of the children in the group (staff only)."),
    "contacts.list.empty": ("Ingen forældre deler endnu deres kontaktoplysninger.",
                            "No parents share their contact details yet."),
    "contacts.list.no_guardian": ("Ingen forældre registreret", "No parents registered"),
    "contacts.list.print": ("Udskriv", "Print"),
    "contacts.list.call": ("Ring til {name}", "Call {name}"),
    "contacts.list.mail": ("Skriv e-mail til {name}", "E-mail {name}"),
    "contacts.list.my_share": ("Hvad deler jeg?", "What do I share?"),
    "contacts.pickup.phone": ("Telefon: {phone}", "Phone: {phone}"),
}
