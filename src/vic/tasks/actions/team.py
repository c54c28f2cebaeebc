"""The lead unit's team: urging coordinating units (R-9.2) and passing parts down (R-9.4)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from vic.core import clock
from vic.units.models import Role, Unit, User

from ..models import EventKind, Task, TaskCoordination, TaskPart
from ..permissions import Act, can
from .common import journal


def urge_coordinator(user, coordination: TaskCoordination, note: str) -> TaskCoordination:
    task = coordination.task
    if not can(user, Act.URGE_COORDINATOR, task):
        raise PermissionDenied(_("Chỉ đơn vị chủ trì được đôn đốc đơn vị phối hợp."))
    with transaction.atomic():
        _check_open(task)
        TaskCoordination.objects.filter(pk=coordination.pk).update(last_urged_at=clock.now())
        journal(
            task,
            EventKind.URGED,
            user,
            note=f"{coordination.unit}: {note}".strip(": "),
            also=unit_people(coordination.unit),
        )
    coordination.refresh_from_db()
    return coordination


def _lock(task: Task) -> Task:
    """Inside the action's transaction: the task row locked and re-read, so a concurrent withdrawal or
    completion is seen (always the task before its parts: the order withdraw_task writes them in)."""
    return Task.objects.select_for_update().get(pk=task.pk)


def _check_open(task: Task) -> None:
    row = _lock(task)
    if not row.delivered_on or row.withdrawn_on or row.completed_on or row.returned_on:
        raise ValidationError(_("Nhiệm vụ chưa chuyển giao, đã thu hồi, đã hoàn thành hoặc đang bị trả lại."))


def close_parts(task: Task) -> int:
    """The task left the unit: its parts passed down end, and their people no longer see the task."""
    return TaskPart.objects.filter(task=task, closed_on__isnull=True).update(closed_on=clock.today())


def unit_people(unit: Unit) -> list[User]:
    """Who answers for a unit's share: its officers and head."""
    return list(User.objects.filter(unit=unit, is_active=True, role__in=[Role.UNIT_OFFICER, Role.UNIT_HEAD]))


def team_of(unit: Unit):
    """Who a unit can pass work to: its sub-units and the people of the unit and its sub-units."""
    sub_units = Unit.objects.filter(parent=unit)
    people = User.objects.filter(is_active=True, unit__in=[unit, *sub_units])
    return sub_units, people


def pass_down(
    user,
    task: Task,
    content: str,
    *,
    assignee_unit: Unit | None = None,
    assignee: User | None = None,
    deadline=None,
) -> TaskPart:
    if not can(user, Act.PASS_DOWN, task):
        raise PermissionDenied(_("Chỉ đơn vị chủ trì được giao việc cho cấp dưới."))
    sub_units, people = team_of(task.lead_unit)
    if assignee_unit is None and assignee is None:
        raise ValidationError(_("Chọn đơn vị cấp dưới hoặc cán bộ được giao."))
    if assignee_unit is not None and assignee is not None:  # one of them holds the part, never both
        raise ValidationError({"assignee": _("Chọn đơn vị cấp dưới hoặc cán bộ, không chọn cả hai.")})
    if assignee_unit is not None and not sub_units.filter(pk=assignee_unit.pk).exists():
        raise ValidationError({"assignee_unit": _("Đơn vị này không trực thuộc đơn vị chủ trì.")})
    if assignee is not None and not people.filter(pk=assignee.pk).exists():
        raise ValidationError(
            {"assignee": _("Cán bộ này không thuộc đơn vị chủ trì hoặc đơn vị trực thuộc.")}
        )
    if not content.strip():
        raise ValidationError({"content": _("Chưa nhập nội dung phần việc.")})
    if deadline and deadline < clock.today():
        raise ValidationError({"deadline": _("Thời hạn phần việc không được trước ngày hôm nay.")})
    if deadline and task.deadline and deadline > task.deadline:
        raise ValidationError({"deadline": _("Thời hạn phần việc không được sau thời hạn của nhiệm vụ.")})
    with transaction.atomic():
        _check_open(task)
        part = TaskPart.objects.create(
            task=task,
            content=content.strip(),
            assignee_unit=assignee_unit,
            assignee=assignee,
            deadline=deadline,
            assigned_by=user,
        )
        who = assignee_unit or assignee
        told = unit_people(assignee_unit) if assignee_unit else [assignee]
        journal(task, EventKind.PASSED_DOWN, user, note=f"{who}: {part.content[:300]}", also=told)
    return part


def report_part(user, part: TaskPart, text: str, *, done: bool = False) -> TaskPart:
    """A sub-unit or officer reports on its part; the first report also starts the unit's task (roll-up)."""
    task = part.task
    mine = part.assignee_id == user.pk or (part.assignee_unit_id and part.assignee_unit_id == user.unit_id)
    if not (mine and can(user, Act.REPORT_PART, task)):
        raise PermissionDenied(_("Phần việc này không giao cho bạn hoặc đơn vị bạn."))
    if not text.strip():
        raise ValidationError({"text": _("Chưa nhập nội dung báo cáo.")})
    today = clock.today()
    with transaction.atomic():
        _lock(task)
        part = TaskPart.objects.select_for_update().get(pk=part.pk)
        if part.done_on or part.closed_on:
            raise ValidationError(_("Phần việc đã hoàn thành hoặc không còn được giao."))
        _check_open(task)
        TaskPart.objects.filter(pk=part.pk).update(
            last_report=text.strip(), started_on=part.started_on or today, done_on=today if done else None
        )
        Task.objects.filter(pk=task.pk, started_on__isnull=True, delivered_on__isnull=False).update(
            started_on=today
        )
        Task.objects.filter(pk=task.pk).update(version=F("version") + 1)
        status = _("hoàn thành") if done else _("đang thực hiện")
        journal(
            task, EventKind.PART_REPORTED, user, note=f"{part.content[:120]} — {status}: {text.strip()[:300]}"
        )
    part.refresh_from_db()
    return part
