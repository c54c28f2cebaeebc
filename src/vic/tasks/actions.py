"""Every write to tasks goes through these actions: permission, one transaction, a journal row.

Views, CLI, demo loader and (later) the API and jobs call them; none writes task state directly.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vic.core import clock

from . import derived
from .models import EventKind, Schedule, Task, TaskCoordination, TaskEvent, TaskSeries
from .specs import TaskSpec


class ConcurrentEdit(ValidationError):
    """Someone saved the task after this user opened it; nothing of theirs is overwritten."""


def journal(task: Task, kind: str, actor, note: str = "", changes: dict | None = None) -> TaskEvent:
    return TaskEvent.objects.create(task=task, kind=kind, actor=actor, note=note, changes=changes or {})


def _require_registrar(user) -> None:
    if not (user and user.is_authenticated and user.can_register):
        raise PermissionDenied(_("Bạn không có quyền nhập, sửa hoặc chuyển giao nhiệm vụ."))


def _validate_spec(spec: TaskSpec) -> None:
    errors = {}
    if not spec.content.strip():
        errors["content"] = _("Chưa nhập nội dung nhiệm vụ.")
    if not spec.lead_units:
        errors["lead_units"] = _("Mỗi nhiệm vụ phải có đơn vị chủ trì.")
    if spec.schedule == Schedule.DATED and not spec.deadline:
        errors["deadline"] = _("Chưa nhập thời hạn (dd/mm/yyyy) hoặc chọn “thường xuyên”.")
    if spec.frequency and not spec.deadline:
        errors["deadline"] = _("Nhiệm vụ định kỳ cần thời hạn của kỳ đầu tiên.")
    if spec.frequency and spec.recurrence_until and spec.deadline and spec.recurrence_until < spec.deadline:
        errors["recurrence_until"] = _("Ngày kết thúc định kỳ phải sau thời hạn kỳ đầu.")
    if errors:
        raise ValidationError(errors)


def create_tasks(user, directive, specs: list[TaskSpec]) -> list[Task]:
    """Register the tasks of a directive: one task per lead unit, and per occurrence for recurring duties."""
    _require_registrar(user)
    created: list[Task] = []
    with transaction.atomic():
        for spec in specs:
            _validate_spec(spec)
            arose_on = spec.arose_on or default_arose_on(directive)
            deadlines: list[datetime.date | None] = [
                spec.deadline if spec.schedule == Schedule.DATED else None
            ]
            series = None
            if spec.frequency:
                until = spec.recurrence_until or derived.add_months(spec.deadline, 12) - datetime.timedelta(
                    days=1
                )
                series = TaskSeries.objects.create(
                    frequency=spec.frequency, first_deadline=spec.deadline, until=until
                )
                deadlines = derived.occurrences(spec.deadline, spec.frequency, until)
            group_id = uuid.uuid4()
            for deadline in deadlines:
                for lead in spec.lead_units:
                    task = Task(
                        directive=directive,
                        group_id=group_id,
                        series=series,
                        content=spec.content.strip(),
                        expected_output=spec.expected_output,
                        report_to=spec.report_to,
                        lead_unit=lead,
                        monitoring_department=spec.monitoring_department,
                        assigning_leader=spec.assigning_leader,
                        schedule=Schedule.DATED if series else spec.schedule,
                        deadline=deadline,
                        original_deadline=deadline,
                        deadline_kind=spec.deadline_kind,
                        urgency=spec.urgency,
                        is_key=spec.is_key,
                        arose_on=arose_on,
                        arose_note=spec.arose_note,
                        registered_by=user,
                    )
                    derived.refresh(task)
                    derived.refresh_search_text(task)
                    task.save()
                    TaskCoordination.objects.bulk_create(
                        [
                            TaskCoordination(task=task, unit=u)
                            for u in _unique(spec.coordinating_units)
                            if u != lead
                        ]
                    )
                    task.monitoring_officers.set(spec.monitoring_officers)
                    if task.coordinations.exists():
                        derived.refresh_search_text(task)
                        Task.objects.filter(pk=task.pk).update(search_text=task.search_text)
                    journal(task, EventKind.REGISTERED, user, note=directive.reference)
                    created.append(task)
    return created


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def default_arose_on(directive) -> datetime.date:
    """DOMAIN "Decisions": the issue date, or the day the Office received the document if later."""
    if directive.received_on and directive.received_on > directive.issue_date:
        return directive.received_on
    return directive.issue_date


def deliver_tasks(user, tasks: list[Task]) -> list[Task]:
    """Deliver registered tasks to their units (R-5.1); the time is recorded against the one-day rule."""
    _require_registrar(user)
    now = clock.now()
    today = clock.today()
    delivered = []
    with transaction.atomic():
        for task in Task.objects.select_for_update().filter(pk__in=[t.pk for t in tasks]):
            if task.delivered_at or task.withdrawn_on:
                continue
            Task.objects.filter(pk=task.pk).update(
                delivered_at=now, delivered_on=today, version=F("version") + 1
            )
            late = today > task.delivery_due_on
            note = (
                _("Chuyển muộn so với hạn %(due)s") % {"due": date_format(task.delivery_due_on)}
                if late
                else ""
            )
            journal(task, EventKind.DELIVERED, user, note=note)
            delivered.append(task)
    return delivered


# Fields the Office may correct on a task; each change is journaled with before/after.
EDITABLE_FIELDS = [
    "content",
    "expected_output",
    "report_to",
    "lead_unit",
    "monitoring_department",
    "assigning_leader",
    "schedule",
    "deadline",
    "deadline_kind",
    "urgency",
    "is_key",
    "arose_on",
    "arose_note",
]


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def update_task(
    user,
    task: Task,
    changes: dict,
    *,
    expected_version: int,
    note: str = "",
    coordinating_units: list | None = None,
    monitoring_officers: list | None = None,
) -> Task:
    """Correct a task. A stale `expected_version` means someone else saved first: ConcurrentEdit, nothing lost."""
    if not Task.objects.editable_by(user).filter(pk=task.pk).exists():
        raise PermissionDenied(_("Bạn không có quyền sửa nhiệm vụ này."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        bumped = Task.objects.filter(pk=task.pk, version=expected_version).update(version=F("version") + 1)
        if not bumped:
            current = Task.objects.get(pk=task.pk)
            last = current.events.first()
            raise ConcurrentEdit(
                _(
                    "Nhiệm vụ đã được %(who)s sửa lúc %(when)s, sau khi bạn mở trang. Những gì bạn nhập vẫn còn "
                    "trên trang: hãy xem thay đổi mới rồi lưu lại."
                )
                % {
                    "who": last.actor if last and last.actor else _("người khác"),
                    "when": timezone.localtime(last.at).strftime("%H:%M %d/%m/%Y") if last else "",
                },
                code="conflict",
            )
        task = Task.objects.select_for_update().get(pk=task.pk)
        diff = {}
        for name, value in changes.items():
            before = getattr(task, name)
            if before != value:
                diff[name] = [_display(before), _display(value)]
                setattr(task, name, value)
        if "deadline" in diff and task.delivered_on is None:
            task.original_deadline = task.deadline  # before delivery the written date is still being keyed in
        if coordinating_units is not None:
            before = sorted(u.name for u in task.coordinating_units.all())
            after = sorted(u.name for u in coordinating_units if u != task.lead_unit)
            if before != after:
                diff["coordinating_units"] = [", ".join(before), ", ".join(after)]
                task.coordinations.all().delete()
                TaskCoordination.objects.bulk_create(
                    [
                        TaskCoordination(task=task, unit=u)
                        for u in _unique(coordinating_units)
                        if u != task.lead_unit
                    ]
                )
        if monitoring_officers is not None:
            before = sorted(str(u) for u in task.monitoring_officers.all())
            after = sorted(str(u) for u in monitoring_officers)
            if before != after:
                diff["monitoring_officers"] = [", ".join(before), ", ".join(after)]
                task.monitoring_officers.set(monitoring_officers)
        if task.schedule != Schedule.DATED:
            task.deadline = None
        task.full_clean(exclude=["directive", "lead_unit", "registered_by", "series"])
        derived.refresh(task)
        derived.refresh_search_text(task)
        task.save()
        if diff:
            journal(task, EventKind.EDITED, user, note=note, changes=diff)
    return task


def update_task_group(
    user, task: Task, changes: dict, *, expected_versions: dict[int, int], note: str = ""
) -> list:
    """Edit together the tasks that one instruction gave to several lead units."""
    with transaction.atomic():
        return [
            update_task(user, t, changes, expected_version=expected_versions.get(t.pk, t.version), note=note)
            for t in Task.objects.filter(group_id=task.group_id).order_by("pk")
        ]


def withdraw_task(user, task: Task, reason: str) -> Task:
    if not Task.objects.editable_by(user).filter(pk=task.pk).exists():
        raise PermissionDenied(_("Bạn không có quyền thu hồi nhiệm vụ này."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do thu hồi.")})
    with transaction.atomic():
        Task.objects.filter(pk=task.pk).update(withdrawn_on=clock.today(), version=F("version") + 1)
        journal(task, EventKind.WITHDRAWN, user, note=reason)
    task.refresh_from_db()
    return task


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
    from .models import ProgressReport

    if not (
        Task.objects.visible_to(user).filter(pk=task.pk).exists()
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


def confirm_completion(
    user, task: Task, *, completed_on: datetime.date | None = None, note: str = ""
) -> Task:
    """The Office confirms completion; the confirmed date is the one status and reports use."""
    if not user.sees_province or user.role == "provincial_leader":
        raise PermissionDenied(_("Chỉ Văn phòng được xác nhận hoàn thành nhiệm vụ."))
    if not task.delivered_on or task.withdrawn_on:
        raise ValidationError(_("Nhiệm vụ chưa chuyển giao hoặc đã thu hồi."))
    day = completed_on or clock.today()
    with transaction.atomic():
        Task.objects.filter(pk=task.pk).update(
            completed_on=day, started_on=Coalesce(F("started_on"), Value(day)), version=F("version") + 1
        )
        journal(task, EventKind.COMPLETED, user, note=note, changes={"completed_on": ["", day.isoformat()]})
    task.refresh_from_db()
    return task
