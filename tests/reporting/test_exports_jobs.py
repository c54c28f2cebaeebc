"""Background exports: the job runs (inline in tests), the page shows the links, another unit is refused."""

from __future__ import annotations

from django.urls import reverse
from tests.reporting import test_exports_world as world
from tests.reporting.test_exports_world import docx_of, table_after

from vic.reporting.models import ExportJob, ExportState

may, made_on = world.may, world.made_on


def test_compiled_export_runs_and_downloads(may, made_on, client, users):
    client.force_login(users.office_leader)
    response = client.post(
        reverse("reporting:export_start"),
        {"report": "compiled", "kind": "monthly", "period": "2026-05", "formats": ["docx", "xlsx"]},
    )
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("reporting:export_status", args=[job.pk])
    assert job.state == ExportState.DONE and job.progress == 100 and job.docx and job.xlsx
    page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "Tải tệp Word" in page and "hx-trigger" not in page
    download = client.get(reverse("reporting:export_download", args=[job.pk, "docx"]))
    assert download.status_code == 200
    assert "Báo cáo tổng hợp tháng 5 năm 2026.docx" in download.headers["Content-Disposition"].replace(
        "%20", " "
    ) or ("filename*=utf-8''B%C3%A1o" in download.headers["Content-Disposition"])
    doc = docx_of(b"".join(download.streaming_content))
    assert [c.text for c in table_after(doc, "Bảng 1.").rows[-1].cells][2] == "9"


def test_download_refused_to_another_unit(may, made_on, client, users, tree):
    client.force_login(users.stc_officer)
    client.post(
        reverse("reporting:export_start"),
        {"report": "unit", "kind": "monthly", "period": "2026-05", "unit": tree.stc.pk, "formats": "xlsx"},
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


def test_a_bad_period_fails_the_job_with_a_vietnamese_message(db, client, users):
    client.force_login(users.office_leader)
    response = client.post(reverse("reporting:export_start"), {"kind": "monthly", "period": "2026-13"})
    job = ExportJob.objects.get()
    assert job.state == ExportState.FAILED and job.message == "Tháng phải từ 01 đến 12."
    assert "Tháng phải từ 01 đến 12." in client.get(response.url).content.decode()
