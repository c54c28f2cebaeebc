"""Report periods (R-12, DOMAIN "Reporting calendar"): windows and due dates with right values, the
administrator's calendar, due dates on days off rolled to the next working day, Vietnamese parse errors."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from vic.reporting.models import PeriodSetting
from vic.reporting.periods import Period, PeriodKind, current, parse, window, window_in_force

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.mark.parametrize(
    ("kind", "label", "start", "end", "unit_due", "office_due"),
    [
        ("monthly", "2026-05", "2026-04-15", "2026-05-14", "2026-05-20", "2026-05-25"),
        ("monthly", "2026-01", "2025-12-15", "2026-01-14", "2026-01-20", "2026-01-25"),
        ("quarterly", "2026-Q2", "2026-03-15", "2026-06-14", "2026-06-15", "2026-06-20"),
        ("quarterly", "2026-Q1", "2025-12-15", "2026-03-14", "2026-03-15", "2026-03-20"),
        ("half", "2026-H1", "2025-12-15", "2026-06-14", "2026-06-15", "2026-06-20"),
        ("half", "2026-H2", "2026-06-15", "2026-12-14", "2026-12-15", "2026-12-20"),
        ("nine-month", "2026-9M", "2025-12-15", "2026-09-14", "2026-09-15", "2026-09-20"),
        ("yearly", "2026", "2025-12-15", "2026-10-31", "2026-11-10", "2026-11-15"),
    ],
)
def test_windows_and_due_dates_as_written(kind, label, start, end, unit_due, office_due):
    w = window(parse(kind, label))
    assert (w.start, w.end, w.unit_due, w.office_due) == (D(start), D(end), D(unit_due), D(office_due))
    assert w.contains(D(start)) and w.contains(D(end)) and not w.contains(D(end) + datetime.timedelta(1))


@pytest.mark.parametrize(
    ("kind", "label", "unit_due", "office_due"),
    [
        ("monthly", "2026-05", "2026-05-20", "2026-05-25"),  # Wed, Mon: working days
        ("quarterly", "2026-Q2", "2026-06-15", "2026-06-22"),  # Sat 20/06 → Mon 22/06
        ("quarterly", "2026-Q1", "2026-03-16", "2026-03-20"),  # Sun 15/03 → Mon 16/03
        ("nine-month", "2026-9M", "2026-09-15", "2026-09-21"),  # Sun 20/09 → Mon 21/09
        ("yearly", "2026", "2026-11-10", "2026-11-16"),  # Sun 15/11 → Mon 16/11
        ("monthly", "2026-02", "2026-02-23", "2026-02-25"),  # Fri 20/02 in Tết (14–22/02) → Mon 23/02
    ],
)
def test_due_dates_in_force_roll_days_off_to_the_next_working_day(kind, label, unit_due, office_due):
    w = window_in_force(parse(kind, label))
    assert (w.unit_due, w.office_due) == (D(unit_due), D(office_due))


def test_an_administrators_change_moves_the_window_in_force():
    row = PeriodSetting.objects.get(kind=PeriodKind.MONTHLY)
    row.start_day, row.end_day, row.unit_due_day = 1, 31, 5
    row.start_in_previous_month, row.due_month = False, None
    row.save()
    w = window_in_force(parse("monthly", "2026-05"))
    assert (w.start, w.end, w.unit_due) == (D("2026-05-01"), D("2026-05-31"), D("2026-05-05"))
    feb = window_in_force(parse("monthly", "2026-02"))
    assert feb.end == D("2026-02-28")  # "31" clamps to the month's end


def test_the_seeded_calendar_equals_the_defaults():
    for kind in ("monthly", "quarterly", "half", "nine-month", "yearly"):
        period = Period(kind, 2026, 2 if kind in ("monthly", "quarterly", "half") else 1)
        assert window_in_force(period).start == window(period).start
        assert window_in_force(period).end == window(period).end


def test_period_setting_validation_is_in_vietnamese():
    row = PeriodSetting.objects.get(kind=PeriodKind.MONTHLY)
    row.unit_due_day, row.due_month = 32, 13
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict["unit_due_day"] == ["Ngày phải từ 1 đến 31."]
    assert error.value.message_dict["due_month"] == ["Tháng phải từ 1 đến 12."]


@pytest.mark.parametrize(
    ("kind", "label", "message"),
    [
        ("monthly", "2026-13", "Tháng phải từ 01 đến 12."),
        ("monthly", "2026-5", "không đúng dạng"),
        ("quarterly", "2026-Q5", "không đúng dạng cho báo cáo quý; ví dụ: 2026-Q2"),
        ("half", "2026-H3", "ví dụ: 2026-H1"),
        ("adhoc", "2026-02-31..2026-03-10", "ngày phải có thật"),
        ("adhoc", "2026-05-10..2026-05-01", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."),
        ("weekly", "2026-05", "Loại kỳ báo cáo không hợp lệ"),
        ("yearly", "1989", "Năm phải từ 1990 đến 2100."),
    ],
)
def test_parse_errors_are_in_vietnamese(kind, label, message):
    with pytest.raises(ValidationError) as error:
        parse(kind, label)
    assert message in error.value.messages[0]


def test_labels_titles_and_the_current_period():
    assert parse("quarterly", "2026-q2").label == "2026-Q2"
    assert parse("quarterly", "2026-Q2").title == "quý II năm 2026"
    assert parse("half", "2026-H1").title == "6 tháng đầu năm 2026"
    assert parse("adhoc", "2026-04-01..2026-06-30").label == "2026-04-01..2026-06-30"
    assert current("monthly", D("2026-05-20")) == Period("monthly", 2026, 5)
    assert current("monthly", D("2026-05-21")) == Period("monthly", 2026, 6)
    assert current("monthly", D("2026-12-21")) == Period("monthly", 2027, 1)


def test_the_period_picker_offers_started_periods_newest_first_by_their_names(db):
    from vic.reporting.periods import choices

    monthly = choices("monthly", datetime.date(2026, 5, 20))
    assert monthly[:2] == [
        ("2026-06", "Tháng 6 năm 2026"),
        ("2026-05", "Tháng 5 năm 2026"),
    ]  # June's window opened 15/05
    assert ("2025-12", "Tháng 12 năm 2025") in monthly
    assert choices("quarterly", datetime.date(2026, 5, 20))[0] == ("2026-Q2", "Quý II năm 2026")
    assert choices("adhoc", datetime.date(2026, 5, 20)) == []
