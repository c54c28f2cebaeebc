"""`vic calendar …` management command, through call_command and the real `vic` binary."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from vic.calendar import services

pytestmark = pytest.mark.django_db

REQUIRED = [
    ("2026-02-13", "1", "2026-02-23"),
    ("2025-12-31", "1", "2026-01-05"),
    ("2026-01-09", "1", "2026-01-10"),
]


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    services.invalidate_cache()
    yield
    services.invalidate_cache()


def run(*args: str) -> str:
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("day", "n", "expected"), REQUIRED)
def test_add_working_days(day, n, expected):
    assert run("add-working-days", day, n) == f"{expected}\n"


def test_roll_forward_and_is_working_day():
    assert run("roll-forward", "2026-02-14") == "2026-02-23\n"
    assert run("roll-forward", "2026-02-13") == "2026-02-13\n"
    assert run("is-working-day", "2026-01-10") == "ngày làm việc\n"  # the swapped Saturday
    assert run("is-working-day", "2026-01-02") == "ngày nghỉ\n"
    assert run("is-working-day", "2026-01-12") == "ngày làm việc\n"


def test_days_off():
    lines = run("days-off", "2026").splitlines()
    assert lines[0].startswith("2026-01-01  ")
    assert any(line.startswith("2026-01-02  ") and "12729/VPCP-KGVX" in line for line in lines)
    assert any(line.startswith("2026-02-17  ") for line in lines)
    assert not any(line.startswith("2026-01-10") for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add-working-days", "2026-02-31", "1"), "Ngày không hợp lệ: 2026-02-31 (định dạng YYYY-MM-DD)"),
        (("roll-forward", "13/02/2026"), "Ngày không hợp lệ: 13/02/2026 (định dạng YYYY-MM-DD)"),
        (("is-working-day", "2026-1-5"), "Ngày không hợp lệ: 2026-1-5 (định dạng YYYY-MM-DD)"),
        (("add-working-days", "2026-02-13", "-1"), "Số ngày không hợp lệ: -1"),
        (
            ("add-working-days", "2026-02-13", "100000"),
            "Số ngày không hợp lệ: 100000 (số nguyên từ 0 đến 2500",
        ),
        (("days-off", "26"), "Năm không hợp lệ: 26"),
    ],
)
def test_invalid_input(args, message):
    with pytest.raises(CommandError) as excinfo:
        run(*args)
    assert message in str(excinfo.value)
    assert excinfo.value.returncode == 2


def test_real_vic_binary(tmp_path):
    vic = str(Path(sys.executable).parent / "vic")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTHONPATH"}}
    env |= {"VIC_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "vic.settings"}

    def vic_run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([vic, *args], env=env, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603

    migrated = vic_run("migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr
    for day, n, expected in REQUIRED:
        done = vic_run("calendar", "add-working-days", day, n)
        assert (done.returncode, done.stdout) == (0, f"{expected}\n"), done.stderr

    wrong = vic_run("calendar", "add-working-days", "2026-02-31", "1")
    assert wrong.returncode == 2
    assert "Ngày không hợp lệ: 2026-02-31 (định dạng YYYY-MM-DD)" in wrong.stderr
    assert wrong.stdout == ""
