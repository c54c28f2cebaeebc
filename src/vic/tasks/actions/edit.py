"""The Office's corrections of a task (R-5.3): edit, edit a group together, withdraw, recompute deadlines."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from vic.core import clock
from vic.formats import moment

from .. import derived
from ..limits import check_deadline, check_past_date
from ..models import (
    DECIDED_KINDS,
    DeadlineChange,
    EventKind,
    Schedule,
    Submission,
    SubmissionState,
    Task,
    TaskCoordination,
)
from .common import ConcurrentEdit, journal, record_deadline_change, require_editable, unique
from .team import close_parts

# Fields the Office may correct on a task; each change is journaled with before/after.
EDITABLE_FIELDS = [
    "content", "expected_output", "report_to", "lead_unit", "monitoring_department", "assigning_leader",
    "schedule", "deadline", "deadline_kind", "urgency", "is_key", "arose_on", "arose_note",
]  # fmt: skip


def _display(value) -> str:
    """Journal values: ISO dates and names, so the record stays readable whatever the code becomes."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _parse(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _conflict(task_pk: int) -> ConcurrentEdit:
    last = Task.objects.get(pk=task_pk).events.select_related("actor").first()
    return ConcurrentEdit(
        _(
            "Nhiệm vụ đã được %(who)s sửa lúc %(when)s, sau khi bạn mở trang. Thay đổi mới được hiển thị bên "
            "dưới; những gì bạn nhập vẫn còn trên trang — kiểm tra lại rồi bấm Lưu: chỉ các mục bạn sửa được "
            "ghi, thay đổi của người khác ở các mục còn lại được giữ."
        )
        % {
            "who": last.actor if last and last.actor else _("người khác"),
            "when": moment(last.at) if last else "",
        },
        code="conflict",
    )


