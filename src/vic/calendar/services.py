"""Working-day arithmetic — the one place for it (DOMAIN "Deadlines and the working-day calendar").

A day is a working day when it is Monday–Friday and not a Vietnamese holiday of the `holidays`
package, or when the package lists it as a weekend workday (a swapped Saturday); an administrator's
DayOverride row wins over both. Counting follows Civil Code 2015: a period starts the day *after*
the event (art. 147) and a last day that is a day off moves to the next working day (art. 148).

Everything is computed from per-year tables built once per process:
- the package's data per year never changes at run time and is kept forever;
- the tables that combine it with the overrides are dropped by `invalidate_cache()` (called by the
  DayOverride signals, see signals.py) and, for other worker processes, after OVERRIDES_TTL seconds.
With a cumulative count per year, every function is O(1) or O(log 365) per call, not O(days).

Functions take `datetime.date` (not `datetime.datetime`: convert to the local date first).
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import holidays
from django.utils.translation import gettext as _

COUNTRY = "VN"
LANGUAGE = "vi"  # holiday names as the package gives them in Vietnamese
# Seconds after which a process reloads the overrides even without a signal (other processes may
# have changed them: gunicorn workers, the admin in another process).
OVERRIDES_TTL = 30.0

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _PackageYear:
    """What the `holidays` package says about one year."""

    holidays: dict[date, str]  # date -> Vietnamese name
    weekend_workdays: frozenset[date]


@dataclass(frozen=True, slots=True)
class _Year:
    """Working-day table of one year, overrides applied."""

    start: int  # ordinal of 1 January
    working: bytes  # working[i] == 1 when start + i is a working day
    cum: list[int]  # cum[i] == number of working days among indices 0..i
    total: int


@dataclass(slots=True)
class _State:
    expires: float
    overrides: dict[date, tuple[bool, str]] | None = None  # date -> (is working, reason)
    years: dict[int, _Year] = field(default_factory=dict)


_package_years: dict[int, _PackageYear] = {}
_package_lock = threading.Lock()
_state = _State(expires=0.0)
_generation = 0  # bumped by every invalidation


def invalidate_cache() -> None:
    """Forget the overrides and the tables built from them (the package data stays cached)."""
    global _state, _generation
    _generation += 1
    _state = _State(expires=0.0)


def _package_year(year: int) -> _PackageYear:
    data = _package_years.get(year)
    if data is None:
        with _package_lock:
            data = _package_years.get(year)
            if data is None:
                calendar = holidays.country_holidays(COUNTRY, years=year, language=LANGUAGE)
                data = _PackageYear(
                    holidays={d: name for d, name in calendar.items() if d.year == year},
                    weekend_workdays=frozenset(d for d in calendar.weekend_workdays if d.year == year),
                )
                _package_years[year] = data
    return data


def _current_state() -> _State:
    global _state
    state = _state
    now = time.monotonic()
    if state.overrides is None or state.expires < now:
        from .models import DayOverride

        generation = _generation
        state = _State(expires=now + OVERRIDES_TTL)
        state.overrides = {
            day: (kind == DayOverride.Kind.WORKING_DAY, reason)
            for day, kind, reason in DayOverride.objects.values_list("day", "kind", "reason")
        }
        # Publish only if no invalidation happened while reading (the read may predate the change).
        if generation == _generation:
            _state = state
    return state


def _year(year: int) -> _Year:
    state = _current_state()
    table = state.years.get(year)
    if table is None:
        table = _build_year(year, state.overrides or {})
        state.years[year] = table
    return table


def _build_year(year: int, overrides: dict[date, tuple[bool, str]]) -> _Year:
    package = _package_year(year)
    first = date(year, 1, 1)
    start = first.toordinal()
    length = date(year + 1, 1, 1).toordinal() - start if year < 9999 else 365
    weekday = first.weekday()
    working = bytearray(length)
    cum = [0] * length
    count = 0
    for i in range(length):
        day = date.fromordinal(start + i)
        override = overrides.get(day)
        if override is not None:
            is_working = override[0]
        elif day in package.holidays:
            is_working = False
        else:
            is_working = (weekday + i) % 7 < 5 or day in package.weekend_workdays
        if is_working:
            working[i] = 1
            count += 1
        cum[i] = count
    return _Year(start=start, working=bytes(working), cum=cum, total=count)


def _check(day: date) -> None:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}")


def _nth_after(day: date, n: int) -> date:
    """The n-th working day strictly after `day` (n >= 1)."""
    year = day.year
    table = _year(year)
    k = table.cum[day.toordinal() - table.start] + n
    while k > table.total:
        k -= table.total
        year += 1
        table = _year(year)
    return date.fromordinal(table.start + bisect_left(table.cum, k))


def is_working_day(day: date) -> bool:
    _check(day)
    table = _year(day.year)
    return table.working[day.toordinal() - table.start] == 1


def roll_forward(day: date) -> date:
    """The day itself if it is a working day, else the next working day (Civil Code art. 148)."""
    _check(day)
    table = _year(day.year)
    if table.working[day.toordinal() - table.start]:
        return day
    return _nth_after(day, 1)


def add_working_days(day: date, n: int) -> date:
    """The n-th working day counted from the day after `day` (art. 147); n = 0 → roll_forward(day)."""
    _check(day)
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if n == 0:
        return roll_forward(day)
    return _nth_after(day, n)


def working_days_between(start: date, end: date) -> int:
    """Number of working days in (start, end]; negative (antisymmetric) when end < start."""
    _check(start)
    _check(end)
    if end < start:
        return -working_days_between(end, start)
    first, last = _year(start.year), _year(end.year)
    result = last.cum[end.toordinal() - last.start] - first.cum[start.toordinal() - first.start]
    for year in range(start.year, end.year):
        result += _year(year).total
    return result


def next_working_days(day: date, n: int) -> list[date]:
    """The n working days strictly after `day`, in order."""
    _check(day)
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    result: list[date] = []
    current = day
    while len(result) < n:
        current = _nth_after(current, 1)
        result.append(current)
    return result


def days_off(year: int) -> list[tuple[date, str]]:
    """Holidays and extra days off of `year` (weekends aside), with their names, in date order."""
    state = _current_state()
    overrides = state.overrides or {}
    result: dict[date, str] = {}
    for day, name in _package_year(year).holidays.items():
        if not overrides.get(day, (False, ""))[0]:
            result[day] = name
    for day, (is_working, reason) in overrides.items():
        if day.year == year and not is_working:
            label = _("Ngày nghỉ bổ sung")
            result[day] = f"{label} ({reason})" if reason else label
    return sorted(result.items())


def extra_working_days(year: int) -> list[tuple[date, str]]:
    """Saturdays/Sundays of `year` that are worked (package swaps and overrides), in date order."""
    state = _current_state()
    overrides = state.overrides or {}
    result: dict[date, str] = {}
    label = _("Ngày làm việc bù")
    for day in _package_year(year).weekend_workdays:
        if overrides.get(day, (True, ""))[0]:
            result[day] = label
    for day, (is_working, reason) in overrides.items():
        if day.year == year and is_working and day.weekday() >= 5:
            result[day] = f"{label} ({reason})" if reason else label
    return sorted(result.items())
