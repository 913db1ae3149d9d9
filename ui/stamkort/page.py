"""/barn/{child_id}/stamkort: guardians fill in the stamkort, staff of the child's groups read it."""

from __future__ import annotations

from urllib.parse import quote

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.stamkort import service
from domain.stamkort.model import LIMITS, SENSITIVE, StamkortInput, StamkortView
from ui.components import refuse, section_heading
from ui.frame import frame, load_or_refuse
from ui.gdpr.consent_badges import consent_badges
from ui.guard import SIGNED_IN, page
from ui.i18n import fmt_datetime, t

SAFETY, DOCTOR = ("allergies", "diet"), ("doctor_name", "doctor_phone", "practical")
LONG = frozenset({"allergies", "diet", "practical", "medicine", "health_notes"})


def stamkort_path(child_id: int) -> str:
    """The address of a child's stamkort."""
    return f"/barn/{child_id}/stamkort"


def step_up_url(child_id: int) -> str:
    """Log in again at assurance level 3 and come back to the stamkort."""
    return f"/auth/login?acr=3&next={quote(stamkort_path(child_id), safe='')}"


def _hidden_health(child_id: int) -> None:
    with ui.row().classes("items-center gap-2").mark("health-hidden"):
        ui.icon("lock", color="warning").props('aria-hidden="true"')
        ui.label(t("stamkort.health_hidden"))
        ui.button(t("stamkort.step_up"), icon="verified_user", on_click=lambda: ui.navigate.to(
            step_up_url(child_id))).props(f"no-caps outline data-href={step_up_url(child_id)}").mark("step-up")


class StamkortForm:
    """One guardian's form for one child (per client)."""

    def __init__(self, actor: Actor, view: StamkortView) -> None:
        self.actor, self.view = actor, view
        self.fields: dict[str, ui.input | ui.textarea] = {}

    def field(self, name: str) -> None:
        """A labelled input holding the stored value; the counter shows the limit."""
        label, value = t(f"stamkort.field.{name}"), str(getattr(self.view, name))
        element = ui.textarea(label, value=value) if name in LONG else ui.input(label, value=value)
        element.props(f"outlined autogrow counter maxlength={LIMITS[name]}").classes("w-full").mark(
            f"stamkort-{name}")
        if name == "doctor_phone":
            element.props("type=tel autocomplete=off")
        self.fields[name] = element

    def draw(self) -> None:
        """The form in three sections, and the save button."""
        with ui.card().classes("w-full"):
            section_heading(t("stamkort.safety"))
            ui.label(t("stamkort.safety_hint")).classes("text-caption text-grey-8")
            for name in SAFETY:
                self.field(name)
        with ui.card().classes("w-full").mark("stamkort-health"):
            section_heading(t("stamkort.health"))
            ui.label(t("stamkort.health_hint")).classes("text-caption text-grey-8")
            if self.view.health_hidden:
                _hidden_health(self.view.child_id)
            else:
                for name in SENSITIVE:
                    self.field(name)
        with ui.card().classes("w-full"):
            section_heading(t("stamkort.doctor"))
            for name in DOCTOR:
                self.field(name)
        ui.button(t("stamkort.save"), icon="save", on_click=self.save).props("unelevated no-caps").mark(
            "stamkort-save")

    def typed(self) -> StamkortInput:
        """What is in the form; hidden health fields are left as they are."""
        values = {name: str(element.value or "") for name, element in self.fields.items()}
        return StamkortInput(**values)

    async def save(self) -> None:
        """Save through the service; a refusal changes nothing and says why in Danish."""
        try:
            changed = await service.do_save(self.actor, self.view.child_id, self.typed(), now=utcnow(),
                                            today=today_local())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("stamkort.saved") if changed else t("stamkort.unchanged"),
                  type="positive" if changed else "info")


def _read_only(view: StamkortView) -> None:
    for title, names in (("stamkort.safety", SAFETY), ("stamkort.health", SENSITIVE), ("stamkort.doctor", DOCTOR)):
        with ui.card().classes("w-full").mark(f"stamkort-read-{title.rsplit('.', 1)[1]}"):
            section_heading(t(title))
            if names == SENSITIVE and view.health_hidden:
                _hidden_health(view.child_id)
                continue
            for name in names:
                value = str(getattr(view, name))
                with ui.column().classes("gap-0 w-full"):
                    ui.label(t(f"stamkort.field.{name}")).classes("text-subtitle2")
                    if name == "doctor_phone" and value:
                        ui.link(value, f"tel:{value.replace(' ', '')}").mark(f"stamkort-{name}")
                    else:
                        ui.label(value or t("stamkort.empty")).classes(
                            "text-body1" if value else "text-grey-8").style(
                            "white-space: pre-wrap; overflow-wrap: anywhere").mark(f"stamkort-{name}")


@page("/barn/{child_id}/stamkort", *SIGNED_IN)
async def stamkort_page(actor: Actor, child_id: int) -> None:
    """A child's stamkort: a form for its guardians, a reading for staff of its groups; everyone else is refused."""
    view = await load_or_refuse(actor, t("stamkort.title"), service.stamkort_for(actor, child_id, today_local()))
    if view is None:
        return
    with frame(actor, t("stamkort.title_for", name=view.child_name)):
        ui.label(t("stamkort.intro") if view.may_edit else t("stamkort.intro_staff")).classes("text-body2")
        if view.updated_at is not None:
            ui.label(t("stamkort.updated", when=fmt_datetime(view.updated_at), by=view.updated_by)).classes(
                "text-caption text-grey-8").mark("stamkort-updated")
        if view.may_edit:
            StamkortForm(actor, view).draw()
        else:
            _read_only(view)
        with ui.card().classes("w-full").mark("stamkort-consents"):
            section_heading(t("stamkort.consents"))
            await consent_badges(actor, child_id)
            if actor.role is Role.PARENT:
                ui.link(t("stamkort.consents_link"), "/samtykker").mark("to-consents")
