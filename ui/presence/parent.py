"""A guardian's KommeGå planning page for one child, phone first: today, the standard week, absence, consent."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.presence import absences, family, kiosk, plans
from domain.presence.family import ChildDay
from domain.presence.model import ConsentKind, hhmm
from domain.presence.plans import PlanInput
from ui.accessibility.parts import name_field
from ui.components import attempt, avatar, confirm, refuse
from ui.frame import frame, refusal
from ui.guard import page
from ui.i18n import t, tn
from ui.presence.absence_family import AbsenceList, child_chips, day_text, names_text
from ui.presence.parent_parts import LiveStatus, date_input, parse_day, time_input

NO_COMPANION = 0


def _section(key: str, icon: str, marker: str, opened: bool = False) -> ui.expansion:
    return ui.expansion(t(key), icon=icon, value=opened).props("duration=0 header-class=text-weight-medium").classes(
        "w-full bg-white rounded-borders shadow-1").mark(marker)


def _text(field: ui.input | ui.textarea | None) -> str:
    return str(field.value or "").strip() if field is not None else ""


class PlanPage:
    """One guardian's open planning page for one child (per client)."""

    def __init__(self, actor: Actor, day: ChildDay, week: dict[int, Any], family: list[ChildDay]) -> None:
        self.actor, self.day, self.week = actor, day, week
        self.child_id = day.child_id
        self.family = family or [day]  # the guardian's children with KommeGå, for one report covering several

    async def reload(self) -> None:
        """Read the child's day and week again after this guardian changed them."""
        fresh = await family.child_day(self.actor, self.child_id, today_local())
        if fresh is not None:
            self.day = fresh
        self.week = await plans.week_of(self.actor, self.child_id)
        self.today_form.refresh()
        self.week_form.refresh()
        self.consent_part.refresh()

    def build(self) -> None:
        """The header and the four sections."""
        d = self.day
        with ui.card().classes("w-full q-pa-sm"):
            with ui.row().classes("items-center no-wrap gap-3"):
                avatar(d.tile.initials, d.tile.photo_url, name=f"{d.tile.first_name} {d.last_name}")
                with ui.column().classes("gap-0 min-w-0"):
                    ui.label(f"{d.tile.first_name} {d.last_name}").classes("text-h6 ellipsis")
                    ui.label(d.institution_name).classes("text-caption text-grey-8 ellipsis")
        with _section("pp.section.today", "today", "section-today", opened=True):
            with ui.column().classes("w-full gap-2 q-pa-sm"):
                LiveStatus(d.tile, d.history)
                ui.separator()
                self.today_form()
        with _section("pp.section.week", "date_range", "section-week"):
            with ui.column().classes("w-full gap-2 q-pa-sm"):
                self.week_form()
        with _section("pp.section.absence", "sick", "section-absence", opened=True):
            with ui.column().classes("w-full gap-2 q-pa-sm"):
                ui.label(t("pp.absence.reported")).classes("text-subtitle2")
                self.absences = AbsenceList(self.actor, [self.child_id], {d.settings.institution_id: d.settings
                                                                          for d in self.family}, with_names=False)
                ui.separator()
                self.absence_form()
        with _section("pp.section.consent", "verified_user", "section-consent"):
            with ui.column().classes("w-full gap-2 q-pa-sm"):
                self.consent_part()

    def _pickup_select(self, value: str, marker: str) -> ui.select:
        options = {"": t("pp.field.nobody"), **{c.key: c.label for c in self.day.pickups}}
        return ui.select(options, value=value if value in options else "", label=t("pp.field.pickup_by")).props(
            "outlined dense").classes("w-full").mark(marker)

    @ui.refreshable_method
    def today_form(self) -> None:
        """Today's own plan: times, who picks up, going home alone or with a friend, a note to staff."""
        d, today = self.day, today_local()
        closed = d.settings.closed_reason(today)
        if closed:
            reason = t("pp.today.closed_weekday") if closed == "weekday" else closed
            ui.label(t("pp.today.closed", reason=reason)).classes("text-grey-8").mark("today-closed")
            return
        ui.label(t("pp.today.own_day" if d.plan.own_day else "pp.today.standard")).classes(
            "text-caption text-grey-8")
        with ui.element("div").classes("grid grid-cols-2 gap-2 w-full"):
            arrival = time_input(t("pp.field.arrival"), d.plan.arrival, "today-arrival")
            pickup = time_input(t("pp.field.pickup"), d.plan.pickup, "today-pickup")
        who = self._pickup_select(d.plan.pickup_key, "today-pickup-by")
        alone_on: ui.switch | None = None
        alone: ui.input | None = None
        if d.alone_possible:
            alone_on = ui.switch(t("pp.field.alone"), value=bool(d.plan.alone)).mark("today-alone")
            alone = time_input(t("pp.field.alone_at"), d.plan.alone, "today-alone-at")
            alone.bind_visibility_from(alone_on, "value")
            switch = alone_on
            # Someone named picks the child up, or the child walks home alone: choosing a person ends "alone", which
            # would otherwise win on every screen (a standard week with "går selv" on that weekday hid Farmor).
            who.on_value_change(lambda e: switch.set_value(False) if e.value else None)
        else:
            why = "pp.alone.no_consent" if d.settings.self_leave_allowed else "pp.alone.not_here"
            ui.label(t(why)).classes("text-caption text-grey-8").mark("today-alone-why")
        companions = {NO_COMPANION: t("pp.field.with_nobody"), **{c.child_id: c.label for c in d.companions}}
        with_child = ui.select(companions, value=d.plan.with_child_id if d.plan.with_child_id in companions else
                               NO_COMPANION, label=t("pp.field.with"), with_input=True).props(
            "outlined dense").classes("w-full").mark("today-with")
        note = ui.textarea(t("pp.field.note"), value=d.plan.note).props(
            f"outlined dense autogrow maxlength={plans.NOTE_MAX}").classes("w-full").mark("today-note")

        async def save() -> None:
            plan = PlanInput(arrival=_text(arrival), pickup=_text(pickup), pickup_key=str(who.value or ""),
                             alone=_text(alone) if alone_on is not None and alone_on.value else "",
                             with_child_id=int(with_child.value) if with_child.value else None, note=_text(note))
            if await attempt(plans.do_plan_day(self.actor, self.child_id, today_local(), plan, now=utcnow()),
                              t("pp.today.saved")):
                await self.reload()

        async def use_week() -> None:
            if await attempt(plans.do_clear_day(self.actor, self.child_id, today_local(), now=utcnow()),
                              t("pp.today.cleared")):
                await self.reload()

        with ui.row().classes("items-center gap-2 w-full"):
            ui.button(t("pp.today.save"), icon="save", on_click=save).props("no-caps").mark("today-save")
            if d.plan.own_day:
                ui.button(t("pp.today.use_week"), icon="restart_alt", on_click=use_week).props(
                    "flat no-caps").mark("today-clear")

    @ui.refreshable_method
    def week_form(self) -> None:
        """The standard week: a small card per open weekday."""
        d = self.day
        ui.label(t("pp.week.hint")).classes("text-caption text-grey-8")
        if not d.settings.open_weekdays:
            ui.label(t("pp.week.no_days")).classes("text-grey-8")
            return
        rows: dict[int, tuple[ui.input, ui.input, ui.select, ui.input | None]] = {}
        for weekday in sorted(d.settings.open_weekdays):
            entry = self.week.get(weekday)
            with ui.card().classes("w-full q-pa-sm gap-2").props("flat bordered").mark(f"week-{weekday}"):
                ui.label(t(f"widget.weekday.{weekday}")).classes("text-subtitle2")
                with ui.element("div").classes("grid grid-cols-2 gap-2 w-full"):
                    arrival = time_input(t("pp.field.arrival"), hhmm(entry.arrival_min) if entry else "",
                                         f"week-{weekday}-arrival")
                    pickup = time_input(t("pp.field.pickup"), hhmm(entry.pickup_min) if entry else "",
                                        f"week-{weekday}-pickup")
                who = self._pickup_select(entry.pickup_key if entry else "", f"week-{weekday}-pickup-by")
                alone = time_input(t("pp.field.alone_at"), hhmm(entry.alone_min) if entry else "",
                                   f"week-{weekday}-alone") if d.alone_possible else None
            # Seven cards share their field labels: each field's name says its weekday too ("Mandag: kommer kl.").
            for field, key in ((arrival, "pp.field.arrival"), (pickup, "pp.field.pickup"), (who, "pp.field.pickup_by"),
                               (alone, "pp.field.alone_at")):
                if field is not None:
                    name_field(field, t(f"widget.weekday.{weekday}"), t(key))
            rows[weekday] = (arrival, pickup, who, alone)

        async def save() -> None:
            week = {}
            for weekday, (arrival, pickup, who, alone) in rows.items():
                entry = self.week.get(weekday)
                week[weekday] = PlanInput(arrival=_text(arrival), pickup=_text(pickup), pickup_key=str(who.value or ""),
                                          alone=_text(alone), with_child_id=entry.with_child_id if entry else None,
                                          note=entry.note if entry else "")
            if await attempt(plans.do_set_week(self.actor, self.child_id, week, now=utcnow()), t("pp.week.saved")):
                await self.reload()

        ui.button(t("pp.week.save"), icon="save", on_click=save).props("no-caps").mark("week-save")

    def absence_form(self) -> None:
        """Report sick or vacation for a range of days, for this child or several siblings, after a confirmation."""
        today = today_local()
        ui.label(t("pp.absence.new")).classes("text-subtitle2")
        kind = ui.toggle({"syg": t("pp.absence.sick"), "ferie": t("pp.absence.vacation")}, value="syg").props(
            "no-caps spread").classes("w-full").mark("absence-kind")
        boxes = child_chips(self.family)
        with ui.element("div").classes("grid grid-cols-2 gap-2 w-full"):
            first = date_input(t("pp.absence.first"), today, "absence-first")
            last = date_input(t("pp.absence.last"), today, "absence-last")
        ui.label(t("pp.absence.hint")).classes("text-caption text-grey-8")
        result = ui.label("").classes("text-positive text-weight-medium").mark("absence-result")

        async def send() -> None:
            start, end = parse_day(first.value), parse_day(last.value)
            if start is None or end is None:
                ui.notify(t("pp.absence.bad_date"), type="negative")
                return
            chosen = [c for c, box in boxes.items() if box.value] if boxes else [self.child_id]
            if not chosen:
                ui.notify(t("presence.error.no_children_chosen"), type="negative")
                return
            names = names_text([d.tile.first_name for d in self.family if d.child_id in chosen])
            sick = kind.value == "syg"
            question = t("pp.absence.confirm_sick" if sick else "pp.absence.confirm_vacation",
                         name=names, first=day_text(start), last=day_text(end))
            if not await confirm(question, t("pp.absence.confirm_yes"), "absence-confirm"):
                return
            try:
                done = await absences.do_report(self.actor, chosen, sick, start, end, now=utcnow())
            except DomainError as error:
                result.set_text("")
                refuse(error)
                return
            text = tn("pp.absence.done", done.total)
            if done.closed_days:
                text += " " + t("pp.absence.closed_skipped", days=", ".join(day_text(d) for d in done.closed_days))
            result.set_text(text)
            ui.notify(text, type="positive", multi_line=True)
            await self.absences.load()

        ui.button(t("pp.absence.send"), icon="send", on_click=send).props("no-caps").mark("absence-send")

    @ui.refreshable_method
    def consent_part(self) -> None:
        """Consent to go home alone (where the institution allows it) and the wall-screen PIN."""
        d = self.day
        ui.label(t("pp.consent.title")).classes("text-subtitle2")
        if not d.settings.self_leave_allowed:
            ui.label(t("pp.consent.not_here")).classes("text-grey-8").mark("consent-not-here")
        else:
            ui.label(t("pp.consent.given" if d.consent else "pp.consent.none")).mark("consent-state")
            if d.consent:
                ui.button(t("pp.consent.withdraw"), icon="block", on_click=self.withdraw).props(
                    "outline no-caps color=negative").mark("consent-withdraw")
            else:
                ui.button(t("pp.consent.give"), icon="check", on_click=self.give).props("no-caps").mark(
                    "consent-give")
        ui.separator().classes("q-my-sm")
        ui.label(t("pp.pin.title")).classes("text-subtitle2")
        ui.label(t("pp.pin.set" if d.has_pin else "pp.pin.none")).mark("pin-state")
        pin = ui.input(t("pp.pin.field"), password=True, password_toggle_button=True).props(
            "outlined dense maxlength=4 inputmode=numeric autocomplete=off").classes("w-full").mark("pin-field")

        async def set_pin(value: str, done: str) -> None:
            if await attempt(kiosk.do_set_pin(self.actor, self.child_id, value), done):
                await self.reload()

        with ui.row().classes("items-center gap-2"):
            ui.button(t("pp.pin.save"), icon="pin", on_click=lambda: set_pin(_text(pin), t("pp.pin.saved"))).props(
                "no-caps").mark("pin-save")
            if d.has_pin:
                ui.button(t("pp.pin.remove"), icon="delete", on_click=lambda: set_pin("", t("pp.pin.removed"))).props(
                    "flat no-caps color=negative").mark("pin-remove")

    async def give(self) -> None:
        """Give consent to go home alone."""
        if await attempt(plans.do_consent(self.actor, self.child_id, ConsentKind.GO_HOME_ALONE, True, now=utcnow()),
                          t("pp.consent.given_done")):
            await self.reload()

    async def withdraw(self) -> None:
        """Withdraw it, after a confirmation (planned times to go alone are dropped)."""
        if not await confirm(t("pp.consent.confirm_withdraw"), t("pp.consent.withdraw"), "consent-confirm"):
            return
        if await attempt(plans.do_consent(self.actor, self.child_id, ConsentKind.GO_HOME_ALONE, False,
                                           now=utcnow()), t("pp.consent.withdrawn_done")):
            await self.reload()


async def _render(actor: Actor, child_id: int) -> None:
    try:
        day = await family.child_day(actor, child_id, today_local())
        week = await plans.week_of(actor, child_id) if day is not None else {}
        siblings = await family.family_days(actor, today_local(), history=False) if day is not None else []
    except DomainError as error:
        with frame(actor, t("error.title")):
            refusal(error.key)
        return
    if day is None:
        with frame(actor, t("error.title")):
            refusal("pp.no_presence")
        return
    with frame(actor, t("pp.title", name=day.tile.first_name)):
        planning = PlanPage(actor, day, week, siblings)
        planning.build()
        await planning.absences.load()


@page("/kommegaa/plan/{child_id}", Role.PARENT)
async def plan_page(actor: Actor, child_id: int) -> None:
    """A guardian plans one child's day and week in KommeGå."""
    await _render(actor, child_id)
