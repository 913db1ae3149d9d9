"""Texts for data_export: key -> (Danish, English)."""

from __future__ import annotations

DATA_EXPORT_TEXTS: dict[str, tuple[str, str]] = {
    "export.title": ("Indsigt i persondata", "Access to personal data"),
    "export.intro": ("Find den person, der har bedt om indsigt. Du får en ZIP-fil med alt, hvad Sammen har om "
                     "personen og om de børn, personen har forældremyndighed over — og intet om andre.",
                     "Find the person who asked for access. You get a ZIP file with everything Sammen holds on "
                     "them and on the children in their custody — and nothing on anyone else."),
    "export.download": ("Hent indsigt (ZIP)", "Download access file (ZIP)"),
    "export.confirm": ("Hent alle data om {name}?", "Download all data on {name}?"),
    "export.confirm_text": ("Hentningen bliver logget med dit navn og tidspunktet.",
                            "The download is logged with your name and the time."),
    "export.confirm_ok": ("Hent", "Download"),
    "export.refused": ("Du kan kun hente dine egne data. Forsøget er registreret.",
                       "You can only download your own data. The attempt is logged."),
    "gdpr.export.not_found": ("Personen findes ikke.", "The person does not exist."),
    "export.mine": ("Hent mine data", "Download my data"),
    "export.mine_text": ("Få en ZIP-fil med alt, hvad Sammen har registreret om dig og dine børn. "
                         "Hentningen bliver logget.",
                         "Get a ZIP file with everything Sammen holds on you and your children. "
                         "The download is logged."),
}
