"""Registering a directive's tasks and delivering them to the units (R-4, R-5.1)."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vic.core import clock

from .. import derived
from ..limits import MAX_RECURRENCE_YEARS, deadline_problem
from ..models import EventKind, Schedule, Task, TaskCoordination, TaskSeries
from ..specs import TaskSpec
from .common import journal, require_registrar, unique

MAX_CONTENT = 5000


def validate_spec(spec: TaskSpec, issued: datetime.date | None = None) -> None:
    """Check a task before it exists; `issued` is the directive's issue date."""
    errors = {}
    if len(spec.content) > MAX_CONTENT:
        errors["content"] = _("Nội dung nhiệm vụ dài quá %(n)d ký tự.") % {"n": MAX_CONTENT}
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
    if spec.deadline and (problem := deadline_problem(spec.deadline, issued)):
        errors["deadline"] = problem
    if (
        spec.frequency
        and spec.deadline
        and spec.recurrence_until
        and (spec.recurrence_until > derived.add_months(spec.deadline, 12 * MAX_RECURRENCE_YEARS))
    ):
        errors["recurrence_until"] = _("Nhiệm vụ định kỳ được lập tối đa %(n)d năm một lần nhập.") % {
            "n": MAX_RECURRENCE_YEARS
        }
    if errors:
        raise ValidationError(errors)


def create_tasks(user, directive, specs: list[TaskSpec]) -> list[Task]:
    """Register the tasks of a directive: one task per lead unit, and per occurrence for recurring duties."""
    require_registrar(user)
    created: list[Task] = []
    with transaction.atomic():
        for spec in specs:
            validate_spec(spec, directive.issue_date)
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
            for deadline in deadlines:
                # One group per occurrence: the leads of one instruction are edited together, months are not.
                group_id = uuid.uuid4()
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
                            for u in unique(spec.coordinating_units)
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


def default_arose_on(directive) -> datetime.date:
    """DOMAIN "Decisions": the issue date, or the day the Office received the document if later."""
    if directive.received_on and directive.received_on > directive.issue_date:
        return directive.received_on
    return directive.issue_date


def deliver_tasks(user, tasks: list[Task]) -> list[Task]:
    """Deliver registered tasks to their units (R-5.1); the time is recorded against the one-day rule."""
    require_registrar(user)
    now = clock.now()
    today = clock.today()
    delivered = []
    with transaction.atomic():
        for task in Task.objects.select_for_update().filter(pk__in=[t.pk for t in tasks]):
            if task.delivered_at or task.withdrawn_on:
                continue
            Task.objects.filter(pk=task.pk).update(
                delivered_at=now, delivered_on=today, first_delivered_on=today, version=F("version") + 1
            )
            task.delivered_at, task.delivered_on, task.version = now, today, task.version + 1
            late = today > task.delivery_due_on
            note = (
                _("Chuyển muộn so với hạn %(due)s") % {"due": date_format(task.delivery_due_on)}
                if late
                else ""
            )
            journal(task, EventKind.DELIVERED, user, note=note)
            delivered.append(task)
    return delivered
