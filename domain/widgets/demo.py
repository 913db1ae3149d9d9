"""The demo municipality's supplier widget: the school library's loan status, served by /demo-widget."""

from __future__ import annotations

from domain.clock import utcnow
from domain.identity.model import Role
from domain.organisation.model import InstitutionKind
from domain.widgets.model import Placement
from persistence.organisation import Institution
from persistence.queries import ints
from persistence.widgets import ExternalWidget, ExternalWidgetInstitution

DEMO_NAME = "Skolebibliotekets lånestatus"
DEMO_SUPPLIER = "Demo-leverandør ApS"


async def ensure_demo_widget(public_url: str) -> int:
    """Register the demo widget for every school and BFO, or bring an earlier registration up to date."""
    url = f"{public_url.rstrip('/')}/demo-widget"
    roles = [Role.PARENT.value, Role.CHILD.value]
    widget = await ExternalWidget.filter(name=DEMO_NAME, supplier=DEMO_SUPPLIER).order_by("id").first()
    if widget is None:
        widget = await ExternalWidget.create(name=DEMO_NAME, supplier=DEMO_SUPPLIER, url=url,
                                             placement=Placement.SIDE.value, roles=roles, mobile=True, active=True,
                                             created_at=utcnow())
    elif widget.url != url or widget.roles != roles:
        await ExternalWidget.filter(id=widget.id).update(url=url, roles=roles)
    wanted = set(ints(await Institution.filter(kind__in=[InstitutionKind.SKOLE, InstitutionKind.BFO])
                      .values_list("id", flat=True)))
    have = set(ints(await ExternalWidgetInstitution.filter(widget_id=widget.id)
                    .values_list("institution_id", flat=True)))
    await ExternalWidgetInstitution.bulk_create(
        [ExternalWidgetInstitution(widget_id=widget.id, institution_id=i) for i in sorted(wanted - have)])
    return int(widget.id)
