"""Background exports (never inside a request): the worker builds the files and reports its progress.

A worker killed in the middle (a restart, kill -9) leaves its job "running": the worker's periodic check
puts a job that has stopped beating back in the queue, at most MAX_ATTEMPTS times, so no export stays
"Đang tạo" for ever and no job is built twice at once (claiming it is one conditional UPDATE)."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import F, Q
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from vic.core import clock

log = logging.getLogger("vic.jobs")

STALLED_AFTER = datetime.timedelta(minutes=20)  # the longest step (a yearly Excel of 1M tasks) beats sooner
MAX_ATTEMPTS = 3


def _claim(job_id: int) -> bool:
    """Take the job if it still waits; a second copy of the message (a requeue racing a slow worker) gets
    nothing."""
    from .models import ExportJob, ExportState

    return bool(
        ExportJob.objects.filter(pk=job_id, state=ExportState.QUEUED).update(
            state=ExportState.RUNNING, progress=5, heartbeat_at=clock.now(), attempts=F("attempts") + 1
        )
    )


@db_task()
def run_export(job_id: int) -> None:
    """Build the files of ExportJob `job_id` as its requester may see them; a failure is kept on the job."""
    from .exports import build
    from .models import ExportJob, ExportState

    if not _claim(job_id):
        return
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    done = {"pct": 0}

    def progress(pct: int) -> None:
        if pct > done["pct"]:  # never backwards on the page
            done["pct"] = pct
            ExportJob.objects.filter(pk=job_id).update(progress=pct, heartbeat_at=clock.now())

    try:
        c = build.load(job.requested_by, job.spec)
        progress(20)
        files, failed = build.render(c, build.formats_of(job.formats), progress)
        if files or not failed:  # done with the files made; the page says which one could not be
            for f in files:
                getattr(job, f.fmt).save(f.name, ContentFile(f.data), save=False)
            job.state, job.progress, job.finished_at = ExportState.DONE, 100, clock.now()
            job.message = " ".join(failed)[:500]
            job.save(update_fields=["docx", "xlsx", "state", "progress", "finished_at", "message"])
            return
    except ValidationError as error:  # what the data or the request refuses: said on the page, no traceback
        log.warning("Export %s refused: %s", job_id, " ".join(error.messages))
        failed = [build.reason(error)]
    except Exception as error:  # the page shows why instead of polling for ever
        log.exception("Export %s failed", job_id)
        failed = [build.reason(error)]
    ExportJob.objects.filter(pk=job_id).update(
        state=ExportState.FAILED, message=" ".join(failed)[:500], finished_at=clock.now()
    )


def recover_stalled() -> int:
    """Queue again the exports whose worker died (no heartbeat for STALLED_AFTER) or whose queue message was
    lost (still waiting after STALLED_AFTER); give up after MAX_ATTEMPTS with a message for the page."""
    from .models import ExportJob, ExportState

    since = clock.now() - STALLED_AFTER
    stalled = ExportJob.objects.filter(
        Q(state=ExportState.RUNNING, heartbeat_at__lt=since)
        # Running without a beat: a job from before heartbeats were kept, judged by its age.
        | Q(state=ExportState.RUNNING, heartbeat_at__isnull=True, created_at__lt=since)
        | Q(state=ExportState.QUEUED, created_at__lt=since)
    )
    ExportJob.objects.filter(pk__in=stalled.filter(attempts__gte=MAX_ATTEMPTS).values("pk")).update(
        state=ExportState.FAILED,
        finished_at=clock.now(),
        message=_("Máy chủ xử lý nền bị gián đoạn nhiều lần khi tạo tệp; hãy tạo lại."),
    )
    again = list(stalled.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    for job_id in again:
        if ExportJob.objects.filter(pk=job_id, state__in=[ExportState.RUNNING, ExportState.QUEUED]).update(
            state=ExportState.QUEUED, progress=0, heartbeat_at=None, created_at=clock.now()
        ):
            log.warning("Export %s stalled: queued again", job_id)
            run_export(job_id)
    return len(again)


@db_periodic_task(crontab(minute="*/5"))
def recover_stalled_exports() -> None:
    recover_stalled()  # nothing returned: huey would keep every periodic result for ever
