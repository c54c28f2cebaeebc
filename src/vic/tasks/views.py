"""Task pages: list with filters, a unit's inbox, the task page with its journal, Office corrections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vic.core import clock
from vic.reporting.models import UnitReport

from . import actions
from .forms import ReasonForm, TaskEditForm, TaskFilterForm
from .models import Submission, SubmissionKind, SubmissionState, Task, TaskCoordination, TaskFile, TaskPart
from .permissions import Act, allowed_acts, allowing
from .querysets import COUNTED, DELIVERED_LATE
from .status import NO_DEADLINE, OPEN, OVERDUE, RATE_DENOMINATOR, Status, due_soon_q
from .workflow_views import panel

PAGE_SIZE = 50


def _list_queryset(user, today):
    return _with_details(Task.objects.visible_to(user).with_status(today))


def _with_details(qs):
    return qs.select_related(
        "directive", "directive__kind", "lead_unit", "monitoring_department", "assigning_leader"
    ).prefetch_related("coordinating_units", "monitoring_officers")


def paginate(request, qs, today):
    """Sort and cut the page on ids alone, then load the page's rows with their details.

    Joining the details before the sort made PostgreSQL sort 100,000 wide rows (docs/performance.md)."""
    page = Paginator(overdue_first(qs).values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = _with_details(Task.objects.with_status(today)).in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list]
    return page


# Filter form field → lookup; each applies only when the field has a value.
FIELD_LOOKUPS = {
    "unit": "lead_unit",
    "status": "status",
    "deadline_from": "effective_deadline__gte",
    "deadline_to": "effective_deadline__lte",
    "leader": "assigning_leader",
    "officer": "monitoring_officers",
    "department": "monitoring_department",
    "directive": "directive_id",
    "is_key": "is_key",
}


def _scope_filter(scope: str, user, today) -> Q | None:
    """The side menu's lists (Chủ trì, Phối hợp, Sắp đến hạn, Quá hạn…) as one condition each."""
    if scope == "due_soon":
        return due_soon_q(today)
    return {
        "lead": Q(lead_unit_id=user.unit_id),
        "coordinate": Q(coordinations__unit_id=user.unit_id),
        "overdue": Q(status__in=OVERDUE),
        "draft": Q(status=Status.DRAFT),
        "counted": COUNTED,
        "no_deadline": Q(status__in=NO_DEADLINE),
        # The denominator of the on-time rate (tasks/status.py), for the dashboards' rate tile.
        "rated": Q(status__in=RATE_DENOMINATOR),
        "unacknowledged": Q(status__in=OPEN, acknowledged_at__isnull=True),
    }.get(scope)


def apply_filters(qs, data: dict, user, today):
    if data.get("q"):
        qs = qs.search(data["q"])
    lookups = {lookup: data[name] for name, lookup in FIELD_LOOKUPS.items() if data.get(name)}
    qs = qs.filter(**lookups)
    condition = _scope_filter(data.get("scope") or "", user, today)
    return qs.filter(condition) if condition is not None else qs


def overdue_first(qs):
    """Overdue first, then by deadline; after a search, the tasks holding the typed phrase come first."""
    rank = Case(When(status__in=OVERDUE, then=Value(0)), default=Value(1), output_field=IntegerField())
    order = [rank, F("effective_deadline").asc(nulls_last=True), "id"]
    if "relevance" in qs.query.annotations:
        order.insert(0, "relevance")
    return qs.order_by(*order)


@login_required
def task_list(request):
    today = clock.today()
    form = TaskFilterForm(request.GET or None)
    saved_filters = list(request.user.saved_filters.all())
    qs = Task.objects.visible_to(request.user).with_status(today)
    if form.is_bound and form.is_valid():
        qs = apply_filters(qs, form.cleaned_data, request.user, today)
    elif form.is_bound:
        qs = qs.none()  # an invalid filter shows its error and nothing, never "everything"
    page = paginate(request, qs, today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tasks/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": today,
            "saved_filters": saved_filters,
        },
    )


