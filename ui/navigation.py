"""Where each role lives: its home page and its navigation."""

from __future__ import annotations

from domain.identity.model import Role

HOME: dict[Role, str] = {
    Role.PARENT: "/overblik",
    Role.STAFF: "/personale",
    Role.LEADER: "/leder",
    Role.PROJECT_TEAM: "/udrulning",
    Role.ADMIN: "/kommune",
    Role.PPR: "/sager",
    Role.CHILD: "/mig",
}

MESSAGES = ("nav.messages", "/beskeder", "mail")
CALENDAR = ("nav.calendar", "/kalender", "event")
GALLERY = ("nav.gallery", "/galleri", "photo_library")
NAV: dict[Role, list[tuple[str, str, str]]] = {
    Role.PARENT: [("nav.overblik", "/overblik", "dashboard"), MESSAGES, CALENDAR, GALLERY,
                  ("nav.consents", "/samtykker", "verified_user"), ("nav.evaluation", "/evaluering", "rate_review"),
                  ("nav.profile", "/profil", "badge")],
    Role.STAFF: [("nav.kommegaa", "/kommegaa", "how_to_reg"), MESSAGES, CALENDAR, ("nav.posts", "/opslag", "campaign"),
                 GALLERY,
                 ("nav.staff", "/personale", "groups"), ("nav.logins", "/mangler-login", "person_off"),
                 ("nav.readiness", "/parathed", "checklist"), ("nav.evaluation", "/evaluering", "rate_review"),
                 ("nav.profile", "/profil", "badge")],
    Role.LEADER: [("nav.leader", "/leder", "admin_panel_settings"), ("nav.kommegaa", "/kommegaa", "how_to_reg"),
                  MESSAGES, CALENDAR, ("nav.posts", "/opslag", "campaign"), GALLERY,
                  ("nav.wall_screens", "/leder/kommegaa", "tv"), ("nav.readiness", "/parathed", "checklist"),
                  ("nav.staff", "/personale", "groups"),
                  ("nav.logins", "/mangler-login", "person_off"),
                  ("nav.evaluation", "/evaluering", "rate_review"), ("nav.profile", "/profil", "badge")],
    Role.PROJECT_TEAM: [("nav.rollout", "/udrulning", "timeline"),
                        ("nav.survey_admin", "/udrulning/evaluering", "rate_review")],
    Role.ADMIN: [("nav.municipality", "/kommune", "location_city"),
                 ("nav.broadcast", "/kommune/krisebesked", "campaign"), MESSAGES,
                 ("nav.gdpr", "/kommune/persondata", "privacy_tip"),
                 ("nav.widgets", "/kommune/widgets", "widgets"),
                 ("nav.links", "/kommune/links", "link"),
                 ("nav.widget_suppliers", "/kommune/widgets/leverandoerer", "extension"),
                 ("nav.rollout", "/udrulning", "timeline"),
                 ("nav.survey_admin", "/udrulning/evaluering", "rate_review")],
    Role.PPR: [("nav.cases", "/sager", "folder_shared"), MESSAGES],
    Role.CHILD: [("nav.me", "/mig", "person"), MESSAGES, CALENDAR, ("nav.profile", "/profil", "badge")],
}
