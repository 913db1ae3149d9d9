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

NAV: dict[Role, list[tuple[str, str, str]]] = {
    Role.PARENT: [("nav.overblik", "/overblik", "dashboard")],
    Role.STAFF: [("nav.staff", "/personale", "groups")],
    Role.LEADER: [("nav.leader", "/leder", "admin_panel_settings"), ("nav.staff", "/personale", "groups")],
    Role.PROJECT_TEAM: [("nav.rollout", "/udrulning", "timeline")],
    Role.ADMIN: [("nav.municipality", "/kommune", "location_city"), ("nav.rollout", "/udrulning", "timeline")],
    Role.PPR: [("nav.cases", "/sager", "folder_shared")],
    Role.CHILD: [("nav.me", "/mig", "person")],
}