@login_required
def inbox(request):
    """A unit's open tasks, as lead or coordinator, and the parts passed down to it or to the user (R-9.4)."""
    today = clock.today()
    qs = _list_queryset(request.user, today).filter(status__in=OPEN)
    unit_id = request.user.unit_id
    # What needs the unit first: tasks it has not acknowledged, then overdue ones, then the newest.
    lead = _attention_first(
        qs.filter(lead_unit_id=unit_id).annotate(
            received=ExpressionWrapper(Q(acknowledged_at__isnull=False), output_field=BooleanField())
        )
    )[:50]
    received = TaskCoordination.objects.filter(
        task=OuterRef("pk"), unit_id=unit_id, acknowledged_at__isnull=False
    )
    coordinate = _attention_first(
        qs.filter(coordinations__unit_id=unit_id).annotate(received=Exists(received))
    )[:50]
    parts = (
        TaskPart.objects.open_for(request.user)
        .filter(task__in=qs, done_on__isnull=True)
        .select_related("task", "task__lead_unit", "assignee_unit", "assignee")
        .order_by("deadline", "pk")[:50]
    )
    return render(request, "tasks/inbox.html", {"lead": lead, "coordinate": coordinate, "parts": parts})


def _attention_first(qs):
    rank = Case(
        When(received=False, then=Value(0)),
        When(status__in=OVERDUE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.order_by(rank, "-delivered_at", "-pk")


def task_for(user, pk):
    return get_object_or_404(
        Task.objects.visible_to(user).select_related(
            "directive", "directive__kind", "lead_unit", "monitoring_department", "assigning_leader", "series"
        ),
        pk=pk,
    )


def render_detail(request, task, *, open_slug=None, bound=None, status=200):
    today = clock.today()
    acts = allowed_acts(request.user, task)
    context = {
        "task": task,
        "status": task.status(today),
        "events": task.events.select_related("actor"),
        "coordinations": task.coordinations.select_related("unit"),
        "parts": task.parts.select_related("assignee", "assignee_unit"),
        "deadline_changes": task.deadline_changes.select_related("decided_by"),
        "task_files": task.files.select_related("uploaded_by"),
        "group": Task.objects.visible_to(request.user)
        .filter(group_id=task.group_id)
        .exclude(pk=task.pk)
        .with_status(today)
        .select_related("lead_unit"),
        "can_edit": Act.EDIT in acts
        or (task.returned_on is not None and actions.may_edit(request.user, task)),
        "files": task.directive.files.all(),
        **panel(request.user, task, acts, open_slug, bound),
    }
    return render(request, "tasks/detail.html", context, status=status)


@login_required
def task_detail(request, pk):
    return render_detail(request, task_for(request.user, pk))


@login_required
def task_file(request, pk):
    """A file sent with a task's submission, only to those who may see the task and the submission (a file
    waiting for a unit head's approval stays inside the unit, R-6.3)."""
    record = get_object_or_404(TaskFile, pk=pk)
    task_for(request.user, record.task_id)
    if record.submission_id and not Submission.objects.filter(pk=record.submission_id).seen_by(request.user):
        raise Http404
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.original_name)


EDIT_CHANGES = [
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


def _edit_initial(task: Task) -> dict:
    initial = {name: getattr(task, name) for name in EDIT_CHANGES}
    group = Task.objects.filter(group_id=task.group_id).values_list("pk", "version")
    initial.update(
        version=task.version,
        coordinating_units=list(task.coordinating_units.all()),
        monitoring_officers=list(task.monitoring_officers.all()),
        group_versions=",".join(f"{pk}:{version}" for pk, version in group),
    )
    return initial


@login_required
def task_edit(request, pk):
    task = task_for(request.user, pk)
    if not actions.may_edit(request.user, task):  # the registrars; a returned task's handlers while returned
        raise PermissionDenied
    if task.withdrawn_on:
        messages.error(request, _("Nhiệm vụ đã thu hồi: không sửa được."))
        return redirect("tasks:detail", pk=pk)
    form = TaskEditForm(request.POST or None, initial=_edit_initial(task))
    newer = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = set(form.changed_data)
        changes = {k: data[k] for k in EDIT_CHANGES if k in changed}
        if "deadline" in changes or "schedule" in changes:
            changes.update(schedule=data["schedule"], deadline=data["deadline"])
        if "arose_on" in changes:
            changes["arose_note"] = data["arose_note"]
        units = {
            "coordinating_units": list(data["coordinating_units"])
            if "coordinating_units" in changed
            else None,
            "monitoring_officers": list(data["monitoring_officers"])
            if "monitoring_officers" in changed
            else None,
        }
        try:
            if data["whole_group"]:
                versions = data["group_versions"] or {task.pk: data["version"]}
                actions.update_task_group(
                    request.user, task, changes, expected_versions=versions, note=data["note"], **units
                )
            else:
                actions.update_task(
                    request.user, task, changes, expected_version=data["version"], note=data["note"], **units
                )
        except actions.ConcurrentEdit as error:
            # Keep what this user typed, show what the other person changed, and let a second save overwrite.
            form.add_error(None, error)
            fresh = _edit_initial(Task.objects.get(pk=pk))
            form.data = form.data.copy()
            form.data["version"], form.data["group_versions"] = fresh["version"], fresh["group_versions"]
            newer = Task.objects.get(pk=pk).events.select_related("actor")[:3]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu thay đổi của nhiệm vụ."))
            return redirect("tasks:detail", pk=pk)
    return render(request, "tasks/edit.html", {"task": task, "form": form, "newer": newer})


def _act(request, pk, run, success: str):
    """Run an action from a task page's button; a refused action comes back as a Vietnamese message."""
    task = task_for(request.user, pk)
    try:
        run(task)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("tasks:detail", pk=pk)


@login_required
@require_POST
def task_deliver(request, pk):
    return _act(
        request,
        pk,
        lambda task: actions.deliver_tasks(request.user, [task]) or _refuse_delivery(),
        _("Đã chuyển giao nhiệm vụ cho đơn vị."),
    )


def _refuse_delivery():
    raise ValidationError(_("Nhiệm vụ đã được chuyển giao trước đó hoặc đã thu hồi."))


@login_required
@require_POST
def task_withdraw(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request, pk, lambda task: actions.withdraw_task(request.user, task, reason), _("Đã thu hồi nhiệm vụ.")
    )


@login_required
def late_registrations(request):
    """R-5.1: registrations that broke the one-working-day rule (delivered late, or still not delivered)."""
    if not request.user.sees_province:
        raise PermissionDenied
    today = clock.today()
    qs = (
        Task.objects.visible_to(request.user)
        .filter(withdrawn_on__isnull=True)
        .filter(DELIVERED_LATE | Q(delivered_on__isnull=True, delivery_due_on__lt=today))
        .select_related("directive", "lead_unit", "registered_by")
        .order_by("-arose_on", "id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tasks/late_registrations.html", {"page": page, "today": today})


DECIDING_ACT = {
    SubmissionKind.COMPLETION: Act.CONFIRM_COMPLETION,
    SubmissionKind.RETURN: Act.RESOLVE_RETURN,
    SubmissionKind.EXTENSION: Act.DECIDE_EXTENSION,
}
PENDING_LIMIT = 200


@login_required
def pending(request):
    """Chờ xử lý: what waits for this user — proposals to decide, or the unit's submissions to approve."""
    user = request.user
    visible = Task.objects.visible_to(user)
    base = Submission.objects.filter(task__in=visible).select_related(
        "task", "task__lead_unit", "unit", "author"
    )
    # Only what this user may decide, chosen in SQL before the list is cut (not row by row after it).
    deciding = Q(pk__in=[])
    for kind, act in DECIDING_ACT.items():
        deciding |= Q(kind=kind, task__in=allowing(user, act).values("pk"))
    to_decide = base.filter(deciding, state=SubmissionState.SUBMITTED)[:PENDING_LIMIT]
    to_approve = base.filter(
        state=SubmissionState.AWAITING_HEAD,
        unit_id=user.unit_id,
        task__in=allowing(user, Act.APPROVE).values("pk"),
    )[:PENDING_LIMIT]
    # What this user sent that still waits: for the head's approval, or for a decision of the Office/leader.
    mine = base.filter(author=user).filter(
        Q(state=SubmissionState.AWAITING_HEAD)
        | Q(state=SubmissionState.SUBMITTED, kind__in=list(DECIDING_ACT))
    )[:PENDING_LIMIT]
    # The unit's periodic report waits on its head here too: it is his to approve and send.
    reports = UnitReport.objects.awaiting_approval_of(user).select_related("unit", "updated_by", "created_by")
    return render(
        request,
        "tasks/pending.html",
        {"to_decide": to_decide, "to_approve": to_approve, "mine": mine, "reports": reports[:PENDING_LIMIT]},
    )


@login_required
@require_POST
def filter_save(request):
    query = request.POST.get("query", "")
    try:
        saved = actions.save_filter(request.user, request.POST.get("name", ""), query)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('tasks:list')}?{query}")
    messages.success(request, _("Đã lưu bộ lọc “%(name)s”.") % {"name": saved.name})
    return redirect(f"{reverse('tasks:list')}?{saved.query}")


@login_required
@require_POST
def filter_delete(request, pk):
    try:
        actions.delete_filter(request.user, pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xóa bộ lọc."))
    return redirect("tasks:list")
