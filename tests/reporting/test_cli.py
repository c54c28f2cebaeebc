"""`vic report`: both files for May 2026, the unit's report with --unit, clean errors with exit code 2."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.reporting import test_exports_world as world
from tests.reporting.test_exports_world import docx_of, expected, table_after, xlsx_of

from vic.reporting.management.commands.report import Command

# The shared fixtures, found by pytest under these names.
may, made_on = world.may, world.made_on


def run(*args) -> list[str]:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue().splitlines()  # one path a line: the Vietnamese names hold spaces


def test_writes_both_files_for_may(may, made_on, tmp_path):
    paths = run(
        "--kind", "monthly", "--period", "2026-05", "--format", "docx,xlsx", "--out", str(tmp_path / "o")
    )
    assert [p.rsplit(".", 1)[1] for p in paths] == ["docx", "xlsx"]
    doc = docx_of(Path(paths[0]).read_bytes())
    total = [c.text for c in table_after(doc, "Bảng 1.").rows[-1].cells]
    assert total[2] == str(sum(sum(c.values()) for c in expected().values())) == "9"
    wb = xlsx_of(Path(paths[1]).read_bytes())
    assert wb.sheetnames[0] == "Bảng 1 - Theo đơn vị"


def test_unit_report_by_folded_name(may, made_on, tmp_path, tree):
    paths = run("--kind", "monthly", "--period", "2026-05", "--format", "xlsx", "--out", str(tmp_path),
                "--unit", "so tai chinh")  # fmt: skip
    assert paths == [str(tmp_path / "Báo cáo Sở Tài chính tháng 5 năm 2026.xlsx")]
    ws = xlsx_of(Path(paths[0]).read_bytes())["Bảng 1 - Theo tình trạng"]
    total = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == "Tổng số")
    assert total[2] == sum(expected()[tree.stc.pk].values()) == 6


@pytest.mark.parametrize(
    ("kind", "period", "unit", "message"),
    [
        ("monthly", "2026-13", None, "Tháng phải từ 01 đến 12."),
        ("adhoc", "2026-02-31..2026-03-10", None, "không có ngày 31/02"),
        ("quarterly", "2026-Q5", None, "ví dụ: 2026-Q2"),
        ("weekly", "2026-05", None, "Loại kỳ báo cáo không hợp lệ"),
        ("monthly", "2026-05", "Sở Không Có", "Không tìm thấy đơn vị"),
    ],
)
def test_bad_input_fails_cleanly(tree, tmp_path, kind, period, unit, message):
    args = ["--kind", kind, "--period", period, "--out", str(tmp_path / "out")] + (
        ["--unit", unit] if unit else []
    )
    with pytest.raises(CommandError) as error:
        run(*args)
    assert error.value.returncode == 2 and message in str(error.value)
    assert not (tmp_path / "out").exists()


def test_command_line_prints_vietnamese_only_and_exits_2(tree, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(
            ["vic", "report", "--kind", "monthly", "--period", "2026-13", "--out", str(tmp_path)]
        )
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == "Tháng phải từ 01 đến 12." and "Traceback" not in err
