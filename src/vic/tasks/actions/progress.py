"""Progress and completion (R-5.2): the unit reports and proposes; the Office confirms or sends back."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from vic.core import clock

from ..models import EventKind, Submission, SubmissionKind, SubmissionState, Task
from ..permissions import Act, can
from .common import journal
from .edit import close_pending
from .submit import check_fact_date, submit


def record_progress(
    user,
    task: Task,
    text: str,
    *,
    reported_on: datetime.date | None = None,
    paper_number: str = "",
    paper_date: datetime.date | None = None,
    explanation: str = "",
    uploads=(),
) -> Submission:
    """A progress update from the lead unit; the first one moves the task to "in progress"."""
    return submit(
        user,
        task,
        SubmissionKind.PROGRESS,
        text,
        reported_on=reported_on,
        paper_number=paper_number,
        paper_date=paper_date,
        explanation=explanation,
        uploads=uploads,
    )


def may_confirm(user, task: Task) -> bool:
    return can(user, Act.CONFIRM_COMPLETION, task)


def _pending_completion(task: Task):
    return task.submissions.filter(kind=SubmissionKind.COMPLETION, state=SubmissionState.SUBMITTED).first()


def confirm_completion(
    user, task: Task, *, completed_on: datetime.date | None = None, note: str = ""
) -> Task:
    """The Office confirms completion; the confirmed date is the one status and reports use."""
    if not may_confirm(user, task):
        raise PermissionDenied(
            _("Chỉ Văn phòng (chuyên viên, phòng theo dõi nhiệm vụ) được xác nhận hoàn thành.")
        )
    day = completed_on or clock.today()
    with transaction.atomic():
        caller, task = task, Task.objects.select_for_update().get(pk=task.pk)
        if task.completed_on:
            raise ValidationError(_("Nhiệm vụ đã được xác nhận hoàn thành."))
        if not task.delivered_on or task.withdrawn_on or task.returned_on:
            raise ValidationError(_("Nhiệm vụ chưa chuyển giao, đã thu hồi hoặc đang bị trả lại."))
        check_fact_date(task, day, _("Ngày hoàn thành"))
        Task.objects.filter(pk=task.pk).update(
            completed_on=day, started_on=Coalesce(F("started_on"), Value(day)), version=F("version") + 1
        )
        if proposal := _pending_completion(task):
            Submission.objects.filter(pk=proposal.pk).update(
                state=SubmissionState.ACCEPTED, decided_by=user, decided_at=clock.now(), decision_note=note
            )
        # An extension or progress still waiting has nothing left to act on (explanations stay welcome).
        close_pending(task, user, _("Nhiệm vụ đã hoàn thành."), keep=(SubmissionKind.EXPLANATION,))
        journal(task, EventKind.COMPLETED, user, note=note, changes={"completed_on": ["", day.isoformat()]})
    caller.refresh_from_db()  # the caller's object shows the new facts
    return caller


def send_back_completion(user, task: Task, reason: str) -> Submission:
    """The Office does not accept the proposed completion: the task counts as not done (DOMAIN "Status")."""
    if not may_confirm(user, task):
        raise PermissionDenied(
            _("Chỉ Văn phòng (chuyên viên, phòng theo dõi nhiệm vụ) được trả lại đề xuất.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do trả lại đề xuất hoàn thành.")})
    with transaction.atomic():
        Task.objects.select_for_update().get(pk=task.pk)
        proposal = _pending_completion(task)
        if proposal is None:
            raise ValidationError(_("Không có đề xuất hoàn thành nào đang chờ xử lý."))
        Submission.objects.filter(pk=proposal.pk).update(
            state=SubmissionState.REJECTED, decided_by=user, decided_at=clock.now(), decision_note=reason
        )
        Task.objects.filter(pk=task.pk).update(version=F("version") + 1)
        journal(task, EventKind.SENT_BACK, user, note=reason)
    proposal.refresh_from_db()
    return proposal
