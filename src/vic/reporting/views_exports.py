"""Export pages: start a background export, watch its progress (HTMX polling), download its files."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .export_actions import may_open, request_export
from .exports import build
from .models import ExportJob


@login_required
@require_POST
def export_start(request):
    data = request.POST
    if data.get("report") == "task_list":
        # The list page's own filters; the tasks are read through the requester's permissions.
        try:
            job = request_export(
                request.user, {"report": "task_list", "query": data.get("query", "")[:2000]}, "xlsx"
            )
        except ValidationError as error:
            return render(request, "reporting/export_status.html", {"error": error.messages[0]}, status=400)
        return redirect("reporting:export_status", job.pk)
    spec = {
        "report": "unit" if data.get("report") == "unit" else "compiled",
        "kind": data.get("kind", ""),
        "period": data.get("period", ""),
        "unit": data.get("unit") or None,
        "report_id": data.get("report_id") or None,
        "filters": {k: data.get(k) or None for k in ("leader", "unit_filter", "directive_kind")},
    }
    spec["filters"]["unit"] = spec["filters"].pop("unit_filter")
    spec["filters"]["key_only"] = data.get("key_only") in ("1", "on", "true")
    try:
        formats = ",".join(build.formats_of(",".join(data.getlist("formats")) or "docx,xlsx"))
        job = request_export(request.user, spec, formats)
    except ValidationError as error:
        return render(request, "reporting/export_status.html", {"error": error.messages[0]}, status=400)
    return redirect("reporting:export_status", job.pk)


def _job_for(request, pk: int) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=pk)
    if not may_open(request.user, job):
        raise Http404
    return job


def back_to(job: ExportJob) -> tuple[str, str]:
    """(address, label) of the page the export was asked from, for the "Quay lại" link."""
    from urllib.parse import urlencode

    spec = job.spec
    if spec.get("report") == "task_list":
        return reverse("tasks:list") + ("?" + spec["query"] if spec.get("query") else ""), _(
            "danh sách nhiệm vụ"
        )
    if spec.get("report") == "unit" and spec.get("report_id"):
        return reverse("reporting:unit_report", args=[spec["report_id"]]), _("báo cáo của đơn vị")
    if spec.get("report") == "unit":
        return reverse("reporting:calendar"), _("lịch báo cáo")
    query = {k: spec[k] for k in ("kind", "period") if spec.get(k)}
    return reverse("reporting:compiled") + ("?" + urlencode(query) if query else ""), _("báo cáo tổng hợp")


@login_required
def export_status(request, pk: int):
    job = _job_for(request, pk)
    template = (
        "reporting/export_progress.html"
        if request.headers.get("HX-Request")
        else "reporting/export_status.html"
    )
    back, back_label = back_to(job)
    return render(request, template, {"job": job, "back": back, "back_label": back_label})


@login_required
def export_download(request, pk: int, fmt: str):
    job = _job_for(request, pk)
    field = getattr(job, fmt, None) if fmt in build.FORMATS else None
    if not field:
        raise Http404
    # Stored as "<pk>-Báo_cáo_…" (storage-safe); offered under its Vietnamese name.
    name = field.name.rsplit("/", 1)[-1].split("-", 1)[-1].replace("_", " ")
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
