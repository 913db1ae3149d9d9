"""'Frist i morgen': the day before a form's deadline, the guardians who have not answered hear of it once."""

from __future__ import annotations

from datetime import datetime

from domain.calendar.notify import when
from domain.clock import today_local
from domain.forms.service import missing_families
from domain.notifications.centre import Category, NewNotification
from domain.notifications.scheduled import already_told, do_enqueue_alone, tomorrow_window
from persistence.forms import Form


async def do_remind_form_deadlines(now: datetime) -> int:
    """'Frist i morgen: <form>' to each guardian of a child without an answer; returns how many were new."""
    window = tomorrow_window(now)
    if window is None:
        return 0
    forms = {f"form:{f.id}:deadline": f for f in await Form.filter(
        closed_at__isnull=True, deadline__gte=window[0], deadline__lt=window[1], deadline__gt=now)}
    told = await already_told(forms)
    notes: list[NewNotification] = []
    for source, form in sorted(forms.items()):
        if source in told:
            continue
        families = await missing_families(form, today_local(now))  # never names another family's child
        notes += [NewNotification(person_id=g, category=Category.DEADLINE, title=f"Frist i morgen: {form.title}",
                                  link=f"/kalender/blanketter/{form.id}", source=source,
                                  body=f"Frist {when(form.deadline, False)}") for g in sorted(families)]
    return await do_enqueue_alone(notes, now=now)
