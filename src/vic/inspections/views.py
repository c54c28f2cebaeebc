"""Inspection pages: list with filters, record and edit, the inspection with its checked and follow-up tasks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vic.core import clock
from vic.core.forms import attach
from vic.core.params import as_ids
from vic.directives.views import _default_issuer
from vic.tasks.models import Task
from vic.tasks.specs import TaskSpec

from . import actions
from .forms import FollowUpForm, InspectionFilterForm, InspectionForm, TaskSearchForm, initial_of
from .models import Inspection, InspectionFile
from .permissions import may_follow_up, may_record

PAGE_SIZE = 50
SEARCH_LIMIT = 30


@login_required
def inspection_list(request):
    visible = Inspection.objects.visible_to(request.user)
    years = sorted({d.year for d in visible.dates("started_on", "year")} | {clock.today().year}, reverse=True)
    form = InspectionFilterForm(request.GET or None, years=years)
    qs = visible
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        qs = qs.search(data["q"]) if data["q"] else qs
        if data["unit"]:
            qs = qs.filter(
                pk__in=Inspection.units.through.objects.filter(unit=data["unit"]).values("inspection_id")
            )
        if data["year"]:
            qs = qs.filter(started_on__year=data["year"])
    elif form.is_bound:
        qs = qs.none()  # an invalid filter shows its error and nothing, never "everything"
    qs = (
        qs.select_related("leader")
        .prefetch_related("units")
        .annotate(n_tasks=Count("tasks", distinct=True), n_follow_up=Count("follow_up_tasks", distinct=True))
        .order_by("-started_on", "-id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "inspections/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "can_record": may_record(request.user)},
    )


def inspection_for(user, pk) -> Inspection:
    """A unit guessing another inspection's address gets 404: its existence is not disclosed."""
    return get_object_or_404(
        Inspection.objects.visible_to(user).select_related("leader", "directive", "created_by", "updated_by"),
        pk=pk,
    )


def _tasks_with_status(user, qs):
    return (
        Task.objects.visible_to(user)
        .filter(pk__in=qs.values("pk"))
        .with_status(clock.today())
        .select_related("lead_unit", "directive", "directive__kind")
        .order_by("pk")
    )


def _search_results(request, inspection, search):
    if not (may_record(request.user) and search.is_valid() and search.cleaned_data["tim"].strip()):
        return None
    qs = (
        Task.objects.visible_to(request.user)
        .search(search.cleaned_data["tim"])
        .filter(delivered_on__isnull=False)
    )
    if search.cleaned_data["cua_don_vi"]:
        units = inspection.units.values("pk")
        qs = qs.filter(Q(lead_unit__in=units) | Q(coordinations__unit__in=units)).distinct()
    qs = qs.exclude(pk__in=inspection.tasks.values("pk"))
    return list(
        qs.with_status(clock.today())
        .select_related("lead_unit", "directive")
        .order_by("-delivered_on", "-pk")[:SEARCH_LIMIT]
    )


def render_detail(request, inspection, *, follow_up=None, status=200):
    user = request.user
    checked = _tasks_with_status(user, inspection.tasks.all())
    hidden = inspection.tasks.count() - len(checked)
    search = TaskSearchForm(request.GET or None, initial={"cua_don_vi": True})
    if follow_up is None and may_follow_up(user):
        units = list(inspection.units.all())
        follow_up = FollowUpForm(
            needs_document=inspection.directive_id is None,
            initial={
                "lead_unit": units[0] if len(units) == 1 else None,
                "issuer": _default_issuer(),
                "issue_date": clock.today(),
                "deliver": True,
            },
            prefix="sau",
        )
    context = {
        "inspection": inspection,
        "units": inspection.units.all(),
        "members": inspection.members.select_related("unit"),
        "checked": checked,
        "hidden_checked": hidden,
        "follow_ups": _tasks_with_status(user, inspection.follow_up_tasks.all()),
        "files": inspection.files.select_related("uploaded_by"),
        "can_edit": may_record(user),
        "can_follow_up": may_follow_up(user),
        "follow_up_form": follow_up,
        "search": search,
        "results": _search_results(request, inspection, search),
    }
    return render(request, "inspections/detail.html", context, status=status)


