"""Background exports: the job runs (inline in tests), the page shows the links, another unit is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.reporting import test_exports_world as world
from tests.reporting.test_exports_world import docx_of, table_after

from vic.reporting.models import ExportJob, ExportState

may, made_on = world.may, world.made_on


def test_compiled_export_runs_and_downloads(may, made_on, client, users, django_capture_on_commit_callbacks):
    client.force_login(users.office_leader)
    with django_capture_on_commit_callbacks(execute=True):  # queued once the job row is committed
        response = client.post(
            reverse("reporting:export_start"),
            {"report": "compiled", "kind": "monthly", "period": "2026-05", "formats": ["docx", "xlsx"]},
        )
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("reporting:export_status", args=[job.pk])
    assert job.state == ExportState.DONE and job.progress == 100 and job.docx and job.xlsx
    page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "Tải tệp Word" in page and "hx-trigger" not in page
    whole = client.get(response.url).content.decode()
    assert (
        'href="/bao-cao/tong-hop/?kind=monthly&amp;period=2026-05"' in whole
        and "Quay lại báo cáo tổng hợp" in whole
    )
    download = client.get(reverse("reporting:export_download", args=[job.pk, "docx"]))
    assert download.status_code == 200
    assert "Báo cáo tổng hợp tháng 5 năm 2026.docx" in download.headers["Content-Disposition"].replace(
        "%20", " "
    ) or ("filename*=utf-8''B%C3%A1o" in download.headers["Content-Disposition"])
    doc = docx_of(b"".join(download.streaming_content))
    assert [c.text for c in table_after(doc, "Bảng 1.").rows[-1].cells][2] == "9"


def test_download_refused_to_another_unit(
    may, made_on, client, users, tree, django_capture_on_commit_callbacks
):
    client.force_login(users.stc_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reporting:export_start"),
            {
                "report": "unit",
                "kind": "monthly",
                "period": "2026-05",
                "unit": tree.stc.pk,
                "formats": "xlsx",
            },
        )
    job = ExportJob.objects.get()
    assert job.state == ExportState.DONE and job.xlsx and not job.docx
    client.force_login(users.district_officer)
    assert client.get(reverse("reporting:export_download", args=[job.pk, "xlsx"])).status_code == 404
    assert client.get(reverse("reporting:export_status", args=[job.pk])).status_code == 404
    # Nor may a unit export another unit's report, or the compiled one.
    spec = {"report": "unit", "kind": "monthly", "period": "2026-05", "unit": tree.stc.pk}
    assert client.post(reverse("reporting:export_start"), spec).status_code == 403
    assert (
        client.post(reverse("reporting:export_start"), {"kind": "monthly", "period": "2026-05"}).status_code
        == 403
    )
    assert ExportJob.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "period", "said"),
    [
        ("monthly", "2026-13", "Tháng phải từ 01 đến 12."),
        ("weird", "2026-05", "Loại kỳ báo cáo không hợp lệ"),
        ("monthly", "", "không đúng dạng"),
        ("adhoc", "2026-05-31..2026-05-01", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."),
    ],
)
def test_a_bad_period_is_refused_before_any_job_is_made(db, client, users, kind, period, said):
    """Hand-made requests (the buttons always send a valid period): refused on the spot, in Vietnamese, and
    nothing is left for the worker to fail on."""
    client.force_login(users.office_leader)
    response = client.post(reverse("reporting:export_start"), {"kind": kind, "period": period})
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not ExportJob.objects.exists()


def test_a_job_the_data_refuses_fails_with_its_message_and_no_traceback(db, users, caplog):
    from vic.reporting import jobs

    job = ExportJob.objects.create(
        requested_by=users.office_leader, spec={"kind": "monthly", "period": "2026-13"}
    )
    jobs.run_export.call_local(job.pk)
    job.refresh_from_db()
    assert job.state == ExportState.FAILED and job.message == "Tháng phải từ 01 đến 12."
    assert not any(record.exc_info for record in caplog.records)


def test_a_job_whose_worker_died_is_queued_again_and_finishes(may, made_on, users):
    """kill -9 during an export left it "Đang tạo" for ever: the periodic check takes it up again."""
    import datetime

    from vic.core import clock
    from vic.reporting import jobs

    spec = {"report": "compiled", "kind": "monthly", "period": "2026-05"}
    job = ExportJob.objects.create(requested_by=users.office_leader, spec=spec, formats="docx")
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportState.RUNNING,
        progress=40,
        attempts=1,
        heartbeat_at=clock.now() - datetime.timedelta(minutes=5),
    )
    assert jobs.recover_stalled() == 0  # still beating recently: another worker may be on it
    ExportJob.objects.filter(pk=job.pk).update(heartbeat_at=clock.now() - datetime.timedelta(minutes=30))
    assert jobs.recover_stalled() == 1
    job.refresh_from_db()
    assert (job.state, job.progress, job.attempts) == (ExportState.DONE, 100, 2) and job.docx
    jobs.run_export(job.pk)  # a late duplicate message finds nothing to do
    assert ExportJob.objects.get(pk=job.pk).attempts == 2


def test_a_job_that_keeps_dying_fails_with_a_message(db, users):
    import datetime

    from vic.core import clock
    from vic.reporting import jobs

    job = ExportJob.objects.create(requested_by=users.office_leader, spec={}, formats="docx")
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportState.RUNNING, attempts=3, heartbeat_at=clock.now() - datetime.timedelta(hours=1)
    )
    jobs.recover_stalled()
    job.refresh_from_db()
    assert job.state == ExportState.FAILED
    assert job.message == "Máy chủ xử lý nền bị gián đoạn nhiều lần khi tạo tệp; hãy tạo lại."


def test_a_running_job_that_never_beat_is_recovered_by_its_age(db, users):
    import datetime

    from vic.core import clock
    from vic.reporting import jobs

    job = ExportJob.objects.create(requested_by=users.office_leader, spec={}, formats="docx")
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportState.RUNNING,
        attempts=3,
        heartbeat_at=None,
        created_at=clock.now() - datetime.timedelta(hours=1),
    )
    jobs.recover_stalled()
    assert ExportJob.objects.get(pk=job.pk).state == ExportState.FAILED  # not "running" for ever


def test_the_task_list_as_filtered_goes_to_excel_for_its_requester_only(
    client, users, tree, clerk, django_capture_on_commit_callbacks
):
    """A unit exports its overdue tasks: the sheet holds exactly what its list shows, and nobody else may
    download it."""
    import datetime

    from tests.factories import register_tasks
    from tests.reporting.test_exports_world import xlsx_of

    from vic.core import clock

    D = datetime.date.fromisoformat
    with clock.at(D("2026-03-02")):
        overdue = register_tasks(clerk, tree.stc, content="Quyết toán ngân sách 2025", deadline=D("2026-02-25"),
                                 deliver_on=D("2026-01-06"))[0]  # fmt: skip
        register_tasks(
            clerk, tree.stc, content="Việc còn hạn", deadline=D("2026-04-30"), deliver_on=D("2026-01-06")
        )
        register_tasks(clerk, tree.skhdt, content="Việc của Sở KH&ĐT", deadline=D("2026-02-25"),
                       deliver_on=D("2026-01-06"))  # fmt: skip
        client.force_login(users.stc_officer)
        listed = client.get(reverse("tasks:list"), {"scope": "overdue"}).content.decode()
        assert 'data-testid="export-list"' in listed
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("reporting:export_start"), {"report": "task_list", "query": "scope=overdue"}
            )
    job = ExportJob.objects.get()
    assert job.state == ExportState.DONE and job.xlsx and not job.docx
    with job.xlsx.open("rb") as f:
        ws = xlsx_of(f.read())["Danh sách nhiệm vụ"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[1], r[3], r[8]) for r in rows] == [
        (1, "Quyết toán ngân sách 2025", "Sở Tài chính", "Chưa thực hiện quá hạn")
    ]
    assert rows[0][7] == (D("2026-03-02") - overdue.effective_deadline).days
    assert client.get(response.url).status_code == 200
    client.force_login(users.office_leader)  # sees the province, but this is the unit's own export
    assert client.get(reverse("reporting:export_download", args=[job.pk, "xlsx"])).status_code == 404


def test_a_units_export_of_its_draft_is_its_requesters_alone(
    may, made_on, client, users, tree, django_capture_on_commit_callbacks
):
    """The STC officer exports the report he is still writing (the draft, not sent): the Office, which may
    not read a unit's draft, cannot open that job by its number either."""
    from vic.reporting import actions as report_actions
    from vic.reporting.periods import parse

    report = report_actions.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-05"))
    report_actions.save_draft(users.stc_officer, report, {"results": "NỘI BỘ CHƯA DUYỆT"})
    client.force_login(users.stc_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reporting:export_start"),
            {
                "report": "unit",
                "kind": "monthly",
                "period": "2026-05",
                "unit": tree.stc.pk,
                "formats": "docx",
            },
        )
    job = ExportJob.objects.get()
    assert job.state == ExportState.DONE and job.docx
    own = client.get(reverse("reporting:export_download", args=[job.pk, "docx"]))
    assert own.status_code == 200
    assert "NỘI BỘ CHƯA DUYỆT" in "\n".join(
        p.text for p in docx_of(b"".join(own.streaming_content)).paragraphs
    )
    for other in (users.office_leader, users.monitoring_officer):
        client.force_login(other)
        assert client.get(reverse("reporting:export_download", args=[job.pk, "docx"])).status_code == 404
        assert client.get(reverse("reporting:export_status", args=[job.pk])).status_code == 404
