"""Pages of urging notices: the list (with the units to urge), the preview and issue page, a notice, its file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.params import as_id, as_ids
from vic.tasks.permissions import role_of
from vic.units.models import Unit

from . import actions
from .forms import IssueForm, WindowForm
from .models import UrgingNotice
from .selection import (
    FOLLOWING_ROLES,
    last_notice_by_unit,
    may_issue,
    rows_of,
    summary_by_unit,
    tasks_for_unit,
)

PAGE_SIZE = 50


def _window(data) -> tuple[int, str]:
    """The "due within N working days" asked, and why it was not taken (then the default is used)."""
    form = WindowForm(data or None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["window_days"], ""
    error = " ".join(form.errors.get("window_days", [])) if form.is_bound else ""
    return form.fields["window_days"].initial, error


@login_required
def notice_list(request):
    """Every notice the user may see; for those who issue them, the units that have something to urge."""
    user = request.user
    notices = (
        UrgingNotice.objects.visible_to(user)
        .select_related("unit", "issued_by", "signer")
        .order_by("-issued_at", "-id")
    )
    if unit_filter := as_id(request.GET.get("unit")):
        notices = notices.filter(unit_id=unit_filter)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "query": query.urlencode(),
        "may_issue": may_issue(user),
        "follows_only": role_of(user) in FOLLOWING_ROLES,
    }
    if context["may_issue"]:
        today, (window, window_error) = clock.today(), _window(request.GET)
        summary = summary_by_unit(user, today, window)
        units = Unit.objects.in_bulk([s.unit_id for s in summary])
        last = last_notice_by_unit(user, units)
        context |= {
            "window_days": window,
            "window_error": window_error,
            "to_urge": [{"unit": units[s.unit_id], "row": s, "last": last.get(s.unit_id)} for s in summary],
        }
    return render(request, "notices/list.html", context)


@login_required
def notice_create(request, unit_pk):
    """Preview of the tasks a notice to the unit would list (the officer may untick some), then issue."""
    if not may_issue(request.user):
        raise PermissionDenied
    unit = get_object_or_404(Unit, pk=unit_pk)
    today = clock.today()
    data = request.POST if request.method == "POST" else None
    window, window_error = _window(data or request.GET)
    rows = rows_of(tasks_for_unit(request.user, unit, today, window), today)
    initial = {
        "window_days": window,
        "symbol": actions.default_symbol(request.user),
        "tasks": [r.task.pk for r in rows],
        "signer": actions.default_signer(request.user),
    }
    form = IssueForm(data, initial=initial, task_ids=[r.task.pk for r in rows])
    if data is not None and form.is_valid():
        try:
            notice = actions.issue_notice(
                request.user,
                unit,
                form.cleaned_data["tasks"],
                number=form.cleaned_data["number"],
                symbol=form.cleaned_data["symbol"],
                signer=form.cleaned_data["signer"],
                window_days=form.cleaned_data["window_days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lập văn bản đôn đốc gửi %(unit)s.") % {"unit": unit})
            return redirect("notices:detail", pk=notice.pk)
    chosen = set(form["tasks"].value() or []) if form.is_bound else {r.task.pk for r in rows}
    chosen = set(as_ids(chosen))
    context = {
        "unit": unit,
        "rows": rows,
        "form": form,
        "fields": [form["number"], form["symbol"], form["signer"]],
        "window_days": window,
        "window_error": window_error,
        "chosen": chosen,
        "today": today,
        "follows_only": role_of(request.user) in FOLLOWING_ROLES,
    }
    return render(request, "notices/create.html", context)


def _notice_for(user, pk) -> UrgingNotice:
    """A notice the user may see; any other id is a 404, as if it did not exist."""
    return get_object_or_404(
        UrgingNotice.objects.visible_to(user).select_related("unit", "issued_by", "signer", "template"), pk=pk
    )


@login_required
def notice_detail(request, pk):
    notice = _notice_for(request.user, pk)
    items = notice.items.select_related("task", "task__directive", "task__directive__kind")
    return render(request, "notices/detail.html", {"notice": notice, "items": items})


@login_required
def notice_download(request, pk):
    notice = _notice_for(request.user, pk)
    response = FileResponse(notice.file.open("rb"), as_attachment=True, filename=notice.filename)
    response["Content-Type"] = actions.DOCX_TYPE
    return response