@login_required
def inspection_detail(request, pk):
    return render_detail(request, inspection_for(request.user, pk))


def _form_page(request, form, inspection=None, status=200):
    return render(request, "inspections/form.html", {"form": form, "inspection": inspection}, status=status)


@login_required
def inspection_create(request):
    if not may_record(request.user):
        raise PermissionDenied
    form = InspectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = actions.record_inspection(
                request.user,
                {k: data[k] for k in actions.RECORD_FIELDS},
                units=data["units"],
                tasks=data["tasks"],
                members=data["members"],
                uploads=data["files"],
            )
        except ValidationError as error:
            attach(form, error, {"lead_units": "lead_unit"})
        else:
            messages.success(request, _("Đã ghi nhận đợt kiểm tra."))
            return redirect("inspections:detail", pk=inspection.pk)
    return _form_page(request, form, status=400 if form.is_bound and form.errors else 200)


@login_required
def inspection_edit(request, pk):
    inspection = inspection_for(request.user, pk)
    if not Inspection.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    form = InspectionForm(
        request.POST or None, request.FILES or None, initial=initial_of(inspection), track_changes=True
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = set(form.changed_data)
        try:
            actions.update_inspection(
                request.user,
                inspection,
                {k: data[k] for k in actions.RECORD_FIELDS if k in changed},
                expected_version=data["version"] or 0,
                units=data["units"] if "units" in changed else None,
                tasks=data["tasks"] if "tasks" in changed else None,
                members=data["members"] if "members" in changed else None,
                uploads=data["files"],
            )
        except actions.ConcurrentEdit as error:
            # Keep what this user typed; a second save applies it over the newer version.
            form.add_error(None, error)
            form.data = form.data.copy()
            form.data["version"] = Inspection.objects.get(pk=pk).version
        except ValidationError as error:
            attach(form, error, {"lead_units": "lead_unit"})
        else:
            messages.success(request, _("Đã lưu thay đổi của đợt kiểm tra."))
            return redirect("inspections:detail", pk=pk)
    return _form_page(request, form, inspection, status=400 if form.is_bound and form.errors else 200)


@login_required
@require_POST
def add_tasks(request, pk):
    inspection = inspection_for(request.user, pk)
    if not may_record(request.user):
        raise PermissionDenied
    ids = as_ids(request.POST.getlist("task"))
    try:
        added = actions.add_checked_tasks(request.user, inspection, ids)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thêm %(n)d nhiệm vụ được kiểm tra.") % {"n": len(added)})
    return redirect("inspections:detail", pk=pk)


@login_required
@require_POST
def follow_up(request, pk):
    inspection = inspection_for(request.user, pk)
    if not may_follow_up(request.user):
        raise PermissionDenied
    form = FollowUpForm(request.POST, needs_document=inspection.directive_id is None, prefix="sau")
    if form.is_valid():
        data = form.cleaned_data
        spec = TaskSpec(
            content=data["content"],
            lead_units=[data["lead_unit"]],
            coordinating_units=list(data["coordinating_units"]),
            monitoring_department=data["monitoring_department"],
            monitoring_officers=[data["monitoring_officer"]] if data["monitoring_officer"] else [],
            assigning_leader=data["assigning_leader"],
            deadline=data["deadline"],
        )
        document = {name: data[name] for name in FollowUpForm.DOCUMENT if name in data}
        try:
            tasks = actions.create_follow_up_tasks(
                request.user, inspection, [spec], document=document or None, deliver=data["deliver"]
            )
        except ValidationError as error:
            attach(form, error, {"lead_units": "lead_unit"})
        else:
            text = (
                _("Đã giao %(n)d nhiệm vụ sau kiểm tra cho đơn vị.")
                if data["deliver"]
                else _("Đã lưu %(n)d nhiệm vụ sau kiểm tra (chưa chuyển giao).")
            )
            messages.success(request, text % {"n": len(tasks)})
            return redirect("inspections:detail", pk=pk)
    return render_detail(request, inspection, follow_up=form, status=400)


@login_required
def download_file(request, pk):
    record = get_object_or_404(InspectionFile, pk=pk)
    inspection_for(request.user, record.inspection_id)
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.original_name)
