"""Every `vic` subcommand of VIC's own apps prints its Vietnamese help (regression: lazy help strings made
argparse crash on `vic remind --help`, `serve`, `worker`, `bench`, `report`)."""

from __future__ import annotations

import pytest
from django.core.management import ManagementUtility, get_commands

OURS = sorted(name for name, app in get_commands().items() if app.startswith("vic."))


def test_our_commands_are_found():
    assert {"calendar", "demo", "remind", "serve", "worker", "bench", "report"} <= set(OURS)


@pytest.mark.parametrize("name", OURS)
def test_help_prints(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["vic", name, "--help"]).execute()
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: vic " + name)
    assert "tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out and "show this help" not in out


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["report", "--kind", "monthly"], "vic report: lỗi: thiếu tham số bắt buộc: --period"),
        (["remind", "--bogus"], "vic remind: lỗi: tham số không dùng được: --bogus"),
        (["calendar"], "vic calendar: lỗi: thiếu tham số bắt buộc: ACTION"),
        # A sub-command's own parser speaks Vietnamese too.
        (
            ["calendar", "add-working-days"],
            "vic calendar add-working-days: lỗi: thiếu tham số bắt buộc: YYYY-MM-DD, N",
        ),
        (["calendar", "days-off", "2026", "x"], "vic calendar: lỗi: tham số không dùng được: x"),
    ],
)
def test_argument_errors_are_vietnamese(argv, said, capsys):
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["vic", *argv]).execute()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "Cách dùng: vic" in err and "error:" not in err


def test_a_sub_commands_help_is_vietnamese(capsys):
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["vic", "calendar", "add-working-days", "--help"]).execute()
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: vic calendar add-working-days")
    assert "tham số:" in out and "in hướng dẫn này rồi thoát" in out and "positional" not in out


def test_vic_alone_lists_its_commands_in_vietnamese(capsys):
    from vic.cli import main

    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "Các lệnh của VIC:" in out and "remind     Gửi nhắc việc" in out


def test_an_unknown_command_is_named_in_vietnamese(capsys):
    from vic.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["nhac-viec"])
    assert exit_.value.code == 2 and "Không có lệnh “nhac-viec”" in capsys.readouterr().err


@pytest.mark.django_db
def test_a_file_system_refusal_is_told_in_vietnamese(tmp_path, capsys):
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(
            ["vic", "report", "--kind", "monthly", "--period", "2026-02", "--out", str(blocker / "x")]
        ).execute()
    assert exit_.value.code == 2
    assert "một phần của đường dẫn là tệp, không phải thư mục" in capsys.readouterr().err
