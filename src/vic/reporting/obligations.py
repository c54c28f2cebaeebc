"""Who owes a report for a period (R-11, R-12): the units leading at least one task the period's window
counts (figures.population), except units outside the province, and which of them have sent it."""

from __future__ import annotations

import datetime

from vic.calendar.services import roll_forward
from vic.tasks.models import Task
from vic.units.models import Unit, UnitKind

from . import figures
from .models import UnitReport
from .periods import Window, periods_of_year, rule_for, window


def windows_of_year(kind: str, year: int) -> list[Window]:
    """The windows in force of a kind's periods in `year`, due dates rolled to working days, with one
    read of the administrator's rule (periods.window_in_force reads it once per period)."""
    rule = rule_for(kind)
    out = []
    for period in periods_of_year(kind, year):
        w = window(period, rule)
        out.append(Window(period, w.start, w.end, roll_forward(w.unit_due), roll_forward(w.office_due)))
    return out


def expected_units(window: Window):
    """The units expected to report on `window`, in the tree's order."""
    leading = figures.population(Task.objects.all(), window.start, window.end).values("lead_unit_id")
    return Unit.objects.filter(pk__in=leading).exclude(kind=UnitKind.EXTERNAL)


def first_submissions(kind: str, labels: list[str]) -> dict[tuple[int, str], datetime.datetime]:
    """{(unit id, period label): when its first version was sent}: a correction sent later does not make
    a report that was sent on time late."""
    out: dict[tuple[int, str], datetime.datetime] = {}
    rows = UnitReport.objects.filter(kind=kind, period__in=labels, submitted_at__isnull=False)
    for unit_id, label, at in rows.values_list("unit_id", "period", "submitted_at").order_by("submitted_at"):
        out.setdefault((unit_id, label), at)
    return out
