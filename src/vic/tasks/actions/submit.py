"""What a unit sends about a task — progress, completion proposal, return, extension proposal,
explanation, coordinator's contribution — and the unit head's approval before it goes out (R-6.3)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.uploads import check_attachments, remove_stored, store_upload
from vic.formats import dmy
from vic.units.models import Role

from .. import derived
from ..limits import check_deadline, check_past_date
from ..models import (
    DECIDED_KINDS,
    EventKind,
    Submission,
    SubmissionKind,
    SubmissionState,
    Task,
    TaskCoordination,
    TaskFile,
)
from ..permissions import Act, can
from ..status import OVERDUE, status_of_task
from .common import active, journal

ACT_FOR_KIND = {
    SubmissionKind.PROGRESS: Act.REPORT_PROGRESS,
    SubmissionKind.COMPLETION: Act.PROPOSE_COMPLETION,
    SubmissionKind.RETURN: Act.RETURN,
    SubmissionKind.EXTENSION: Act.PROPOSE_EXTENSION,
    SubmissionKind.EXPLANATION: Act.EXPLAIN,
    SubmissionKind.CONTRIBUTION: Act.CONTRIBUTE,
}
# What the unit head approves first when the unit asks for it (a coordinator's note goes to the lead unit).
NEEDS_HEAD = {SubmissionKind.PROGRESS, SubmissionKind.COMPLETION, SubmissionKind.RETURN, SubmissionKind.EXTENSION,
              SubmissionKind.EXPLANATION}  # fmt: skip


def _coordinating(task: Task) -> list[int]:
    return list(task.coordinations.values_list("unit_id", flat=True))


def check_fact_date(task: Task, day: datetime.date, label: str) -> None:
    """A fact is dated between the task's delivery and today: status as of any date depends on it."""
    if day > clock.today():
        raise ValidationError(_("%(label)s không được sau ngày hôm nay.") % {"label": label})
    if task.delivered_on and day < task.delivered_on:
        raise ValidationError(
            _("%(label)s không được trước ngày chuyển giao nhiệm vụ (%(day)s).")
            % {"label": label, "day": dmy(task.delivered_on)}
        )


def _check_state(
    task: Task, kind: str, proposed_deadline, text: str, explanation: str, *, at_submit=True, day=None
) -> None:
    if not task.delivered_on or task.withdrawn_on:
        raise ValidationError(_("Nhiệm vụ chưa chuyển giao hoặc đã thu hồi."))
    if task.completed_on and kind != SubmissionKind.EXPLANATION:
        raise ValidationError(_("Nhiệm vụ đã được xác nhận hoàn thành."))
    if task.returned_on and kind != SubmissionKind.CONTRIBUTION:
        raise ValidationError(_("Nhiệm vụ đang được trả lại Văn phòng, chờ Văn phòng xử lý."))
    if not text.strip():
        raise ValidationError({"text": _("Chưa nhập nội dung.")})
    pending = task.submissions.filter(
        kind=kind, state__in=[SubmissionState.AWAITING_HEAD, SubmissionState.SUBMITTED]
    )
    if at_submit and kind in DECIDED_KINDS and pending.exists():
        raise ValidationError(_("Đã có một đề xuất cùng loại đang chờ xử lý."))
    if kind == SubmissionKind.EXTENSION:
        if task.deadline is None:
            raise ValidationError(_("Nhiệm vụ không có thời hạn: không cần gia hạn."))
        if at_submit and proposed_deadline is None:
            raise ValidationError({"proposed_deadline": _("Nhập thời hạn đề xuất (dd/mm/yyyy).")})
        # Judged on the working day each date counts to: proposing Monday for a Saturday deadline that
        # already counts to Monday changes nothing.
        in_force = task.effective_deadline or task.deadline
        if at_submit and derived.effective_deadline(proposed_deadline) <= max(in_force, clock.today()):
            raise ValidationError(
                {
                    "proposed_deadline": _(
                        "Thời hạn đề xuất phải sau thời hạn hiện hành (%(day)s) và sau hôm nay."
                    )
                    % {"day": dmy(in_force)}
                }
            )
    # Overdue as of the report's date: a paper report entered late but dated in time needs no excuse.
    overdue = status_of_task(task, day) in OVERDUE
    if (
        at_submit
        and overdue
        and kind in (SubmissionKind.PROGRESS, SubmissionKind.COMPLETION)
        and not explanation.strip()
    ):
        raise ValidationError({"explanation": _("Nhiệm vụ đã quá hạn: cần giải trình lý do chậm (Điều 11).")})


