"""Who may do what to a task: one matrix of role × action × scope (issue 3, R-6.3).

Every action checks `can()`; every page shows only the buttons `can()` allows; lists and searches go
through `Task.objects.visible_to()`, which `can()` requires first. Nothing else grants a right.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vic.units.models import Role


class Act(models.TextChoices):
    VIEW = "view", _("Xem nhiệm vụ")
    ACKNOWLEDGE = "acknowledge", _("Xác nhận đã nhận")
    REPORT_PROGRESS = "report_progress", _("Báo cáo tiến độ")
    PROPOSE_COMPLETION = "propose_completion", _("Đề xuất hoàn thành")
    RETURN = "return", _("Trả lại nhiệm vụ")
    PROPOSE_EXTENSION = "propose_extension", _("Đề xuất gia hạn")
    EXPLAIN = "explain", _("Giải trình")
    CONTRIBUTE = "contribute", _("Gửi ý kiến phối hợp")
    URGE_COORDINATOR = "urge_coordinator", _("Đôn đốc đơn vị phối hợp")
    PASS_DOWN = "pass_down", _("Giao việc cho cấp dưới")
    REPORT_PART = "report_part", _("Báo cáo phần việc được giao")
    APPROVE = "approve", _("Duyệt báo cáo, đề xuất của đơn vị")
    CONFIRM_COMPLETION = "confirm_completion", _("Xác nhận hoặc trả lại đề xuất hoàn thành")
    RESOLVE_RETURN = "resolve_return", _("Xử lý nhiệm vụ bị trả lại")
    DECIDE_EXTENSION = "decide_extension", _("Quyết định gia hạn")
    EDIT = "edit", _("Sửa, chuyển giao, thu hồi nhiệm vụ")


class Scope(models.TextChoices):
    ANY = "any", _("mọi nhiệm vụ")
    LEAD = "lead", _("đơn vị mình chủ trì")
    COORDINATOR = "coordinator", _("đơn vị mình phối hợp")
    PART = "part", _("phần việc giao cho mình hoặc đơn vị mình")
    MONITOR = "monitor", _("nhiệm vụ mình hoặc phòng mình theo dõi")
    ASSIGNER = "assigner", _("nhiệm vụ mình giao")


_UNIT = {Role.UNIT_OFFICER, Role.UNIT_HEAD}
_OFFICE = {Role.OFFICE_CLERK, Role.OFFICE_LEADER, Role.ADMIN}


# The Office roles limited to the tasks they follow (Scope.MONITOR; Task.objects.monitored_by as SQL).
FOLLOWING_ROLES = frozenset({Role.MONITORING_OFFICER, Role.OFFICE_DEPARTMENT_HEAD})


def _grant(roles, scopes) -> dict:
    return {role: frozenset(scopes) for role in roles}


MATRIX: dict[str, dict[str, frozenset]] = {
    Act.ACKNOWLEDGE: _grant(_UNIT, {Scope.LEAD, Scope.COORDINATOR}),
    # The Office may also enter a unit's progress from its paper report (recorded as the Office's entry).
    Act.REPORT_PROGRESS: {
        **_grant(_UNIT, {Scope.LEAD}),
        **_grant(FOLLOWING_ROLES, {Scope.MONITOR}),
        **_grant(_OFFICE, {Scope.ANY}),
    },
    Act.PROPOSE_COMPLETION: _grant(_UNIT, {Scope.LEAD}),
    Act.RETURN: _grant(_UNIT, {Scope.LEAD}),
    Act.PROPOSE_EXTENSION: _grant(_UNIT, {Scope.LEAD}),
    Act.EXPLAIN: _grant(_UNIT, {Scope.LEAD}),
    Act.URGE_COORDINATOR: _grant(_UNIT, {Scope.LEAD}),
    Act.PASS_DOWN: _grant(_UNIT, {Scope.LEAD}),
    Act.CONTRIBUTE: _grant(_UNIT, {Scope.COORDINATOR}),
    Act.REPORT_PART: _grant(_UNIT, {Scope.PART}),
    Act.APPROVE: _grant({Role.UNIT_HEAD}, {Scope.LEAD, Scope.COORDINATOR}),
    Act.CONFIRM_COMPLETION: {
        **_grant(FOLLOWING_ROLES, {Scope.MONITOR}),
        **_grant(_OFFICE, {Scope.ANY}),
    },
    Act.RESOLVE_RETURN: {
        **_grant(FOLLOWING_ROLES, {Scope.MONITOR}),
        **_grant(_OFFICE, {Scope.ANY}),
    },
    # The assigning leader, or the Office's leaders whom the Office designates — not the IT administrator.
    Act.DECIDE_EXTENSION: {
        **_grant({Role.PROVINCIAL_LEADER}, {Scope.ASSIGNER}),
        **_grant({Role.OFFICE_LEADER}, {Scope.ANY}),
    },
    Act.EDIT: _grant(_OFFICE, {Scope.ANY}),
}


def role_of(user) -> str:
    return Role.ADMIN if user.is_superuser else user.role


def _in_scope(user, task, scope: str) -> bool:
    if scope == Scope.ANY:
        return True
    if scope == Scope.LEAD:
        return bool(user.unit_id) and user.unit_id == task.lead_unit_id
    if scope == Scope.COORDINATOR:
        return bool(user.unit_id) and task.coordinations.filter(unit_id=user.unit_id).exists()
    if scope == Scope.PART:
        return task.parts.open_for(user).exists()
    if scope == Scope.MONITOR:
        if task.monitoring_department_id is None and not task.monitoring_officers.exists():
            return True  # nobody assigned yet: any Office officer may act
        # An officer whose account has no unit yet follows no department (None == None is no match).
        return (
            user.unit_id is not None and task.monitoring_department_id == user.unit_id
        ) or task.monitoring_officers.filter(pk=user.pk).exists()
    if scope == Scope.ASSIGNER:
        return task.assigning_leader is not None and task.assigning_leader.user_id == user.pk
    raise ValueError(scope)


def _visible(user, task) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    from .models import Task

    return Task.objects.visible_to(user).filter(pk=task.pk).exists()


def _granted(user, act: str, task, scope_cache: dict) -> bool:
    if act == Act.VIEW:
        return True
    for scope in MATRIX[act].get(role_of(user), frozenset()):
        if scope not in scope_cache:
            scope_cache[scope] = _in_scope(user, task, scope)
        if scope_cache[scope]:
            return True
    return False


def can(user, act: str, task) -> bool:
    """May `user` do `act` on `task`? Inactive users nothing; unseen tasks nothing."""
    return _visible(user, task) and _granted(user, act, task, {})


def allowed_acts(user, task) -> set[str]:
    """The buttons a task page shows this user (state conditions are checked by the actions)."""
    if not _visible(user, task):
        return set()
    cache: dict = {}
    return {act for act in Act.values if _granted(user, act, task, cache)}


def scope_q(user, scope: str) -> Q:
    """`_in_scope` as SQL, over tasks (the list face of the matrix, tested to agree with `can`)."""
    from .models import Task, TaskCoordination, TaskPart

    if scope == Scope.LEAD:
        return Q(lead_unit_id=user.unit_id) if user.unit_id else Q(pk__in=[])
    if scope == Scope.COORDINATOR:
        return Q(pk__in=TaskCoordination.objects.filter(unit_id=user.unit_id).values("task_id"))
    if scope == Scope.PART:
        return Q(pk__in=TaskPart.objects.open_for(user).values("task_id"))
    if scope == Scope.MONITOR:
        return Q(pk__in=Task.objects.monitored_by(user).values("pk"))
    if scope == Scope.ASSIGNER:
        return Q(assigning_leader__user=user)
    raise ValueError(scope)


def allowing(user, act: str):
    """The tasks on which `user` may do `act`: `can()` for a whole list in one query."""
    from .models import Task

    visible = Task.objects.visible_to(user)
    scopes = MATRIX[act].get(role_of(user), frozenset()) if user and user.is_authenticated else frozenset()
    if not scopes:
        return visible.none()
    if Scope.ANY in scopes:
        return visible
    condition = Q(pk__in=[])
    for scope in scopes:
        condition |= scope_q(user, scope)
    return visible.filter(condition)
