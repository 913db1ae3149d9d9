"""Texts of the profile page's sections and its section navigation: key -> (Danish, English)."""

from __future__ import annotations

PROFILE_TEXTS: dict[str, tuple[str, str]] = {
    "profile.nav": ("Gå til afsnit", "Go to section"),
    "profile.section.contact": ("Kontaktoplysninger", "Contact details"),
    "profile.section.notify": ("Notifikationer og enheder", "Notifications and devices"),
    "profile.section.consents": ("Samtykker", "Consents"),
    "profile.section.stamkort": ("Stamkort", "Stamkort (child's record)"),
    "profile.section.widgets": ("Data delt med widgets", "Data shared with widgets"),
    "profile.section.export": ("Hent mine data", "Download my data"),
    "profile.contact.other_roles": ("Dine kontaktoplysninger vedligeholdes af kommunen.",
                                    "Your contact details are kept by the municipality."),
    "profile.consents.summary": ("{child}: {given} af {total} samtykker givet",
                                 "{child}: {given} of {total} consents given"),
    "profile.consents.none": ("Du har ingen børn med samtykker i Sammen.",
                              "You have no children with consents in Sammen."),
    "profile.consents.open": ("Se og ændr samtykker", "See and change consents"),
    "profile.stamkort.none": ("Du har ingen børn med stamkort i Sammen.",
                              "You have no children with a stamkort in Sammen."),
    "profile.stamkort.line": ("Stamkort for {child}", "Stamkort for {child}"),
    "profile.widget.details": ("Detaljer om {widget}", "Details about {widget}"),
    "profile.widget.count": ("{n} gange, senest {at}", "{n} times, last {at}"),
    "profile.widget.supplier": ("Leverandør: {supplier}", "Supplier: {supplier}"),
    "profile.widget.history": ("Seneste gange", "Latest times"),
}
