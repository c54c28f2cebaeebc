"""Background exports (never inside a request): the worker builds the files and reports its progress."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from vic.core import clock

log = logging.getLogger("vic.jobs")


@db_task()
def run_export(job_id: int) -> None:
    """Build the files of ExportJob `job_id` as its requester may see them; a failure is kept on the job."""
    from .exports import build
    from .models import ExportJob, ExportState

    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    done = {"pct": 0}

    def progress(pct: int) -> None:
        if pct > done["pct"]:  # never backwards on the page
            done["pct"] = pct
            ExportJob.objects.filter(pk=job_id).update(progress=pct)

    ExportJob.objects.filter(pk=job_id).update(state=ExportState.RUNNING, progress=5)
    try:
        c = build.load(job.requested_by, job.spec)
        progress(20)
        files = build.render(c, build.formats_of(job.formats), progress)
        for f in files:
            getattr(job, f.fmt).save(f.name, ContentFile(f.data), save=False)
        job.state, job.progress, job.finished_at, job.message = ExportState.DONE, 100, clock.now(), ""
        job.save(update_fields=["docx", "xlsx", "state", "progress", "finished_at", "message"])
    except Exception as error:  # the page shows why instead of polling for ever
        log.exception("Export %s failed", job_id)
        message = " ".join(getattr(error, "messages", []) or [_("Lỗi khi tạo tệp: %(e)s") % {"e": error}])
        ExportJob.objects.filter(pk=job_id).update(
            state=ExportState.FAILED, message=message[:500], finished_at=clock.now()
        )
