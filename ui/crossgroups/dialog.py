"""The create/edit dialog of a cross group: name, purpose, owner, expiry, rule rows, names and a member preview."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from nicegui import ui

from domain.clock import utcnow
from domain.crossgroups import service
from domain.crossgroups.model import CrossGroupForm, CrossGroupInfo, Rule, RuleRole
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.search.people import search_people
from ui.components import icon_button, named_dialog, refuse
from ui.dates import date_input
from ui.i18n import t

GRADES = range(0, 11)
ALL = "all"


def _rule_state(rule: Rule) -> dict[str, Any]:
    return {"institutions": list(rule.institution_ids), "role": rule.role.value,
            "scope": ALL if rule.grade is None else str(rule.grade), "group": rule.group_id}


def _rule(state: dict[str, Any]) -> Rule:
    scope = state["scope"]
    return Rule(tuple(int(i) for i in state["institutions"]), RuleRole(state["role"]),
                None if scope == ALL else int(scope), state.get("group"))


class GroupDialog:
    """One dialog per open; its state lives here, per client."""

    def __init__(self, actor: Actor, today: date, info: CrossGroupInfo | None, institutions: list[tuple[int, str]],
                 owners: list[tuple[int, str]], on_saved: Callable[[], Awaitable[None]]) -> None:
        self.actor, self.today, self.info, self.on_saved = actor, today, info, on_saved
        self.institutions = {i: n for i, n in institutions}
        self.owners = {i: n for i, n in owners}
        if info and info.owner_id is not None and info.owner_id not in self.owners:
            self.owners[info.owner_id] = info.owner_name
        self.rules: list[dict[str, Any]] = [_rule_state(r) for r in info.rules] if info else []
        if not self.rules and not info:
            self.rules = [{"institutions": [], "role": RuleRole.FAMILIES.value, "scope": ALL, "group": None}]
        self.named: dict[int, str] = dict(zip(info.named, info.named_labels, strict=False)) if info else {}

    def open(self) -> None:
        """Build and show the dialog."""
        title = t("crossgroups.edit_named", name=self.info.name) if self.info else t("crossgroups.new")
        with named_dialog(title) as self.dialog, ui.card().classes("q-pa-md w-full").style("max-width: 760px"):
            ui.label(title).classes("text-h6")
            self.name = ui.input(t("crossgroups.name"), value=self.info.name if self.info else "").props(
                "outlined maxlength=120 autofocus").classes("w-full").mark("crossgroup-name")  # not the page body
            self.purpose = ui.textarea(t("crossgroups.purpose"), value=self.info.purpose if self.info else "") \
                .props("outlined autogrow maxlength=500").classes("w-full").mark("crossgroup-purpose")
            with ui.row().classes("w-full gap-2 items-start"):
                owner = self.info.owner_id if self.info and self.info.owner_id else self.actor.person_id
                self.owner = ui.select(self.owners, value=owner, label=t("crossgroups.owner")).props(
                    "outlined").classes("col").mark("crossgroup-owner")
                self.expires = date_input(t("crossgroups.expires"), self.info.expires_on if self.info else None,
                                          "crossgroup-expires", past=False).classes("col")
            ui.label(t("crossgroups.rules")).classes("text-subtitle1 q-mt-sm")
            ui.label(t("crossgroups.rules.hint")).classes("text-caption text-grey-8")
            self.rule_rows()
            ui.button(t("crossgroups.rule.add"), icon="add", on_click=self.add_rule).props(
                "flat no-caps").mark("crossgroup-add-rule")
            ui.label(t("crossgroups.named")).classes("text-subtitle1 q-mt-sm")
            ui.label(t("crossgroups.named.hint")).classes("text-caption text-grey-8")
            self.named_part()
            self.search = ui.input(t("crossgroups.named.search")).props("outlined dense clearable").classes(
                "w-full").mark("crossgroup-search").on("keydown.enter", self.find)
            self.found = ui.column().classes("gap-1")
            self.preview = ui.label("").classes("text-subtitle1 text-weight-medium").mark("crossgroup-preview")
            self.preview.props["aria-live"] = "polite"
            self.preview.props["role"] = "status"
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("common.cancel"), on_click=self.dialog.close).props("flat no-caps")
                ui.button(t("crossgroups.save"), on_click=self.save).props("no-caps color=primary").mark(
                    "crossgroup-save")
        self.dialog.open()
        ui.timer(0.01, self.refresh_preview, once=True)

    @ui.refreshable_method
    def rule_rows(self) -> None:
        """One row per rule: institutions × groups or årgang × who."""
        scopes = {ALL: t("crossgroups.scope.all")} | {str(g): t("crossgroups.scope.grade", n=g) for g in GRADES}
        roles = {r.value: t(f"crossgroups.role.{r.value}") for r in RuleRole}
        for n, state in enumerate(self.rules, start=1):
            with ui.row().classes("w-full gap-2 items-center no-wrap").mark(f"crossgroup-rule-{n}"):
                ui.select(self.institutions, multiple=True, value=state["institutions"],
                          label=t("crossgroups.rule.institutions", n=n),
                          on_change=lambda e, s=state: self.changed(s, "institutions", e.value)).props(
                    "outlined use-chips").classes("col-5").mark(f"crossgroup-rule-{n}-institutions")
                ui.select(scopes, value=state["scope"], label=t("crossgroups.rule.scope", n=n),
                          on_change=lambda e, s=state: self.changed(s, "scope", e.value)).props("outlined") \
                    .classes("col").mark(f"crossgroup-rule-{n}-scope")
                ui.select(roles, value=state["role"], label=t("crossgroups.rule.role", n=n),
                          on_change=lambda e, s=state: self.changed(s, "role", e.value)).props("outlined") \
                    .classes("col").mark(f"crossgroup-rule-{n}-role")
                icon_button("delete", t("crossgroups.rule.remove", n=n), lambda s=state: self.remove_rule(s))

    @ui.refreshable_method
    def named_part(self) -> None:
        """The members by name, each removable."""
        with ui.row().classes("gap-1"):
            for pid, label in self.named.items():
                ui.chip(label, removable=True, on_value_change=lambda _e, p=pid: self.unname(p)).props(
                    f'aria-label="{t("crossgroups.named.remove", name=label)}"').mark(f"crossgroup-named-{pid}")

    async def changed(self, state: dict[str, Any], key: str, value: Any) -> None:
        """A rule's field changed: keep it and count again."""
        state[key] = list(value or []) if key == "institutions" else value
        await self.refresh_preview()

    async def add_rule(self) -> None:
        """Another rule row."""
        self.rules.append({"institutions": [], "role": RuleRole.FAMILIES.value, "scope": ALL, "group": None})
        self.rule_rows.refresh()

    async def remove_rule(self, state: dict[str, Any]) -> None:
        """Drop a rule row."""
        self.rules.remove(state)
        self.rule_rows.refresh()
        await self.refresh_preview()

    async def unname(self, person_id: int) -> None:
        """Drop a member by name."""
        self.named.pop(person_id, None)
        self.named_part.refresh()
        await self.refresh_preview()

    async def find(self) -> None:
        """People matching the search, each with an Add button."""
        self.found.clear()
        hits = await search_people(self.actor, str(self.search.value or ""), 8)
        with self.found:
            if not hits:
                ui.label(t("crossgroups.named.none")).classes("text-grey-8")
            for hit in hits:
                ui.button(t("crossgroups.named.add", name=hit.label), icon="person_add",
                          on_click=lambda h=hit: self.add_named(h.person_id, h.label)).props(
                    "flat dense no-caps align=left").mark(f"crossgroup-add-{hit.person_id}")

    async def add_named(self, person_id: int, label: str) -> None:
        """Keep a person by name."""
        self.named[person_id] = label
        self.found.clear()
        self.named_part.refresh()
        await self.refresh_preview()

    def form_rules(self) -> tuple[Rule, ...]:
        """The rules as typed so far."""
        return tuple(_rule(s) for s in self.rules)

    async def refresh_preview(self) -> None:
        """'Gruppen får 214 medlemmer' for the rules and names as they stand (rules without institutions skipped)."""
        rules = tuple(r for r in self.form_rules() if r.institution_ids)
        if not rules and not self.named:
            self.preview.set_text(t("crossgroups.preview", n=0))
            return
        try:
            n = await service.preview(self.actor, rules, tuple(self.named), self.today)
        except DomainError as error:
            refuse(error)
            return
        self.preview.set_text(t("crossgroups.preview", n=n))

    async def save(self) -> None:
        """Create or update; a refusal says why and keeps the dialog open."""
        expires = self.expires.checked()
        if expires is None:
            return
        form = CrossGroupForm(str(self.name.value or ""), str(self.purpose.value or ""), int(self.owner.value),
                              expires, self.form_rules(), tuple(self.named))
        try:
            if self.info is None:
                await service.do_create(self.actor, form, utcnow())
            else:
                await service.do_update(self.actor, self.info.group_id, form, utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("crossgroups.saved"), type="positive")
        self.dialog.close()
        await self.on_saved()