def _set_units(
    task: Task, diff: dict, coordinating_units: list | None, monitoring_officers: list | None
) -> None:
    current = list(task.coordinating_units.all())
    wanted = current if coordinating_units is None else coordinating_units
    wanted = [u for u in unique(wanted) if u != task.lead_unit]  # a lead never coordinates its own task
    if sorted(u.pk for u in wanted) != sorted(u.pk for u in current):
        diff["coordinating_units"] = [
            ", ".join(sorted(u.name for u in current)),
            ", ".join(sorted(u.name for u in wanted)),
        ]
        # Only the units dropped or added: a unit that stays keeps its receipt, contributions and urgings.
        keep = {u.pk for u in wanted}
        task.coordinations.exclude(unit_id__in=keep).delete()
        had = {u.pk for u in current}
        TaskCoordination.objects.bulk_create(
            [TaskCoordination(task=task, unit=u) for u in wanted if u.pk not in had]
        )
    if monitoring_officers is not None:
        before = sorted(str(u) for u in task.monitoring_officers.all())
        after = sorted(str(u) for u in monitoring_officers)
        if before != after:
            diff["monitoring_officers"] = [", ".join(before), ", ".join(after)]
            task.monitoring_officers.set(monitoring_officers)


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
    require_editable(user, task, _("Bạn không có quyền sửa nhiệm vụ này."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        if not Task.objects.filter(pk=task.pk, version=expected_version).update(version=F("version") + 1):
            raise _conflict(task.pk)
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.withdrawn_on:
            raise ValidationError(_("Nhiệm vụ đã thu hồi: không sửa được."))
        diff = {}
        for name, value in changes.items():
            before = getattr(task, name)
            if before != value:
                diff[name] = [_display(before), _display(value)]
                setattr(task, name, value)
        if "lead_unit" in diff and task.completed_on:
            # A finished task stays with the unit that finished it: a new delivery would erase its completion
            # from the status and the reports of every window it closed in.
            raise ValidationError(
                {"lead_unit": _("Nhiệm vụ đã hoàn thành: không giao lại cho đơn vị chủ trì khác được.")}
            )
        if "arose_on" in diff and not task.arose_note.strip():
            raise ValidationError({"arose_note": _("Sửa ngày phát sinh cần ghi lý do.")})
        if "arose_on" in diff:
            check_past_date(
                task.arose_on, _("Ngày phát sinh"), "arose_on", earliest=task.directive.issue_date
            )
        if "deadline" in diff:
            check_deadline(task.deadline, task.directive.issue_date)
        if task.schedule != Schedule.DATED:
            task.deadline = None
        if "deadline" in diff and task.delivered_on is None:
            task.original_deadline = task.deadline  # before delivery the written date is still being keyed in
        task.full_clean(exclude=["directive", "lead_unit", "registered_by", "series"])
        _set_units(task, diff, coordinating_units, monitoring_officers)
        if "deadline" in diff and task.delivered_on is not None:
            # After delivery a deadline change is a decision of its own, kept in the deadline history.
            old = _parse(diff["deadline"][0])
            record_deadline_change(task, old, task.deadline, note or _("Văn phòng sửa thời hạn"), user)
        task.effective_deadline = derived.effective_deadline(task.deadline)
        if {"arose_on", "urgency"} & diff.keys():
            task.delivery_due_on = derived.delivery_due(task.arose_on, task.urgency)
        derived.refresh_search_text(task)
        task.save()
        if "lead_unit" in diff and task.delivered_on is not None:
            _hand_over(user, task, diff, note)  # one journal row, so the new lead is told once
            task.refresh_from_db()
        elif diff:
            journal(task, EventKind.EDITED, user, note=note, changes=diff)
    return task


def _hand_over(user, task: Task, diff: dict, note: str) -> None:
    """A delivered task given to another lead is a new delivery to it: its own receipt and start; the old
    lead's parts end and what it left waiting is closed (its people no longer see the task). `diff`: every
    change of the same save, journaled with the hand-over."""
    today = clock.today()
    Task.objects.filter(pk=task.pk).update(
        delivered_at=clock.now(),
        delivered_on=today,  # first_delivered_on stays: judged the first delivery
        acknowledged_at=None,
        acknowledged_by=None,
        started_on=None,
        version=F("version") + 1,
    )
    close_parts(task)
    close_pending(task, user, _("Nhiệm vụ đã giao cho đơn vị chủ trì khác."))
    journal(task, EventKind.REASSIGNED, user, note=note, changes=diff)


def update_task_group(
    user,
    task: Task,
    changes: dict,
    *,
    expected_versions: dict[int, int],
    note: str = "",
    coordinating_units: list | None = None,
    monitoring_officers: list | None = None,
) -> list:
    """Edit together the tasks that one instruction gave to several lead units (each keeps its own lead).

    `expected_versions` holds the version of every task of the group as the editor saw them."""
    changes = {k: v for k, v in changes.items() if k != "lead_unit"}
    with transaction.atomic():
        members = list(Task.objects.filter(group_id=task.group_id, withdrawn_on__isnull=True).order_by("pk"))
        for member in members:
            if member.pk not in expected_versions:
                raise _conflict(member.pk)
        return [
            update_task(
                user,
                m,
                changes,
                expected_version=expected_versions[m.pk],
                note=note,
                coordinating_units=coordinating_units,
                monitoring_officers=monitoring_officers,
            )
            for m in members
        ]


def withdraw_task(user, task: Task, reason: str) -> Task:
    require_editable(user, task, _("Bạn không có quyền thu hồi nhiệm vụ này."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do thu hồi.")})
    with transaction.atomic():
        if not Task.objects.filter(pk=task.pk, withdrawn_on__isnull=True).update(
            withdrawn_on=clock.today(), version=F("version") + 1
        ):
            raise ValidationError(_("Nhiệm vụ đã được thu hồi trước đó."))
        Task.objects.filter(pk=task.pk).update(returned_on=None)
        close_parts(task)
        close_pending(task, user, _("Nhiệm vụ đã được thu hồi: %(reason)s") % {"reason": reason})
        journal(task, EventKind.WITHDRAWN, user, note=reason)
    task.refresh_from_db()
    return task


def close_pending(task: Task, user, note: str, *, keep: tuple[str, ...] = ()) -> int:
    """A task withdrawn, completed or handed over answers what still waits on it (but the kinds in `keep`):
    nothing stays in "Chờ xử lý" for ever, and no late decision rewrites a closed task."""
    waiting = Q(state=SubmissionState.AWAITING_HEAD) | Q(
        state=SubmissionState.SUBMITTED, kind__in=DECIDED_KINDS
    )
    return (
        Submission.objects.filter(waiting, task=task)
        .exclude(kind__in=keep)
        .update(state=SubmissionState.REJECTED, decided_by=user, decided_at=clock.now(), decision_note=note)
    )


def recompute_deadlines(user, start: datetime.date, end: datetime.date, reason: str) -> int:
    """After a working-day calendar change: re-roll the dates that depend on the calendar in [start, end].

    The written deadline never moves; only the day it rolls to, and the registration deadline of tasks that
    arose in the range. Each changed task gets a journal row."""
    changed = 0
    in_range = Q(deadline__gte=start, deadline__lte=end) | Q(
        arose_on__gte=start - datetime.timedelta(days=3), arose_on__lte=end
    )
    with transaction.atomic():
        for task in Task.objects.select_for_update().filter(in_range):
            effective = derived.effective_deadline(task.deadline)
            due = derived.delivery_due(task.arose_on, task.urgency)
            diff = {}
            if effective != task.effective_deadline:
                diff["effective_deadline"] = [_display(task.effective_deadline), _display(effective)]
            if due != task.delivery_due_on:
                diff["delivery_due_on"] = [_display(task.delivery_due_on), _display(due)]
            if diff:
                Task.objects.filter(pk=task.pk).update(
                    effective_deadline=effective, delivery_due_on=due, version=F("version") + 1
                )
                journal(task, EventKind.RECOMPUTED, user, note=reason, changes=diff)
                changed += 1
        # The deadlines in force before a change roll with the calendar too (status as of earlier days).
        for change in DeadlineChange.objects.select_for_update().filter(
            old_deadline__gte=start, old_deadline__lte=end
        ):
            effective = derived.effective_deadline(change.old_deadline)
            if effective != change.old_effective_deadline:
                DeadlineChange.objects.filter(pk=change.pk).update(old_effective_deadline=effective)
    return changed
