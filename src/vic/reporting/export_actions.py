"""The one write of the export pages: asking for an export (permission checked, the job queued)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from vic.core.params import as_id

from .exports import task_list
from .models import ExportJob, UnitReport
from .periods import parse


def may_see(user, spec: dict) -> bool:
    """Who may ask for an export: the province for a compiled report, the unit's people for a unit's;
    anyone for a task list (the worker reads the tasks through the requester's permissions)."""
    if spec.get("report") == "task_list":
        return True  # asking is free: the worker reads the tasks through the requester's permissions
    if spec.get("report") != "unit":
        return user.sees_province
    if spec.get("report_id"):
        return UnitReport.objects.visible_to(user).filter(pk=as_id(spec["report_id"])).exists()
    return user.sees_province or (user.unit_id is not None and str(user.unit_id) == str(spec.get("unit")))


def request_export(user, spec: dict, formats: str) -> ExportJob:
    """Record the export and queue it for the worker (reporting/jobs.py), which reports its progress.
    A task list whose filter is invalid is refused (ValidationError): its page lists nothing either."""
    from . import jobs

    if not (user and user.is_active and may_see(user, spec)):
        raise PermissionDenied(_("Bạn không được xuất báo cáo này."))
    # Refused now, with the pages' own messages, not later in the worker.
    if spec.get("report") == "task_list":
        task_list.valid_filter(spec.get("query", ""))
    elif not spec.get("report_id"):
        parse(spec.get("kind") or "", spec.get("period") or "")  # a period the report pages refuse
    job = ExportJob.objects.create(requested_by=user, spec=spec, formats=formats)
    transaction.on_commit(lambda: jobs.run_export(job.pk))  # the worker must find the row
    return job


def may_open(user, job) -> bool:
    """An export is its requester's alone: the worker builds it with what he may see (a unit's draft and
    narrative for its own officer, his task list), so nobody else may follow or download it; a colleague
    asks for his own."""
    return bool(user and user.is_active and job.requested_by_id == user.pk)