def submit(
    user,
    task: Task,
    kind: str,
    text: str,
    *,
    explanation: str = "",
    reported_on=None,
    paper_number: str = "",
    paper_date=None,
    proposed_deadline=None,
    uploads=(),
) -> Submission:
    """Send something about a task. It takes effect at once, or after the unit head approves it."""
    if not can(user, ACT_FOR_KIND[kind], task):
        raise PermissionDenied(
            _("Bạn không có quyền gửi “%(kind)s” cho nhiệm vụ này.") % {"kind": SubmissionKind(kind).label}
        )
    day = reported_on or clock.today()
    check_fact_date(task, day, _("Ngày báo cáo"))
    check_past_date(paper_date, _("Ngày văn bản báo cáo"), "paper_date", earliest=task.directive.issue_date)
    if kind == SubmissionKind.EXTENSION:
        check_deadline(proposed_deadline, task.directive.issue_date, "proposed_deadline")
    checked = check_attachments(uploads)
    written: list[TaskFile] = []
    try:
        submission = _submit(user, task, kind, text, explanation, day, paper_number, paper_date,
                             proposed_deadline, checked, written)  # fmt: skip
    except BaseException:
        remove_stored(written)  # the rows are rolled back; their files must not stay behind
        raise
    task.refresh_from_db()
    return submission


def _submit(user, task, kind, text, explanation, day, paper_number, paper_date, proposed_deadline, checked,
            written) -> Submission:  # fmt: skip
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        _check_state(task, kind, proposed_deadline, text, explanation, day=day)
        # The Office entering a unit's paper report files it under the lead unit, in the Office's name.
        unit = (
            user.unit if user.unit_id and user.unit_id in (task.lead_unit_id, *_coordinating(task)) else None
        )
        waits = (
            kind in NEEDS_HEAD
            and unit is not None
            and unit.requires_head_approval
            and user.role != Role.UNIT_HEAD
        )
        if unit is not None:  # a unit that reports on a task has received it
            _mark_received(user, task, note=_("khi gửi “%(kind)s”") % {"kind": SubmissionKind(kind).label})
        submission = Submission.objects.create(
            task=task,
            kind=kind,
            unit=unit or task.lead_unit,
            author=user,
            text=text.strip(),
            explanation=explanation.strip(),
            reported_on=day,
            paper_number=paper_number,
            paper_date=paper_date,
            proposed_deadline=proposed_deadline,
            state=SubmissionState.AWAITING_HEAD if waits else SubmissionState.SUBMITTED,
        )
        for upload, sha256 in checked:
            written.append(attach_task_file(user, task, upload, sha256, submission))
        if waits:
            journal(
                task,
                EventKind.SUBMITTED,
                user,
                note=_("%(kind)s — chờ thủ trưởng đơn vị duyệt") % {"kind": submission.get_kind_display()},
            )
        else:
            _take_effect(user, submission)
    return submission


_EVENT_FOR_KIND = {
    SubmissionKind.PROGRESS: EventKind.PROGRESS,
    SubmissionKind.COMPLETION: EventKind.COMPLETION_PROPOSED,
    SubmissionKind.RETURN: EventKind.RETURNED,
    SubmissionKind.EXTENSION: EventKind.EXTENSION_PROPOSED,
    SubmissionKind.EXPLANATION: EventKind.EXPLAINED,
    SubmissionKind.CONTRIBUTION: EventKind.CONTRIBUTED,
}


