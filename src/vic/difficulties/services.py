"""Counting difficulties for the sidebar badge and for reports (R-14.2, R-14.3).

`open_difficulties_summary(start, end)` is the reporting work's entry point: per unit, how many
difficulties were raised in [start, end], how many got their first answer in it, how many were waiting
for the Office at the end of `end`, and the median time to a first answer in working days (counted as
the calendar counts periods: from the day after the day raised, vic.calendar.services)."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from vic.calendar.services import working_days_between
from vic.units.models import Unit

from .models import Difficulty, DifficultyMessage, State


@dataclass
class UnitCounts:
    unit: Unit | None  # None on the total row
    raised: int = 0
    answered: int = 0
    open_at_end: int = 0
    answer_days: list[int] = field(default_factory=list, repr=False)

    @property
    def median_answer_days(self) -> float | None:
        return statistics.median(self.answer_days) if self.answer_days else None


@dataclass
class Summary:
    start: datetime.date
    end: datetime.date
    rows: list[UnitCounts]  # units with anything to count, in the unit tree's order
    total: UnitCounts


def answer_working_days(raised_on: datetime.date, answered_on: datetime.date) -> int:
    """Working days from the day raised to the first answer: 0 the same day, 1 the next working day."""
    return max(0, working_days_between(raised_on, answered_on))


def _end_of(day: datetime.date) -> datetime.datetime:
    """The first instant after `day`, local time (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def state_as_of(day: datetime.date):
    """An annotation: the state a difficulty was in at the end of `day` (None if raised later)."""
    last = DifficultyMessage.objects.filter(difficulty=OuterRef("pk"), at__lt=_end_of(day)).order_by(
        "-at", "-pk"
    )
    return Subquery(last.values("state_after")[:1])


def open_difficulties_summary(start: datetime.date, end: datetime.date, *, queryset=None) -> Summary:
    """Per-unit counts for the window [start, end] (both included); `queryset` narrows (e.g. visible_to)."""
    if end < start:
        raise ValueError("end must not be before start")
    qs = Difficulty.objects.all() if queryset is None else queryset
    rows: dict[int, UnitCounts] = defaultdict(lambda: UnitCounts(unit=None))
    for row in qs.filter(raised_on__range=(start, end)).values("unit").annotate(n=Count("pk")):
        rows[row["unit"]].raised = row["n"]
    answered = qs.filter(first_answered_on__range=(start, end)).values_list(
        "unit", "raised_on", "first_answered_on"
    )
    for unit_id, raised_on, answered_on in answered:
        counts = rows[unit_id]
        counts.answered += 1
        counts.answer_days.append(answer_working_days(raised_on, answered_on))
    still_open = (
        qs.filter(raised_on__lte=end)
        .annotate(state_then=state_as_of(end))
        .filter(state_then=State.OPEN)
        .values("unit")
        .annotate(n=Count("pk"))
    )
    for row in still_open:
        rows[row["unit"]].open_at_end = row["n"]
    units = Unit.objects.in_bulk(list(rows))
    result = []
    for unit_id, counts in rows.items():
        counts.unit = units[unit_id]
        result.append(counts)
    result.sort(key=lambda c: (c.unit.order, c.unit.name))
    total = UnitCounts(
        unit=None,
        raised=sum(c.raised for c in result),
        answered=sum(c.answered for c in result),
        open_at_end=sum(c.open_at_end for c in result),
        answer_days=[d for c in result for d in c.answer_days],
    )
    return Summary(start=start, end=end, rows=result, total=total)


def open_count(user) -> int:
    """The sidebar badge: difficulties waiting for the Office's answer, in the user's scope."""
    return Difficulty.objects.visible_to(user).filter(state=State.OPEN).count()
