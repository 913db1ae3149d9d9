"""The named demo users offered on the login page; stdlib only so the page needs no seed code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoUser:
    """One named demo login: OIDC subject, display name, group heading and a detail line."""

    subject: str
    name: str
    role_label: str
    detail: str


DEMO_USERS: list[DemoUser] = [
    DemoUser(
        "demo-foraelder",
        "Mette Kristensen",
        "Forælder",
        "Børn i Solsikken (børnehave) og 2.A + BFO på Skovlyskolen",
    ),
    DemoUser(
        "demo-foraelder-klub",
        "Ali Hassan",
        "Forælder",
        "Barn i 6.A på Engskolen og i Klub Nordlys",
    ),
    DemoUser(
        "demo-paedagog-bfo",
        "Sofie Nielsen",
        "Pædagog",
        "Pædagog i Skovlyskolens BFO og mor til et barn i Myretuen (vuggestue)",
    ),
    DemoUser(
        "demo-paedagog-vuggestue",
        "Lars Mortensen",
        "Pædagog",
        "Pædagog på stuen Frøerne i Mariehønen (vuggestue)",
    ),
    DemoUser("demo-laerer", "Anne Holm", "Lærer", "Lærer i 2.A på Skovlyskolen"),
    DemoUser("demo-leder", "Peter Lund", "Leder", "Leder af Solsikken (børnehave) og superbruger"),
    DemoUser("demo-projektgruppe", "Camilla Berg", "Projektgruppe", "Projektgruppen for udrulningen af Sammen"),
    DemoUser("demo-admin", "Henrik Dahl", "Kommunal administrator", "Administrator i Sammenby Kommune"),
    DemoUser(
        "demo-barn-klub",
        "Emil Jørgensen",
        "Barn (klub)",
        "14 år, går i 8.B på Skovlyskolen og i Klub Nordlys",
    ),
    DemoUser("demo-ppr", "Birgitte Skov", "PPR", "PPR-psykolog med adgang til to børns sager"),
]


def demo_user(subject: str) -> DemoUser:
    """The named demo user with the given subject."""
    return next(user for user in DEMO_USERS if user.subject == subject)