def _take_effect(user, submission: Submission) -> None:
    """What a submission changes once it is out: the task's facts and the journal."""
    task, kind = submission.task, submission.kind
    if kind in (SubmissionKind.PROGRESS, SubmissionKind.COMPLETION):
        Task.objects.filter(pk=task.pk, started_on__isnull=True).update(started_on=submission.reported_on)
    if kind == SubmissionKind.RETURN:
        Task.objects.filter(pk=task.pk).update(returned_on=clock.today())
    if kind == SubmissionKind.CONTRIBUTION:
        TaskCoordination.objects.filter(task=task, unit=submission.unit).update(
            last_contribution_at=clock.now()
        )
    Task.objects.filter(pk=task.pk).update(version=F("version") + 1)
    note = submission.text[:500]
    if submission.explanation:
        note += "\n" + _("Giải trình: %(text)s") % {"text": submission.explanation[:500]}
    if submission.proposed_deadline:
        note += "\n" + _("Thời hạn đề xuất: %(day)s") % {"day": dmy(submission.proposed_deadline)}
    if submission.approved_by_id and submission.approved_by_id != submission.author_id:
        # The journal names who wrote it; the head who let it go out is named beside (report-user #15).
        note += "\n" + _("duyệt: %(head)s") % {"head": submission.approved_by}
    journal(task, _EVENT_FOR_KIND[kind], submission.author, note=note)


def approve_submission(user, submission: Submission, *, approve: bool, note: str = "") -> Submission:
    """The unit head lets a submission go out (it then takes effect) or holds it back with a reason."""
    if not (active(user) and can(user, Act.APPROVE, submission.task) and user.unit_id == submission.unit_id):
        raise PermissionDenied(_("Chỉ thủ trưởng đơn vị gửi được duyệt."))
    with transaction.atomic():
        # The task row first, then the submission: the order every task action locks in (no deadlock with
        # a withdrawal that updates the task, then its submissions).
        task = Task.objects.select_for_update().get(pk=submission.task_id)
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.state != SubmissionState.AWAITING_HEAD:
            raise ValidationError(_("Báo cáo, đề xuất này đã được xử lý."))
        if not approve and not note.strip():
            raise ValidationError({"note": _("Cần ghi lý do không duyệt.")})
        submission.approved_by, submission.approved_at = user, clock.now()
        submission.state = SubmissionState.SUBMITTED if approve else SubmissionState.DECLINED_BY_HEAD
        submission.decision_note = note if not approve else ""
        submission.save()
        kind_label = submission.get_kind_display()
        journal(
            submission.task,
            EventKind.APPROVED if approve else EventKind.DECLINED,
            user,
            note=kind_label,  # the head's reasons stay on the submission, inside the unit
        )
        if not approve:
            # The reasons go to who wrote it, inside the unit; the journal (seen by the Office) only says
            # that the head held it back.
            from vic.urging.notify import notify

            notify(
                [submission.author],
                _("Thủ trưởng đơn vị không duyệt “%(kind)s” của bạn: %(note)s")
                % {"kind": kind_label, "note": note.strip()[:300]},
                task=task,
                subject=_("Báo cáo, đề xuất không được duyệt"),
            )
        if approve:
            _check_state(
                task,
                submission.kind,
                submission.proposed_deadline,
                submission.text,
                submission.explanation,
                at_submit=False,
            )
            _take_effect(user, submission)
    return submission


def attach_task_file(user, task: Task, upload, sha256: str | None = None, submission=None) -> TaskFile:
    return store_upload(TaskFile(task=task, submission=submission, uploaded_by=user), upload, sha256)


def acknowledge(user, task: Task) -> Task:
    """The unit confirms it received the task (as lead or as coordinator); the Office sees who has not."""
    if not can(user, Act.ACKNOWLEDGE, task):
        raise PermissionDenied(_("Bạn không có quyền xác nhận nhận nhiệm vụ này."))
    with transaction.atomic():
        row = Task.objects.select_for_update().get(pk=task.pk)
        if not row.delivered_on or row.withdrawn_on:
            raise ValidationError(_("Nhiệm vụ chưa chuyển giao hoặc đã thu hồi."))
        _mark_received(user, row)
    task.refresh_from_db()
    return task


def _mark_received(user, task: Task, note: str = "") -> None:
    """Record the receipt of the user's unit (lead or coordinator) once; journal it when it is new."""
    now = clock.now()
    if user.unit_id == task.lead_unit_id:
        done = Task.objects.filter(pk=task.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=now, acknowledged_by=user, version=F("version") + 1
        )
    else:
        done = TaskCoordination.objects.filter(
            task=task, unit_id=user.unit_id, acknowledged_at__isnull=True
        ).update(acknowledged_at=now)
    if done:
        journal(task, EventKind.ACKNOWLEDGED, user, note=" — ".join(filter(None, [str(user.unit), note])))
