"""A unit's work on a task: progress reports (R-5.2) and the Office's confirmation of completion."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from vic.core import clock
from vic.units.models import Role

from ..models import EventKind, ProgressReport, Task
from .common import active, journal


def check_fact_date(task: Task, day: datetime.date, label: str) -> None:
    """A fact is dated between the task's delivery and today: status as of any date depends on it."""
    if day > clock.today():
        raise ValidationError(_("%(label)s không được sau ngày hôm nay.") % {"label": label})
    if task.delivered_on and day < task.delivered_on:
        raise ValidationError(
            _("%(label)s không được trước ngày chuyển giao nhiệm vụ (%(day)s).")
            % {"label": label, "day": task.delivered_on.strftime("%d/%m/%Y")}
        )


def _acting_unit_leads(user, task: Task) -> bool:
    return bool(user.unit_id) and user.unit_id == task.lead_unit_id


def record_progress(
    user,
    task: Task,
    text: str,
    *,
    reported_on: datetime.date | None = None,
    paper_number: str = "",
    paper_date: datetime.date | None = None,
):
    """A progress update from the lead unit (R-5.2); the first one moves the task to "in progress"."""
    if not (
        active(user)
        and Task.objects.visible_to(user).filter(pk=task.pk).exists()
        and (_acting_unit_leads(user, task) or user.can_register)
    ):
        raise PermissionDenied(_("Chỉ đơn vị chủ trì được báo cáo tiến độ nhiệm vụ này."))
    if not task.delivered_on or task.withdrawn_on or task.completed_on:
        raise ValidationError(
            _("Nhiệm vụ chưa chuyển giao, đã thu hồi hoặc đã hoàn thành: không báo cáo tiến độ.")
        )
    if not text.strip():
        raise ValidationError({"text": _("Chưa nhập nội dung tiến độ.")})
    day = reported_on or clock.today()
    check_fact_date(task, day, _("Ngày báo cáo"))
    with transaction.atomic():
        report = ProgressReport.objects.create(
            task=task,
            author=user,
            unit=task.lead_unit,
            text=text.strip(),
            reported_on=day,
            paper_number=paper_number,
            paper_date=paper_date,
        )
        Task.objects.filter(pk=task.pk, started_on__isnull=True).update(started_on=day)
        Task.objects.filter(pk=task.pk).update(version=F("version") + 1)
        journal(task, EventKind.PROGRESS, user, note=text.strip()[:500])
    task.refresh_from_db()
    return report


def may_confirm(user, task: Task) -> bool:
    """The task's monitoring officers and Office department, the Office's leaders and clerks confirm."""
    if not active(user):
        return False
    if user.is_superuser or user.role in (Role.OFFICE_LEADER, Role.OFFICE_CLERK, Role.ADMIN):
        return True
    if user.role not in (Role.OFFICE_DEPARTMENT_HEAD, Role.MONITORING_OFFICER):
        return False
    if task.monitoring_department_id is None and not task.monitoring_officers.exists():
        return True  # nobody assigned yet: any Office officer may act
    return (
        task.monitoring_department_id == user.unit_id or task.monitoring_officers.filter(pk=user.pk).exists()
    )


def confirm_completion(
    user, task: Task, *, completed_on: datetime.date | None = None, note: str = ""
) -> Task:
    """The Office confirms completion; the confirmed date is the one status and reports use."""
    if not may_confirm(user, task):
        raise PermissionDenied(
            _("Chỉ Văn phòng (chuyên viên, phòng theo dõi nhiệm vụ) được xác nhận hoàn thành.")
        )
    if task.completed_on:
        raise ValidationError(_("Nhiệm vụ đã được xác nhận hoàn thành."))
    if not task.delivered_on or task.withdrawn_on:
        raise ValidationError(_("Nhiệm vụ chưa chuyển giao hoặc đã thu hồi."))
    day = completed_on or clock.today()
    check_fact_date(task, day, _("Ngày hoàn thành"))
    with transaction.atomic():
        Task.objects.filter(pk=task.pk).update(
            completed_on=day, started_on=Coalesce(F("started_on"), Value(day)), version=F("version") + 1
        )
        journal(task, EventKind.COMPLETED, user, note=note, changes={"completed_on": ["", day.isoformat()]})
    task.refresh_from_db()
    return task
