"""Dates in messages have four-digit years (finding #15): strftime's %Y writes the year 99 as "99" on Linux."""

from __future__ import annotations

import datetime

import pytest

from vic.formats import dmy

D = datetime.date


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (D(99, 1, 1), "01/01/0099"),
        (D(999, 12, 31), "31/12/0999"),
        (D(1, 2, 3), "03/02/0001"),
        (D(2026, 3, 2), "02/03/2026"),
    ],
)
def test_dmy_writes_four_digit_years(day, text):
    assert dmy(day) == text


def test_a_mistyped_deadline_is_quoted_with_its_four_digit_year():
    from vic.tasks.limits import deadline_problem

    assert deadline_problem(D(99, 1, 1), D(2026, 1, 21)) == (
        "Thời hạn 01/01/0099 trước ngày ban hành văn bản (21/01/2026)."
    )


def test_journal_dates_are_shown_with_four_digit_years():
    from vic.tasks.templatetags.vic_tasks import dmy as dmy_filter
    from vic.tasks.templatetags.vic_tasks import journal_value

    assert journal_value("0099-01-01") == "01/01/0099"
    assert dmy_filter(D(99, 1, 1)) == "01/01/0099"
