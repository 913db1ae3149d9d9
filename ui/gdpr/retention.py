"""Sletning (/kommune/sletning): the admin sets the retention rules, sees a dry run, runs them, reads the history."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.gdpr import retention
from domain.gdpr.retention_model import RANGES, RULES, PolicyView, RetentionCounts, stricter
from domain.identity.model import Actor
from ui.components import empty_state, named_dialog, refuse, section_heading
from ui.frame import frame, refusal
from ui.guard import SIGNED_IN, page
from ui.i18n import fmt_datetime, t

PATH = "/kommune/sletning"
# What a rule shows when "keep always" is switched off for the first time.
SUGGESTED = {"messages": 24, "presence": 12, "anonymise": 12}
COLUMNS = (("when", "retention.col.when"), ("kind", "retention.col.kind"), ("messages", "retention.col.messages"),
           ("threads", "retention.col.threads"), ("attachments", "retention.col.attachments"),
           ("presence_days", "retention.col.presence"), ("presence_changes", "retention.col.changes"),
           ("day_plans", "retention.col.plans"), ("children", "retention.col.children"), ("who", "retention.col.who"))


def count_lines(counts: RetentionCounts) -> None:
    """One line per kind of data, with its number."""
    for key, n in counts.as_dict().items():
        ui.label(t(f"retention.count.{key}", n=n)).props(f'data-count="{key}"')


class RetentionPage:
    """The rules form, the dry run and run buttons, and the history, for one admin."""

    def __init__(self, actor: Actor, policy: PolicyView) -> None:
        self.actor, self.policy = actor, policy
        self.numbers: dict[str, ui.number] = {}
        self.keeps: dict[str, ui.switch] = {}

    def build(self) -> None:
        """Render the page body."""
        with ui.card().classes("w-full"):
            section_heading(t("retention.rules"))
            for rule in RULES:
                self._rule(rule)
            self._albums_rule()
            self.updated = ui.label().classes("text-grey-7 text-caption")
            self._show_updated()
            ui.button(t("common.save"), icon="save", on_click=self.save).props('no-caps data-x="retention-save"').mark(
                "retention-save")
        with ui.row().classes("gap-2"):
            ui.button(t("retention.dry_run"), icon="visibility", on_click=self.dry_run).props(
                'outline no-caps data-x="retention-dry"').mark("retention-dry")
            ui.button(t("retention.run_now"), icon="auto_delete", color="negative", on_click=self.run_now).props(
                'no-caps data-x="retention-run"').mark("retention-run")
        self.result = ui.column().classes("w-full")
        section_heading(t("retention.history")).classes("q-mt-md")
        self.history = ui.column().classes("w-full")

    def _rule(self, rule: str) -> None:
        months = self.policy.months(rule)
        low, high = RANGES[rule]
        with ui.row().classes("items-center gap-4 w-full"):
            ui.label(t(f"retention.rule.{rule}")).classes("min-w-[16rem]")
            number = ui.number(value=months if months is not None else SUGGESTED[rule], min=low, max=high, step=1,
                               format="%d", suffix=t("retention.months")).props(
                f'outlined dense data-rule="{rule}"').classes("w-40").mark(f"months-{rule}")
            number.props["aria-label"] = t(f"retention.rule.{rule}")  # the label beside it is only seen
            keep = ui.switch(t("retention.keep"), value=months is None,
                             on_change=lambda e, n=number: n.set_enabled(not e.value)).mark(f"keep-{rule}")
            number.set_enabled(months is not None)
            ui.label(t("retention.range", low=low, high=high)).classes("text-grey-7 text-caption")
        self.numbers[rule], self.keeps[rule] = number, keep

    def _albums_rule(self) -> None:
        """Albums always go after some months: a number without "keep always"."""
        low, high = RANGES["albums"]
        with ui.row().classes("items-center gap-4 w-full"):
            ui.label(t("retention.rule.albums")).classes("min-w-[16rem]")
            number = ui.number(value=self.policy.albums_months, min=low, max=high, step=1, format="%d",
                               suffix=t("retention.months")).props('outlined dense data-rule="albums"').classes(
                "w-40").mark("months-albums")
            number.props["aria-label"] = t("retention.rule.albums")
            ui.label(t("retention.range", low=low, high=high)).classes("text-grey-7 text-caption")
        ui.label(t("retention.albums_hint")).classes("text-grey-7 text-caption")
        self.numbers["albums"] = number

    def _show_updated(self) -> None:
        p = self.policy
        self.updated.set_text(t("retention.updated", when=fmt_datetime(p.updated_at), who=p.updated_by or "—")
                              if p.updated_at else t("retention.never_set"))

    def _chosen(self) -> PolicyView:
        values: dict[str, int | None] = {}
        for rule in RULES:
            raw = self.numbers[rule].value
            if self.keeps[rule].value:
                values[rule] = None
            elif isinstance(raw, int | float) and float(raw).is_integer():
                values[rule] = int(raw)
            else:
                low, high = RANGES[rule]
                raise DomainError(f"retention.error.{rule}_range", low=low, high=high)
        albums = self.numbers["albums"].value
        if not (isinstance(albums, int | float) and float(albums).is_integer()):
            low, high = RANGES["albums"]
            raise DomainError("retention.error.albums_range", low=low, high=high)
        return PolicyView(values["messages"], values["presence"], values["anonymise"], albums_months=int(albums))

    async def save(self) -> None:
        """Store the rules, after a confirmation naming what becomes stricter."""
        try:
            new = self._chosen()
            for rule in (*RULES, "albums"):
                retention.check_months(rule, new.months(rule))
        except DomainError as error:
            refuse(error)
            return
        tighter = stricter(self.policy, new)
        if tighter and not await self._confirm(t("retention.confirm_stricter"), [
                t(f"retention.stricter.{rule}", n=n) for rule, n in tighter], t("retention.confirm_save"), "save"):
            return
        try:
            self.policy = await retention.do_set_policy(
                self.actor, messages_months=new.messages_months, presence_months=new.presence_months,
                anonymise_after_months=new.anonymise_after_months, albums_months=new.albums_months, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self._show_updated()
        ui.notify(t("retention.saved"), type="positive")

    async def _confirm(self, title: str, lines: list[str], button: str, marker: str) -> bool:
        with named_dialog(title) as dialog, ui.card():
            section_heading(title)
            for line in lines:
                ui.label(line)
            with ui.row():
                ui.button(t("common.cancel"), on_click=lambda: dialog.submit(False)).props("flat no-caps")
                ui.button(button, color="negative", on_click=lambda: dialog.submit(True)).props(
                    f'no-caps data-x="retention-confirm-{marker}"').mark(f"retention-confirm-{marker}")
        return bool(await dialog)

    async def dry_run(self) -> None:
        """Count what the rules would delete now (recorded in the history as a dry run)."""
        try:
            counts = await retention.do_run_retention(self.actor, now=utcnow(), dry_run=True)
        except DomainError as error:
            refuse(error)
            return
        self.result.clear()
        with self.result, ui.card().classes("w-full").props('data-x="retention-result"'):
            ui.label(t("retention.dry_result")).classes("text-subtitle1 text-weight-medium")
            count_lines(counts)
        await self.show_history()

    async def run_now(self) -> None:
        """Say exactly what will go, and on confirmation delete it."""
        try:
            counts = await retention.preview(self.actor, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        if counts.total == 0:
            ui.notify(t("retention.nothing"))
            return
        lines = [t("retention.confirm_run_detail")] + [t(f"retention.count.{k}", n=n)
                                                       for k, n in counts.as_dict().items() if n]
        if not await self._confirm(t("retention.confirm_run"), lines, t("retention.confirm_run_button"), "run"):
            return
        try:
            await retention.do_run_retention(self.actor, now=utcnow(), dry_run=False)
        except DomainError as error:
            refuse(error)
            return
        self.result.clear()
        ui.notify(t("retention.done"), type="positive")
        await self.show_history()

    async def show_history(self) -> None:
        """The runs, newest first, or a friendly empty state."""
        runs = await retention.runs_of(self.actor)
        self.history.clear()
        with self.history:
            if not runs:
                empty_state("history", "retention.history_empty")
                return
            rows = [{"id": r.id, "when": fmt_datetime(r.at),
                     "kind": t("retention.kind.dry" if r.dry_run else "retention.kind.real"),
                     "who": r.actor_name or t("retention.by_job"), **r.counts.as_dict()} for r in runs]
            ui.table(columns=[{"name": k, "label": t(label), "field": k, "align": "left"} for k, label in COLUMNS],
                     rows=rows, row_key="id").props("flat dense wrap-cells").classes("w-full").mark("retention-runs")


async def _page(actor: Actor) -> None:
    with frame(actor, t("retention.title")):
        try:
            policy = await retention.policy_of(actor)
        except AccessDenied:
            refusal("error.access_denied")
            return
        ui.label(t("retention.intro")).classes("text-grey-8")
        page = RetentionPage(actor, policy)
        page.build()
        await page.show_history()


@page(PATH, *SIGNED_IN)
async def retention_page(actor: Actor) -> None:
    """How long messages and KommeGå history are kept, and the last deletion runs."""
    await _page(actor)
