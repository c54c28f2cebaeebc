"""The workflow buttons of a task page: one POST endpoint per action, each calling one action (issue 3).

A refused or invalid submission re-renders the task page with the form as typed and its errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from vic.core.forms import attach
from vic.formats import dmy, moment

from . import actions
from .models import EventKind, Submission, SubmissionKind, SubmissionState, Task, TaskCoordination, TaskPart
from .permissions import Act, can
from .workflow_forms import (
    ApproveForm,
    ConfirmForm,
    DecisionForm,
    NoteForm,
    PassDownForm,
    ReasonForm,
    ReportPartForm,
    ResolveReturnForm,
    ReturnForm,
    SubmissionForm,
    UrgeForm,
)


def _submit(kind):
    def run(user, task, data):
        return actions.submit(
            user,
            task,
            kind,
            data["text"],
            explanation=data.get("explanation", ""),
            paper_number=data.get("paper_number", ""),
            paper_date=data.get("paper_date"),
            proposed_deadline=data.get("proposed_deadline"),
            uploads=data.get("files", []),
        )

    return run


def _approve(user, task, data):
    submission = get_object_or_404(Submission, pk=data["submission"], task=task)
    return actions.approve_submission(
        user, submission, approve=data["decision"] == "approve", note=data["note"]
    )


def _urge(user, task, data):
    coordination = get_object_or_404(TaskCoordination, pk=data["coordination"], task=task)
    return actions.urge_coordinator(user, coordination, data["note"])


def _report_part(user, task, data):
    part = get_object_or_404(TaskPart, pk=data["part"], task=task)
    return actions.report_part(user, part, data["text"], done=data["done"])


def _approved(submission: Submission) -> str:
    """Where the head's decision sent it: a coordinator's note goes to the lead unit, the rest to the Office."""
    kind = submission.get_kind_display()
    if submission.state == SubmissionState.DECLINED_BY_HEAD:
        return _("Đã không duyệt “%(kind)s”; người soạn được báo lý do.") % {"kind": kind}
    if submission.kind == SubmissionKind.CONTRIBUTION:
        return _("Đã duyệt và gửi đơn vị chủ trì “%(kind)s”.") % {"kind": kind}
    return _("Đã duyệt và gửi Văn phòng “%(kind)s”.") % {"kind": kind}


@dataclass(frozen=True)
class Step:
    act: str
    form: Any
    run: Any
    done: Any  # message on success, or a function of (the action's result, the form's data) giving it


STEPS: dict[str, Step] = {
    "nhan": Step(
        Act.ACKNOWLEDGE, None, lambda u, t, d: actions.acknowledge(u, t), _("Đã xác nhận đã nhận nhiệm vụ.")
    ),
    "bao-cao": Step(
        Act.REPORT_PROGRESS, SubmissionForm, _submit(SubmissionKind.PROGRESS), _("Đã gửi báo cáo tiến độ.")
    ),
    "de-xuat-hoan-thanh": Step(
        Act.PROPOSE_COMPLETION,
        SubmissionForm,
        _submit(SubmissionKind.COMPLETION),
        _("Đã gửi đề xuất hoàn thành."),
    ),
    "tra-lai": Step(Act.RETURN, ReturnForm, _submit(SubmissionKind.RETURN), _("Đã trả lại nhiệm vụ.")),
    "de-xuat-gia-han": Step(
        Act.PROPOSE_EXTENSION, SubmissionForm, _submit(SubmissionKind.EXTENSION), _("Đã gửi đề xuất gia hạn.")
    ),
    "giai-trinh": Step(
        Act.EXPLAIN, SubmissionForm, _submit(SubmissionKind.EXPLANATION), _("Đã gửi giải trình.")
    ),
    "phoi-hop": Step(
        Act.CONTRIBUTE,
        SubmissionForm,
        _submit(SubmissionKind.CONTRIBUTION),
        _("Đã gửi ý kiến, kết quả phối hợp cho đơn vị chủ trì."),
    ),
    "duyet": Step(Act.APPROVE, ApproveForm, _approve, lambda submission, d: _approved(submission)),
    "xac-nhan-hoan-thanh": Step(
        Act.CONFIRM_COMPLETION,
        ConfirmForm,
        lambda u, t, d: actions.confirm_completion(u, t, completed_on=d["completed_on"], note=d["note"]),
        _("Đã xác nhận hoàn thành nhiệm vụ."),
    ),
    "tra-lai-de-xuat": Step(
        Act.CONFIRM_COMPLETION,
        ReasonForm,
        lambda u, t, d: actions.send_back_completion(u, t, d["reason"]),
        _("Đã trả lại đề xuất hoàn thành."),
    ),
    "xu-ly-tra-lai": Step(
        Act.RESOLVE_RETURN,
        ResolveReturnForm,
        lambda u, t, d: actions.resolve_return(u, t, d["resolution"], d["note"], new_lead=d["new_lead"]),
        _("Đã xử lý nhiệm vụ bị trả lại."),
    ),
    "quyet-dinh-gia-han": Step(
        Act.DECIDE_EXTENSION,
        DecisionForm,
        lambda u, t, d: actions.decide_extension(
            u, t, approve=d["decision"] == "approve", note=d["note"], new_deadline=d["new_deadline"]
        ),
        lambda task, d: (
            _("Đã đồng ý gia hạn; thời hạn mới %(day)s.") % {"day": dmy(task.deadline)}
            if d["decision"] == "approve"
            else _("Đã không đồng ý gia hạn; thời hạn giữ nguyên.")
        ),
    ),
    "don-doc": Step(Act.URGE_COORDINATOR, UrgeForm, _urge, _("Đã đôn đốc đơn vị phối hợp.")),
    "giao-cap-duoi": Step(
        Act.PASS_DOWN,
        PassDownForm,
        lambda u, t, d: actions.pass_down(
            u,
            t,
            d["content"],
            assignee_unit=d["assignee_unit"],
            assignee=d["assignee"],
            deadline=d["deadline"],
        ),
        _("Đã giao phần việc cho cấp dưới."),
    ),
    "bao-cao-phan-viec": Step(Act.REPORT_PART, ReportPartForm, _report_part, _("Đã báo cáo phần việc.")),
}


def make_form(slug: str, task: Task, data=None, files=None):
    form_class = STEPS[slug].form
    if form_class is None:
        return None
    if form_class is PassDownForm:
        sub_units, people = actions.team_of(task.lead_unit)
        return PassDownForm(data, files, sub_units=sub_units, people=people, prefix=slug)
    return form_class(data, files, prefix=slug)


@login_required
@require_POST
def task_act(request, pk, slug):
    from .views import render_detail, task_for

    if slug not in STEPS:
        raise Http404
    task = task_for(request.user, pk)
    step = STEPS[slug]
    if not can(request.user, step.act, task):
        raise PermissionDenied
    form = make_form(slug, task, request.POST, request.FILES)
    if form is not None and not form.is_valid():
        return render_detail(request, task, open_slug=slug, bound=form, status=400)
    if step.act in DECIDING and (moved := _moved_since(task, request.POST.get("seen_version"))):
        # A decision taken on a stale page (another officer sent the proposal back meanwhile) is not taken:
        # the page shows what changed, with the form as typed, and a second click decides on what is now.
        form.add_error(None, moved)
        return render_detail(request, task, open_slug=slug, bound=form, status=409)
    try:
        result = step.run(request.user, task, form.cleaned_data if form is not None else {})
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
            return redirect("tasks:detail", pk=pk)
        attach(form, error)  # a refused file beside the files field, the rest on top of the form
        return render_detail(request, task, open_slug=slug, bound=form, status=400)
    if isinstance(result, Submission) and result.state == SubmissionState.AWAITING_HEAD:
        # Not sent yet: say so, or the officer believes the Office has it.
        messages.success(
            request,
            _("Đã lưu “%(kind)s”; đang chờ thủ trưởng đơn vị duyệt rồi mới gửi Văn phòng.")
            % {"kind": result.get_kind_display()},
        )
    else:
        said = step.done(result, form.cleaned_data) if callable(step.done) else step.done
        messages.success(request, said)
    return redirect("tasks:detail", pk=pk)


DECIDING = {Act.CONFIRM_COMPLETION, Act.DECIDE_EXTENSION, Act.RESOLVE_RETURN}


# What a unit does that changes nothing the Office decides on: its receipt, a report still with its head.
_NOT_MOVING = {EventKind.ACKNOWLEDGED, EventKind.SUBMITTED}


def _moved_since(task: Task, seen) -> str | None:
    """Why a decision's page is stale: the task changed after `seen` (its version when the page was drawn),
    by something that bears on the decision."""
    if not seen or not str(seen).isdigit() or int(seen) >= task.version:
        return None
    newer = list(task.events.select_related("actor")[: min(task.version - int(seen), 20)])  # newest first
    last = next((e for e in newer if e.kind not in _NOT_MOVING), None)
    if last is None:
        return None
    return _(
        "Sau khi bạn mở trang, nhiệm vụ đã thay đổi lúc %(when)s: “%(what)s” (%(who)s). Hãy xem lại nhiệm vụ; "
        "nếu vẫn giữ quyết định, bấm Gửi lần nữa."
    ) % {
        "who": last.actor or _("hệ thống"),
        "what": last.get_kind_display(),
        "when": moment(last.at),
    }


def panel(user, task: Task, acts: set[str], open_slug: str | None = None, bound=None) -> dict:
    """What the task page offers this user now: the allowed actions whose state conditions hold."""
    submissions = list(
        task.submissions.seen_by(user).select_related("author", "unit", "approved_by", "decided_by")
    )
    pending = {s.kind: s for s in submissions if s.state == SubmissionState.SUBMITTED}
    # What the unit sent, or its head still holds: one of each decided kind at a time.
    waiting = {
        s.kind for s in submissions if s.state in (SubmissionState.SUBMITTED, SubmissionState.AWAITING_HEAD)
    }
    awaiting_head = [
        s for s in submissions if s.state == SubmissionState.AWAITING_HEAD and s.unit_id == user.unit_id
    ]
    open_work = bool(task.delivered_on) and not task.withdrawn_on and not task.completed_on
    working = open_work and not task.returned_on
    coordination = next((c for c in task.coordinations.all() if c.unit_id == user.unit_id), None)
    mine_parts = list(task.parts.open_for(user).filter(done_on__isnull=True))
    unacknowledged = (
        (task.acknowledged_at is None)
        if user.unit_id == task.lead_unit_id
        else (coordination is not None and coordination.acknowledged_at is None)
    )
    show = {
        "nhan": Act.ACKNOWLEDGE in acts and open_work and unacknowledged,
        "bao-cao": Act.REPORT_PROGRESS in acts and working,
        "de-xuat-hoan-thanh": Act.PROPOSE_COMPLETION in acts
        and working
        and SubmissionKind.COMPLETION not in waiting,
        "de-xuat-gia-han": Act.PROPOSE_EXTENSION in acts
        and working
        and task.deadline is not None
        and SubmissionKind.EXTENSION not in waiting,
        "giai-trinh": Act.EXPLAIN in acts
        and bool(task.delivered_on)
        and not task.withdrawn_on
        and not task.returned_on,  # the action refuses while the Office holds the task
        "tra-lai": Act.RETURN in acts and working and SubmissionKind.RETURN not in waiting,
        "phoi-hop": Act.CONTRIBUTE in acts and open_work,
        "duyet": Act.APPROVE in acts and bool(awaiting_head),
        "xac-nhan-hoan-thanh": Act.CONFIRM_COMPLETION in acts and working,
        "tra-lai-de-xuat": Act.CONFIRM_COMPLETION in acts and SubmissionKind.COMPLETION in pending,
        "xu-ly-tra-lai": Act.RESOLVE_RETURN in acts and SubmissionKind.RETURN in pending,
        "quyet-dinh-gia-han": Act.DECIDE_EXTENSION in acts
        and open_work
        and SubmissionKind.EXTENSION in pending,
        "don-doc": Act.URGE_COORDINATOR in acts and working and task.coordinations.exists(),
        "giao-cap-duoi": Act.PASS_DOWN in acts and working,
        "bao-cao-phan-viec": Act.REPORT_PART in acts and bool(mine_parts) and open_work,
    }
    forms = {
        slug: (bound if slug == open_slug and bound is not None else make_form(slug, task))
        for slug, visible in show.items()
        if visible
    }
    if open_slug and bound is not None:
        forms[open_slug] = bound  # a refused action shows its form and why, even if no longer offered
    if "quyet-dinh-gia-han" in forms and open_slug != "quyet-dinh-gia-han":
        forms["quyet-dinh-gia-han"].initial["new_deadline"] = pending[
            SubmissionKind.EXTENSION
        ].proposed_deadline
    return {
        "forms": forms,
        "open_slug": open_slug,
        "submissions": submissions,
        "pending": pending,
        "awaiting_head": awaiting_head,
        "mine_parts": mine_parts,
        "labels": {s: STEPS[s].done for s in STEPS},
    }


__all__ = ["STEPS", "NoteForm", "panel", "task_act"]
