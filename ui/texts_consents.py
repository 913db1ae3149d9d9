"""Texts for consents: key -> (Danish, English)."""

from __future__ import annotations

CONSENTS_TEXTS: dict[str, tuple[str, str]] = {
    # the guardian's page
    "consents.title": ("Samtykker", "Consents"),
    "consents.intro": ("Her bestemmer I, hvad institutionerne må med jeres barn. Uden samtykke gælder nej, "
                       "og I kan altid trække et samtykke tilbage.",
                       "Here you decide what the institutions may do with your child. Without consent the "
                       "answer is no, and you can always withdraw a consent."),
    "consents.no_children": ("Du har ingen børn at give samtykke for.", "You have no children to give consent for."),
    "consents.given": ("Givet", "Given"),
    "consents.not_given": ("Ikke givet", "Not given"),
    "consents.decided_at": ("Sidst ændret {when}", "Last changed {when}"),
    "consents.saved_given": ("Samtykket er givet.", "The consent is given."),
    "consents.saved_withdrawn": ("Samtykket er trukket tilbage.", "The consent is withdrawn."),
    "consents.photo.title": ("Foto af barnet", "Photo of the child"),
    "consents.photo.shown": ("Fotoet vises i Sammen.", "The photo is shown in Sammen."),
    "consents.photo.hidden": ("Fotoet er gemt, men vises ikke uden samtykke til billeder i Sammen.",
                              "The photo is stored but not shown without consent to photos in Sammen."),
    "consents.photo.none": ("Der er intet foto. Så vises barnets forbogstaver.",
                            "There is no photo, so the child's initials are shown."),
    "consents.photo.upload": ("Vælg foto (JPEG, PNG eller WebP, højst 5 MB)", "Choose a photo (JPEG, PNG or WebP, "
                                                                              "at most 5 MB)"),
    "consents.photo.remove": ("Slet foto", "Delete photo"),
    "consents.photo.saved": ("Fotoet er gemt.", "The photo is saved."),
    "consents.photo.removed": ("Fotoet er slettet.", "The photo is deleted."),
    "consents.photo.too_large": ("Fotoet er for stort. Det må højst fylde {mb} MB.",
                                 "The photo is too large. It may be at most {mb} MB."),
    "consents.photo.bad_type": ("Filen er ikke et foto. Vælg en JPEG-, PNG- eller WebP-fil.",
                                "The file is not a photo. Choose a JPEG, PNG or WebP file."),
    # the admin's page
    "consents.admin.title": ("Samtykker", "Consents"),
    "consents.admin.intro": ("De samtykker, kommunen beder forældre om. Billeder i Sammen kan ikke slås fra, "
                             "fordi børnenes fotos afhænger af det.",
                             "The consents the municipality asks parents for. Photos in Sammen cannot be turned "
                             "off, since children's photos depend on it."),
    "consents.admin.key": ("Nøgle", "Key"),
    "consents.admin.key_hint": ("Små bogstaver, tal og _, fx tur_bus", "Lower case, digits and _, e.g. tur_bus"),
    "consents.admin.name": ("Navn", "Name"),
    "consents.admin.description": ("Beskrivelse til forældrene", "Description for parents"),
    "consents.admin.active": ("Aktiv", "Active"),
    "consents.admin.inactive": ("Ikke aktiv", "Not active"),
    "consents.admin.builtin": ("Indbygget", "Built in"),
    "consents.admin.new": ("Nyt samtykke", "New consent"),
    "consents.admin.create": ("Opret", "Create"),
    "consents.admin.created": ("Samtykket er oprettet.", "The consent is created."),
    "consents.admin.save": ("Gem", "Save"),
    "consents.admin.saved": ("Gemt.", "Saved."),
    "consents.admin.edit": ("Ret", "Edit"),
    # staff
    "consents.group.title": ("Samtykker i {group}", "Consents in {group}"),
    "consents.group.intro": ("✓ betyder givet, ✗ betyder ikke givet. Fx: hvem må ikke fotograferes på turen?",
                             "✓ means given, ✗ means not given. E.g. who may not be photographed on the trip?"),
    "consents.group.child": ("Barn", "Child"),
    "consents.group.empty": ("Der er ingen børn i gruppen.", "There are no children in the group."),
    "consents.group.missing": ("Mangler {n}", "{n} missing"),
    "consents.staff.groups": ("Vælg en gruppe for at se børnenes samtykker.",
                              "Choose a group to see the children's consents."),
    "consents.badges.title": ("Samtykker", "Consents"),
    # the domain's refusals
    "consents.error.name_required": ("Skriv et navn.", "Write a name."),
    "consents.error.name_too_long": ("Navnet må højst have {max} tegn.", "The name may have at most {max} "
                                                                        "characters."),
    "consents.error.description_too_long": ("Beskrivelsen må højst have {max} tegn.",
                                            "The description may have at most {max} characters."),
    "consents.error.bad_key": ("Nøglen skal være 2-40 tegn: små bogstaver, tal og _ og begynde med et bogstav.",
                               "The key must be 2-40 characters: lower case letters, digits and _, starting with "
                               "a letter."),
    "consents.error.key_taken": ("Nøglen «{name}» findes allerede.", "The key «{name}» already exists."),
    "consents.error.photo_type_stays": ("Samtykket til billeder i Sammen kan ikke slås fra.",
                                        "The consent to photos in Sammen cannot be turned off."),
    "consents.error.unknown_type": ("Samtykket findes ikke (længere).", "The consent does not exist (any more)."),
}
