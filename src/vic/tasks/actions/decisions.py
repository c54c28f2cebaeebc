"""The Office's and the leaders' answers to a unit: a returned task (R-5.3), an extension proposal (R-11.2)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from vic.core import clock

from .. import derived
from ..limits import check_deadline
from ..models import EventKind, Submission, SubmissionKind, SubmissionState, Task
from ..permissions import Act, can
from .common import journal, record_deadline_change
from .edit import update_task, withdraw_task


def _pending(task: Task, kind: str) -> Submission:
    submission = task.submissions.filter(kind=kind, state=SubmissionState.SUBMITTED).first()
    if submission is None:
        raise ValidationError(_("Không có đề xuất nào đang chờ xử lý (có thể người khác vừa xử lý)."))
    return submission


def _close(submission: Submission, user, state: str, note: str) -> None:
    Submission.objects.filter(pk=submission.pk).update(
        state=state, decided_by=user, decided_at=clock.now(), decision_note=note
    )


class Resolution:
    EDIT = "edit"
    REASSIGN = "reassign"
    WITHDRAW = "withdraw"


def resolve_return(
    user,
    task: Task,
    resolution: str,
    note: str,
    *,
    new_lead=None,
    changes: dict | None = None,
    expected_version: int | None = None,
) -> Task:
    """Answer a returned task: correct it and send it back, give it to another unit, or withdraw it."""
    if not can(user, Act.RESOLVE_RETURN, task):
        raise PermissionDenied(_("Bạn không có quyền xử lý nhiệm vụ bị trả lại."))
    if not note.strip():
        raise ValidationError({"note": _("Cần ghi ý kiến xử lý.")})
    with transaction.atomic():
        caller, task = task, Task.objects.select_for_update().get(pk=task.pk)
        submission = _pending(task, SubmissionKind.RETURN)
        version = task.version if expected_version is None else expected_version
        if resolution == Resolution.WITHDRAW:
            withdraw_task(user, task, note)  # also closes this return (edit.close_pending)
        elif resolution == Resolution.REASSIGN:
            if new_lead is None or new_lead == task.lead_unit:
                raise ValidationError({"new_lead": _("Chọn đơn vị chủ trì mới, khác đơn vị đã trả lại.")})
            # update_task hands the task over (a new delivery; the old lead's parts end) and journals it.
            update_task(user, task, {"lead_unit": new_lead}, expected_version=version, note=note)
            Task.objects.filter(pk=task.pk).update(returned_on=None, version=F("version") + 1)
        elif resolution == Resolution.EDIT:
            if changes:
                update_task(user, task, changes, expected_version=version, note=note)
            Task.objects.filter(pk=task.pk).update(returned_on=None, version=F("version") + 1)
        else:
            raise ValueError(resolution)
        _close(submission, user, SubmissionState.ACCEPTED, note)
        # `task` is the row as returned: the unit that returned it is the one told how it was settled.
        journal(task, EventKind.RETURN_RESOLVED, user, note=note)
    caller.refresh_from_db()  # the caller's object shows the new facts
    return caller


def decide_extension(
    user, task: Task, *, approve: bool, note: str, new_deadline: datetime.date | None = None
) -> Task:
    """The assigning leader (or whom the Office designates) approves a new deadline or rejects the proposal.

    The first deadline stays on the task (`original_deadline`); each change is a DeadlineChange row."""
    if not can(user, Act.DECIDE_EXTENSION, task):
        raise PermissionDenied(_("Bạn không có quyền quyết định gia hạn nhiệm vụ này."))
    with transaction.atomic():
        caller, task = task, Task.objects.select_for_update().get(pk=task.pk)
        submission = _pending(task, SubmissionKind.EXTENSION)
        if task.completed_on or task.withdrawn_on:
            # A new deadline after the fact would turn a late completion into an on-time one.
            raise ValidationError(_("Nhiệm vụ đã hoàn thành hoặc đã thu hồi: không còn gia hạn."))
        if not approve:
            if not note.strip():
                raise ValidationError({"note": _("Cần ghi lý do không đồng ý gia hạn.")})
            _close(submission, user, SubmissionState.REJECTED, note)
            Task.objects.filter(pk=task.pk).update(version=F("version") + 1)
            journal(task, EventKind.EXTENSION_REJECTED, user, note=note)
        else:
            day = new_deadline or submission.proposed_deadline
            if day is None or (task.deadline and day <= task.deadline):
                raise ValidationError({"new_deadline": _("Thời hạn mới phải sau thời hạn hiện hành.")})
            check_deadline(day, task.directive.issue_date, "new_deadline")
            record_deadline_change(task, task.deadline, day, note or submission.text, user, submission)
            Task.objects.filter(pk=task.pk).update(
                deadline=day, effective_deadline=derived.effective_deadline(day), version=F("version") + 1
            )
            _close(submission, user, SubmissionState.ACCEPTED, note)
            journal(
                task,
                EventKind.EXTENSION_APPROVED,
                user,
                note=note,
                changes={"deadline": [task.deadline.isoformat() if task.deadline else "", day.isoformat()]},
            )
    caller.refresh_from_db()  # the caller's object shows the new facts
    return caller
