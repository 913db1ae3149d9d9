"""Texts for provisioning: key -> (Danish, English)."""

from __future__ import annotations

PROVISIONING_TEXTS: dict[str, tuple[str, str]] = {
    "gdpr.hub.title": ("Persondata", "Personal data"),
    "gdpr.hub.intro": ("Kommunens værktøjer til databeskyttelse: hvem har set hvad, indsigt, sletning og samtykker.",
                       "The municipality's data protection tools: who saw what, access requests, deletion, consents."),
    "gdpr.hub.audit": ("Revisionslog", "Audit log"),
    "gdpr.hub.audit_text": ("Søg i loggen efter person, aktør, periode og handling; hent som CSV.",
                            "Search the log by person, actor, period and action; download as CSV."),
    "gdpr.hub.export": ("Indsigt", "Data export"),
    "gdpr.hub.export_text": ("Alt hvad Sammen har om en person, som en ZIP-fil (retten til indsigt).",
                             "Everything Sammen holds on a person, as a ZIP file (right of access)."),
    "gdpr.hub.retention": ("Sletteregler", "Retention rules"),
    "gdpr.hub.retention_text": ("Hvor længe beskeder og fremmødehistorik gemmes, og hvornår børn anonymiseres.",
                                "How long messages and presence history are kept, and when children are anonymised."),
    "gdpr.hub.consents": ("Samtykker", "Consents"),
    "gdpr.hub.consents_text": ("De samtykker kommunen beder forældre om, fx fotos i Sammen.",
                               "The consents the municipality asks guardians for, e.g. photos in Sammen."),
    "gdpr.hub.import": ("Import fra registre", "Import from registers"),
    "gdpr.hub.import_text": ("Institutioner, grupper, personer, forældremyndighed og personale fra kommunens systemer.",
                             "Institutions, groups, people, custody and staff from the municipality's systems."),
}
