"""Report-due reminders (R-12.2 "reminds in time"): the subjects a REPORT_DUE reminder rule speaks about on
a day — one per unit expected to report on a period whose unit due date (rolled to a working day) matches
the rule's timing, and that has not submitted it. urging/services.py sends them like task reminders."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from vic.calendar.services import is_working_day, working_days_between
from vic.units.models import Unit, User
from vic.urging.models import Audience, ReminderRule

from .models import PERIODIC, UnitReport
from .obligations import expected_units, windows_of_year
from .periods import Period, Window


@dataclass(frozen=True)
class ReportDue:
    """One unit's report for one period, due on `window.unit_due` and not submitted."""

    unit: Unit
    window: Window

    @property
    def period(self) -> Period:
        return self.window.period

    @property
    def key(self) -> str:
        """The dispatch log's report key, e.g. "monthly:2026-05"."""
        return f"{self.period.kind}:{self.period.label}"

    def recipients(self, audience: str) -> list[User]:
        """The unit's officers and head, the Office's leaders; the other audiences concern tasks."""
        from vic.urging.services import unit_audience

        if audience not in (Audience.LEAD_UNIT, Audience.UNIT_HEAD, Audience.OFFICE_LEADERS):
            return []
        return unit_audience(self.unit, audience)

    def message(self, rule: ReminderRule) -> str:
        return _(
            "[%(rule)s] %(unit)s chưa gửi báo cáo %(title)s — hạn gửi: %(due)s "
            "(số liệu từ %(start)s đến %(end)s)."
        ) % {
            "rule": rule.name,
            "unit": self.unit,
            "title": self.period.title,
            "due": self.window.unit_due.strftime("%d/%m/%Y"),
            "start": self.window.start.strftime("%d/%m/%Y"),
            "end": self.window.end.strftime("%d/%m/%Y"),
        }

    def line(self) -> str:
        """One line of `vic remind --dry-run`."""
        return f"{self.unit} · {self.key} ({self.window.unit_due:%d/%m/%Y})"


def _windows_around(today: datetime.date) -> list[Window]:
    """Every periodic report's window of last year, this year and next."""
    years = (today.year - 1, today.year, today.year + 1)
    return [w for kind, _label in PERIODIC for year in years for w in windows_of_year(kind, year)]


def _overtaken(w: Window, windows: list[Window], today: datetime.date) -> bool:
    """An overdue report is chased until the next report of its kind falls due, and at most
    VIC_REPORT_CHASE_WORKING_DAYS working days (a yearly report is not chased for a year); the scorecard
    keeps the record of what was never sent."""
    if (
        w.unit_due < today
        and working_days_between(w.unit_due, today) > settings.VIC_REPORT_CHASE_WORKING_DAYS
    ):
        return True
    return any(o.period.kind == w.period.kind and w.unit_due < o.unit_due <= today for o in windows)


def reports_for(rule: ReminderRule, today: datetime.date, matches) -> list[ReportDue]:
    """The unsent reports `rule` speaks about on `today`; `matches(rule, due, today)` is the timing test
    the task reminders use (urging/services.py), so both count working days the same way."""
    if not is_working_day(today):
        return []
    out = []
    windows = _windows_around(today)
    for w in windows:
        if not matches(rule, w.unit_due, today) or _overtaken(w, windows, today):
            continue
        sent = UnitReport.objects.in_force().filter(kind=w.period.kind, period=w.period.label)
        units = expected_units(w).exclude(pk__in=sent.values("unit_id"))
        out.extend(ReportDue(unit, w) for unit in units)
    return out
