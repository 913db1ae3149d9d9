"""Texts of a guardian's first-login walkthrough on Overblik: key -> (Danish, English)."""

from __future__ import annotations

ONBOARDING_TEXTS: dict[str, tuple[str, str]] = {
    "onboarding.title": ("Velkommen til Sammen", "Welcome to Sammen"),
    "onboarding.progress": ("Trin {n} af {total}: {step}", "Step {n} of {total}: {step}"),
    "onboarding.step.privatliv": ("Privatlivspolitik", "Privacy notice"),
    "onboarding.step.kontakt": ("Kontaktoplysninger", "Contact details"),
    "onboarding.step.samtykker": ("Samtykker", "Consents"),
    "onboarding.step.stamkort": ("Stamkort", "Stamkort"),
    "onboarding.step.besked": ("Notifikationer", "Notifications"),
    "onboarding.skip": ("Spring over", "Skip"),
    "onboarding.next": ("Videre", "Next"),
    "onboarding.skipped": ("Sprunget over – det står under Mangler på Overblik.",
                           "Skipped – it is listed as missing on Overblik."),
    "onboarding.privacy.text1": (
        "Kommunen er dataansvarlig for Sammen. Sammen gemmer det, der skal til for at skole, dagtilbud og familie kan "
        "tale sammen: navne, klasser og grupper, beskeder, opslag, komme/gå og de samtykker og stamkort, du giver.",
        "The municipality is the data controller for Sammen. Sammen keeps what school, daycare and family need to talk "
        "together: names, classes and groups, messages, posts, check-in and the consents and stamkort you give."),
    "onboarding.privacy.text2": (
        "Helbredsoplysninger ses kun af personalet i barnets grupper og kun efter login på højt niveau. Hver læsning "
        "og ændring logges. Widgets fra leverandører får kun pseudonyme oplysninger.",
        "Health information is seen only by the staff of the child's groups and only after a high-level login. Every "
        "read and change is logged. Suppliers' widgets get pseudonymous data only."),
    "onboarding.privacy.text3": (
        "Du kan altid hente dine data under Hent mine data på din profil og bede kommunen rette eller slette dem.",
        "You can always download your data under Download my data on your profile and ask the municipality to "
        "correct or delete it."),
    "onboarding.privacy.read": ("Jeg har læst den", "I have read it"),
    "onboarding.privacy.saved": ("Tak – det er noteret, at du har læst privatlivspolitikken.",
                                 "Thank you – it is noted that you have read the privacy notice."),
    "onboarding.contact.text": ("Skriv dit telefonnummer og din e-mail, og vælg hvad klassens forældre må se.",
                                "Enter your phone number and e-mail, and choose what the class's parents may see."),
    "onboarding.consents.text": ("Giv eller afvis samtykker for dine børn, fx til billeder. Du kan altid ændre dem.",
                                 "Give or refuse consents for your children, e.g. for photos. You can always change "
                                 "them."),
    "onboarding.stamkort.text": ("Skriv allergier, kost, medicin og egen læge på dit barns stamkort.",
                                 "Enter allergies, diet, medicine and own doctor on your child's stamkort."),
    "onboarding.open.title": ("{n} ting mangler: {steps}", "{n} things missing: {steps}"),
    "onboarding.open.title_one": ("1 ting mangler: {steps}", "1 thing missing: {steps}"),
    "onboarding.open.dismiss": ("Skjul {step}", "Hide {step}"),
    "onboarding.open.dismissed": ("{step} er skjult.", "{step} is hidden."),
    "onboarding.error.not_guardian": ("Kun forældre har velkomsten.", "Only guardians have the welcome."),
}
