"""An invalid filter exports nothing: the list page shows no task for it, so its "Xuất Excel" is refused
with the form's Vietnamese error instead of handing over every task the user may see."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from tests.factories import register_tasks
from tests.reporting.test_exports_world import xlsx_of

from vic.core import clock
from vic.reporting import jobs
from vic.reporting.models import ExportJob, ExportState

D = datetime.date.fromisoformat
TODAY = D("2026-03-02")
BAD = "deadline_from=31/02/2026"
REFUSED = (
    "Bộ lọc của danh sách không hợp lệ nên không xuất tệp. "
    "Hạn từ ngày: Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy, ví dụ 23/05/2026)."
)


@pytest.fixture
def listed(tree, clerk):
    for deadline in ("2026-02-25", "2026-04-30", "2026-06-30"):
        register_tasks(
            clerk, tree.stc, content=f"Việc hạn {deadline}", deadline=D(deadline), deliver_on=D("2026-01-06")
        )


def test_the_page_shows_nothing_and_the_export_is_refused(
    listed, client, users, django_capture_on_commit_callbacks
):
    client.force_login(users.office_clerk)
    with clock.at(TODAY):
        page = client.get(reverse("tasks:list") + "?" + BAD).content.decode()
        assert "Việc hạn" not in page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("reporting:export_start"), {"report": "task_list", "query": BAD})
            assert response.status_code == 400 and REFUSED in response.content.decode()
            assert not ExportJob.objects.exists()
            # A valid filter exports what its page lists, no more.
            client.post(
                reverse("reporting:export_start"),
                {"report": "task_list", "query": "deadline_from=01/04/2026"},
            )
    job = ExportJob.objects.get()
    with job.xlsx.open("rb") as f:
        rows = list(xlsx_of(f.read())["Danh sách nhiệm vụ"].iter_rows(min_row=4, values_only=True))
    assert sorted(r[1] for r in rows) == ["Việc hạn 2026-04-30", "Việc hạn 2026-06-30"]


def test_a_queued_job_with_a_bad_filter_fails_without_a_file(listed, users):
    """A job recorded before the check (or queued again after a restart) is refused by the worker too."""
    spec = {"report": "task_list", "query": BAD}
    job = ExportJob.objects.create(requested_by=users.office_clerk, spec=spec, formats="xlsx")
    with clock.at(TODAY):
        jobs.run_export(job.pk)
    job.refresh_from_db()
    assert (job.state, job.message, bool(job.xlsx)) == (ExportState.FAILED, REFUSED, False)
