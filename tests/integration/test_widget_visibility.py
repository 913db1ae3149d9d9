"""Who sees which widget: roles, institution kinds, the admin's switches, and each person's layout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.identity.model import Actor, Role
from domain.identity.service import current_actor
from domain.organisation.model import InstitutionKind
from domain.widgets import service
from domain.widgets.model import Placement, WidgetSpec, builtin_key
from domain.widgets.registry import REGISTRY, BuiltinWidget, WidgetContext
from persistence.widgets import WidgetLayout, WidgetSetting
from tests.factory import build_world


class SchoolNews(BuiltinWidget):
    """A test widget for parents and staff at schools."""

    spec = WidgetSpec("test_school_news", frozenset({Role.PARENT, Role.STAFF}),
                      frozenset({InstitutionKind.SKOLE}), Placement.MAIN)

    async def load(self, actor: Actor, context: WidgetContext) -> Any:
        return sorted(context.institution_ids)


class Everywhere(BuiltinWidget):
    """A test widget for parents anywhere."""

    spec = WidgetSpec("test_everywhere", frozenset({Role.PARENT}), None, Placement.SIDE, mobile=False)


@pytest.fixture(autouse=True)
def test_widgets() -> Iterator[None]:
    """Only the two test widgets are registered while these tests run."""
    saved = dict(REGISTRY)
    REGISTRY.clear()
    REGISTRY.update({"test_school_news": SchoolNews, "test_everywhere": Everywhere})
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)


NEWS, EVERY = builtin_key("test_school_news"), builtin_key("test_everywhere")


async def keys(actor: Actor, today: Any) -> list[str]:
    """The keys of the widgets an actor is shown, in order."""
    return [s.key for s in (await service.overview(actor, today)).slots if not s.hidden]


async def test_widgets_follow_roles_and_institution_kinds(database: str) -> None:
    w = await build_world()
    parent = await current_actor(w.guardian.id, "parent", "2", now=utcnow())
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    teacher = await current_actor(w.teacher.id, "staff", "2", now=utcnow())
    admin = await current_actor(w.admin.id, "admin", "2", now=utcnow())
    assert sorted(await keys(parent, w.today)) == sorted([NEWS, EVERY])  # a child at school, one in børnehave
    assert await keys(teacher, w.today) == [NEWS]
    assert await keys(leader, w.today) == []  # leaders are not served by either, and the børnehave is no school
    assert await keys(admin, w.today) == []


async def test_a_parent_never_sees_a_widget_switched_off_for_their_institution(database: str) -> None:
    w = await build_world()
    admin = await current_actor(w.admin.id, "admin", "2", now=utcnow())
    parent = await current_actor(w.other_guardian.id, "parent", "2", now=utcnow())  # Carl: school only
    assert await keys(parent, w.today) == [NEWS, EVERY]
    await service.do_set_enabled(admin, NEWS, w.school.id, Role.PARENT, False)
    assert await keys(parent, w.today) == [EVERY]
    teacher = await current_actor(w.teacher.id, "staff", "2", now=utcnow())
    assert await keys(teacher, w.today) == [NEWS]  # switched off for parents only
    await service.do_set_enabled(admin, NEWS, w.school.id, Role.PARENT, True)
    assert await keys(parent, w.today) == [NEWS, EVERY]
    assert await WidgetSetting.all().count() == 1


async def test_only_the_admin_switches_widgets(database: str) -> None:
    w = await build_world()
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    with pytest.raises(AccessDenied):
        await service.do_set_enabled(leader, NEWS, w.school.id, Role.PARENT, False)
    admin = await current_actor(w.admin.id, "admin", "2", now=utcnow())
    with pytest.raises(DomainError):
        await service.do_set_enabled(admin, "builtin:nonexistent", w.school.id, Role.PARENT, False)
    assert await WidgetSetting.all().count() == 0


async def test_a_person_reorders_and_hides_and_sammen_remembers(database: str) -> None:
    w = await build_world()
    parent = await current_actor(w.guardian.id, "parent", "2", now=utcnow())
    await service.do_save_layout(parent, w.today, [EVERY, NEWS], [NEWS])
    view = await service.overview(parent, w.today)
    assert [(s.key, s.hidden) for s in view.slots] == [(EVERY, False), (NEWS, True)]
    assert view.shown(Placement.MAIN) == []
    staff_view = await service.overview(await current_actor(w.teacher.id, "staff", "2", now=utcnow()), w.today)
    assert [s.hidden for s in staff_view.slots] == [False]  # layouts are per person


async def test_reordering_to_a_widget_one_may_not_see_is_refused(database: str) -> None:
    w = await build_world()
    teacher = await current_actor(w.teacher.id, "staff", "2", now=utcnow())
    with pytest.raises(DomainError) as refused:
        await service.do_save_layout(teacher, w.today, [EVERY, NEWS], [])
    assert refused.value.key == "widget.error.not_visible"
    assert await WidgetLayout.all().count() == 0
