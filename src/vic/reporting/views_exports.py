"""Export pages: start a background export, watch its progress (HTMX polling), download its files."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .exports import build
from .models import ExportJob, UnitReport


def may_see(user, spec: dict) -> bool:
    """Whoever may see the report itself: the province for a compiled one, the unit's people for a unit's."""
    if spec.get("report") != "unit":
        return user.sees_province
    if spec.get("report_id"):
        return UnitReport.objects.visible_to(user).filter(pk=spec["report_id"]).exists()
    return user.sees_province or str(user.unit_id) == str(spec.get("unit"))


@login_required
@require_POST
def export_start(request):
    from . import jobs

    data = request.POST
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
    except ValidationError as error:
        return render(request, "reporting/export_status.html", {"error": error.messages[0]}, status=400)
    if not may_see(request.user, spec):
        raise PermissionDenied(_("Bạn không được xuất báo cáo này."))
    job = ExportJob.objects.create(requested_by=request.user, spec=spec, formats=formats)
    jobs.run_export(job.pk)
    return redirect("reporting:export_status", job.pk)


def _job_for(request, pk: int) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=pk)
    if job.requested_by_id != request.user.pk and not may_see(request.user, job.spec):
        raise Http404
    return job


@login_required
def export_status(request, pk: int):
    job = _job_for(request, pk)
    template = (
        "reporting/export_progress.html"
        if request.headers.get("HX-Request")
        else "reporting/export_status.html"
    )
    return render(request, template, {"job": job})


@login_required
def export_download(request, pk: int, fmt: str):
    job = _job_for(request, pk)
    field = getattr(job, fmt, None) if fmt in build.FORMATS else None
    if not field:
        raise Http404
    # Stored as "<pk>-Báo_cáo_…" (storage-safe); offered under its Vietnamese name.
    name = field.name.rsplit("/", 1)[-1].split("-", 1)[-1].replace("_", " ")
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
