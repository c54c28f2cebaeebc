"""Working-day arithmetic (vic.calendar.services) against the official civil-servant schedules."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vic.calendar import services
from vic.calendar.models import DayOverride
from vic.calendar.services import (
    add_working_days,
    days_off,
    is_working_day,
    next_working_days,
    roll_forward,
    working_days_between,
)

pytestmark = pytest.mark.django_db

D = date.fromisoformat


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # A rolled-back test transaction sends no signal: start and end every test with a clean cache.
    services.invalidate_cache()
    yield
    services.invalidate_cache()


def _days(first: str, last: str) -> list[date]:
    start, end = D(first), D(last)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# Official schedules (DOMAIN.md): every day of each break is off, swapped Saturdays are worked.
OFFICIAL_BREAKS = [
    ("2024-02-08", "2024-02-14"),  # Tết 2024
    ("2024-04-27", "2024-05-01"),  # 30/4–1/5 2024 with Mon 29/4 off
    ("2024-08-31", "2024-09-03"),  # National Day 2024
    ("2025-01-25", "2025-02-02"),  # Tết 2025
    ("2025-04-30", "2025-05-04"),  # 30/4–1/5 2025 with Fri 2/5 off
    ("2025-08-30", "2025-09-02"),  # National Day 2025 (Mon 1/9 off)
    ("2026-01-01", "2026-01-04"),  # New Year 2026 with Fri 2/1 off (12729/VPCP-KGVX)
    ("2026-02-14", "2026-02-22"),  # Tết 2026
    ("2026-04-30", "2026-05-03"),  # 30/4–1/5 2026
    ("2026-08-29", "2026-09-02"),  # National Day 2026 with Mon 31/8 off
]
WORKED_SATURDAYS = ["2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"]


@pytest.mark.parametrize(("first", "last"), OFFICIAL_BREAKS)
def test_official_breaks_are_days_off(first, last):
    off = _days(first, last)
    assert [d for d in off if is_working_day(d)] == []
    # The days around the break are working days (no break is longer than listed).
    assert is_working_day(roll_forward(off[-1] + timedelta(days=1)))
    assert add_working_days(off[0] - timedelta(days=1), 0) <= off[0] - timedelta(days=1)


@pytest.mark.parametrize("day", WORKED_SATURDAYS)
def test_swapped_saturdays_are_working_days(day):
    assert D(day).weekday() == 5
    assert is_working_day(D(day))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Tết 2026: Sat 14/2 – Sun 22/2.
        ("2026-02-13", 1, "2026-02-23"),
        ("2026-02-12", 2, "2026-02-23"),
        ("2026-02-13", 0, "2026-02-13"),
        ("2026-02-14", 0, "2026-02-23"),
        ("2026-02-17", 1, "2026-02-23"),
        ("2026-02-13", 5, "2026-02-27"),
        # New Year 2026: Thu 1/1 – Sun 4/1 off, Sat 10/1 worked.
        ("2025-12-31", 1, "2026-01-05"),
        ("2025-12-30", 2, "2026-01-05"),
        ("2026-01-09", 1, "2026-01-10"),
        ("2026-01-09", 2, "2026-01-12"),
        ("2026-01-05", 5, "2026-01-10"),
        # 30/4–1/5 2026 (Thu, Fri) and 2025 (Wed 30/4 – Sun 4/5, Sat 26/4 worked).
        ("2026-04-29", 1, "2026-05-04"),
        ("2025-04-25", 1, "2025-04-26"),
        ("2025-04-29", 1, "2025-05-05"),
        # National Day 2025: Sat 30/8 – Tue 2/9.
        ("2025-08-29", 1, "2025-09-03"),
        # National Day 2026: Sat 22/8 worked, Mon 31/8 – Wed 2/9 off.
        ("2026-08-21", 1, "2026-08-22"),
        ("2026-08-28", 1, "2026-09-03"),
        # Tết 2024: Thu 8/2 – Wed 14/2.
        ("2024-02-07", 1, "2024-02-15"),
        # Across a year: 10 working days from Fri 26/12/2025 (1/1, 2/1 off).
        ("2025-12-26", 10, "2026-01-12"),
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


def test_roll_forward():
    assert roll_forward(D("2026-02-14")) == D("2026-02-23")
    assert roll_forward(D("2026-02-23")) == D("2026-02-23")
    assert roll_forward(D("2026-01-01")) == D("2026-01-05")
    assert roll_forward(D("2026-08-29")) == D("2026-09-03")
    assert roll_forward(D("2026-01-10")) == D("2026-01-10")


def test_working_days_between():
    assert working_days_between(D("2026-02-13"), D("2026-02-23")) == 1
    assert working_days_between(D("2026-02-13"), D("2026-02-13")) == 0
    assert working_days_between(D("2025-12-31"), D("2026-01-05")) == 1
    assert working_days_between(D("2026-01-05"), D("2025-12-31")) == -1
    assert working_days_between(D("2026-01-09"), D("2026-01-10")) == 1
    brute = sum(is_working_day(d) for d in _days("2024-01-01", "2026-12-31"))
    assert working_days_between(D("2023-12-31"), D("2026-12-31")) == brute


def test_next_working_days():
    assert next_working_days(D("2026-02-12"), 3) == [D("2026-02-13"), D("2026-02-23"), D("2026-02-24")]
    assert next_working_days(D("2026-01-08"), 2) == [D("2026-01-09"), D("2026-01-10")]
    assert next_working_days(D("2026-01-08"), 0) == []


def test_invalid_arguments():
    with pytest.raises(ValueError):
        add_working_days(D("2026-01-01"), -1)
    with pytest.raises(TypeError):
        is_working_day(datetime(2026, 1, 1, 12, 0))  # convert to the local date first


def test_days_off_lists_package_and_overrides():
    listed = dict(days_off(2026))
    assert D("2026-01-02") in listed and "12729/VPCP-KGVX" in listed[D("2026-01-02")]
    assert {D("2026-01-01"), D("2026-02-17"), D("2026-08-31"), D("2026-09-02"), D("2026-11-24")} <= set(
        listed
    )
    assert D("2026-01-10") not in listed
    assert list(listed) == sorted(listed)


def test_seeded_overrides():
    seeded = {(o.day, o.kind) for o in DayOverride.objects.all()}
    assert (D("2026-01-02"), DayOverride.Kind.DAY_OFF) in seeded
    assert (D("2026-01-10"), DayOverride.Kind.WORKING_DAY) in seeded


def test_override_changes_results_and_is_invalidated():
    tuesday = D("2026-03-10")
    assert is_working_day(tuesday)
    assert add_working_days(D("2026-03-09"), 1) == tuesday

    override = DayOverride.objects.create(day=tuesday, kind=DayOverride.Kind.DAY_OFF, reason="Test")
    assert not is_working_day(tuesday)
    assert add_working_days(D("2026-03-09"), 1) == D("2026-03-11")

    override.kind = DayOverride.Kind.WORKING_DAY
    override.save()
    assert is_working_day(tuesday)

    override.delete()
    assert add_working_days(D("2026-03-09"), 1) == tuesday


def test_override_wins_over_package():
    culture_day, saturday = D("2026-11-24"), D("2026-08-22")
    assert not is_working_day(culture_day) and is_working_day(saturday)
    DayOverride.objects.create(day=culture_day, kind=DayOverride.Kind.WORKING_DAY)
    DayOverride.objects.create(day=saturday, kind=DayOverride.Kind.DAY_OFF)
    assert is_working_day(culture_day) and not is_working_day(saturday)
    assert D("2026-11-24") not in dict(days_off(2026))


@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_admin_adds_override(admin_client, settings):
    # Rendering admin pages needs no collected static files in tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    saturday = D("2026-03-14")
    assert add_working_days(D("2026-03-13"), 1) == D("2026-03-16")
    response = admin_client.post(
        "/quan-tri/calendar/dayoverride/add/",
        {"day": "2026-03-14", "kind": "working_day", "reason": "Quyết định của UBND tỉnh"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert add_working_days(D("2026-03-13"), 1) == saturday
    assert admin_client.get("/quan-tri/calendar/dayoverride/").status_code == 200


# --- properties -------------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@settings(max_examples=300, deadline=None)
@given(day=days, n=st.integers(min_value=1, max_value=400))
def test_result_is_a_later_working_day(day, n):
    result = add_working_days(day, n)
    assert result > day
    assert is_working_day(result)
    assert working_days_between(day, result) == n
    assert working_days_between(day, result - timedelta(days=1)) == n - 1


@settings(max_examples=300, deadline=None)
@given(day=days, a=st.integers(min_value=1, max_value=400), b=counts)
def test_add_working_days_is_additive(day, a, b):
    assert add_working_days(day, a + b) == add_working_days(add_working_days(day, a), b)


@settings(max_examples=100, deadline=None)
@given(day=days, b=counts)
def test_additive_from_zero_only_on_working_days(day, b):
    # n = 0 means roll_forward (art. 148), so a = 0 is additive only when `day` is a working day:
    # from a Saturday, 0 then 1 working days lands one working day later than 1 working day.
    working = roll_forward(day)
    assert add_working_days(working, 0 + b) == add_working_days(add_working_days(working, 0), b)
    if b >= 1 and not is_working_day(day):
        assert add_working_days(add_working_days(day, 0), b) == add_working_days(day, b + 1)


@settings(max_examples=300, deadline=None)
@given(day=days)
def test_roll_forward_is_idempotent_and_minimal(day):
    rolled = roll_forward(day)
    assert roll_forward(rolled) == rolled
    assert rolled >= day and is_working_day(rolled)
    assert not any(is_working_day(day + timedelta(days=i)) for i in range((rolled - day).days))
    assert add_working_days(day, 0) == rolled


@settings(max_examples=100, deadline=None)
@given(day=days, n=st.integers(min_value=0, max_value=60))
def test_agrees_with_day_by_day_counting(day, n):
    current, remaining = day, n
    while remaining:
        current += timedelta(days=1)
        remaining -= is_working_day(current)
    assert add_working_days(day, n) == (roll_forward(day) if n == 0 else current)
    assert next_working_days(day, n) == [add_working_days(day, i) for i in range(1, n + 1)]
