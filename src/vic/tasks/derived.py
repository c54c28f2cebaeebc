"""Columns kept in step with a task's facts by the actions: effective deadline, delivery due, search text."""

from __future__ import annotations

import calendar as _cal
import datetime

from django.conf import settings

from vic.calendar.services import add_working_days, roll_forward
from vic.core.text import search_text

from .models import Frequency, Task, TaskUrgency


def delivery_due(arose_on: datetime.date, urgency: str) -> datetime.date:
    """R-5.1: delivered within one working day of arising (a setting); urgent matters the same day."""
    if urgency == TaskUrgency.URGENT:
        return arose_on
    return add_working_days(arose_on, settings.VIC_REGISTRATION_WORKING_DAYS)


def effective_deadline(deadline: datetime.date | None) -> datetime.date | None:
    """A deadline on a day off runs to the end of the next working day (Civil Code art. 148)."""
    return roll_forward(deadline) if deadline else None


def refresh(task: Task) -> None:
    task.effective_deadline = effective_deadline(task.deadline)
    task.delivery_due_on = delivery_due(task.arose_on, task.urgency)


def search_parts(task: Task, coordinating_units=()) -> list[str]:
    """What a task is found by: its words, its directive's reference and abstract, its units' names, short
    names and aliases ("Sở KH&ĐT")."""
    d = task.directive
    return [
        task.content,
        task.expected_output,
        d.number,
        d.symbol,
        f"{d.number}/{d.symbol}",
        d.abstract,
        d.issuer,
        *(n for u in (task.lead_unit, *coordinating_units) for n in u.names()),
    ]


def refresh_search_text(task: Task) -> None:
    task.search_text = search_text(search_parts(task, task.coordinating_units.all() if task.pk else ()))


def add_months(day: datetime.date, months: int) -> datetime.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, _cal.monthrange(year, month)[1]))


STEP_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


def occurrences(first: datetime.date, frequency: str, until: datetime.date) -> list[datetime.date]:
    """Deadlines of a recurring duty from its first deadline up to `until` (each keeps the written day)."""
    step = STEP_MONTHS[frequency]
    out, k = [], 0
    while (day := add_months(first, step * k)) <= until:
        out.append(day)
        k += 1
    return out
