"""Report files are named in Vietnamese, by the command line as by the web download (one naming)."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.urls import reverse
from tests.reporting import test_exports_world as world

from vic.reporting.models import ExportJob

may, made_on = world.may, world.made_on


def names(*args) -> list[str]:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    paths = [Path(p) for p in out.getvalue().splitlines()]
    assert all(p.is_file() for p in paths)
    return [p.name for p in paths]


@pytest.mark.parametrize(
    ("kind", "period", "unit", "want"),
    [
        ("monthly", "2026-05", None, "Báo cáo tổng hợp tháng 5 năm 2026"),
        ("quarterly", "2026-Q2", None, "Báo cáo tổng hợp quý II năm 2026"),
        ("adhoc", "2026-04-15..2026-05-14", None, "Báo cáo tổng hợp từ ngày 15-04-2026 đến ngày 14-05-2026"),
        ("monthly", "2026-05", "so tai chinh", "Báo cáo Sở Tài chính tháng 5 năm 2026"),
    ],
)
def test_the_command_names_its_files_in_vietnamese(may, made_on, tmp_path, kind, period, unit, want):
    args = ["--kind", kind, "--period", period, "--out", str(tmp_path)] + (["--unit", unit] if unit else [])
    assert names(*args) == [f"{want}.docx", f"{want}.xlsx"]


def test_the_download_has_the_commands_name(
    may, made_on, tmp_path, client, users, django_capture_on_commit_callbacks
):
    (docx,) = names("--kind", "monthly", "--period", "2026-05", "--format", "docx", "--out", str(tmp_path))
    client.force_login(users.office_leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reporting:export_start"), {"kind": "monthly", "period": "2026-05", "formats": "docx"}
        )
    download = client.get(reverse("reporting:export_download", args=[ExportJob.objects.get().pk, "docx"]))
    assert unquote(download.headers["Content-Disposition"]).endswith(f"''{docx}")
