"""Which reminders are due on a day, and sending them once (the dispatch log is the idempotency key)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from vic.calendar.services import add_working_days, is_working_day, working_days_between
from vic.tasks.models import Task
from vic.units.models import Role, User

from .models import Audience, DateField, Dispatch, ReminderRule, Timing
from .notify import notify


@dataclass(frozen=True)
class Due:
    """One reminder to send: about a task, or about a unit's periodic report (`report`, a
    reporting.reminders.ReportDue; then `task` is None)."""

    rule: ReminderRule
    task: Task | None
    recipient: User
    report: object = None

    @property
    def key(self) -> dict:
        """What the dispatch log keys this reminder by, beside rule, day and recipient."""
        if self.report is not None:
            return {"task": None, "unit": self.report.unit, "report": self.report.key}
        return {"task": self.task}

    def was_sent(self, today: datetime.date) -> bool:
        return Dispatch.objects.filter(
            rule=self.rule, day=today, recipient=self.recipient, **self.key
        ).exists()

    def line(self) -> str:
        if self.report is not None:
            return self.report.line()
        return f"#{self.task.pk} {self.task.content[:60]}"


def _candidates(rule: ReminderRule):
    if rule.date_field == DateField.DELIVERY:  # the Office's own duty: tasks not yet delivered
        return Task.objects.filter(delivered_on__isnull=True, withdrawn_on__isnull=True)
    return Task.objects.filter(
        delivered_on__isnull=False,
        withdrawn_on__isnull=True,
        returned_on__isnull=True,
        completed_on__isnull=True,
    )


def matches(rule: ReminderRule, day: datetime.date | None, today: datetime.date) -> bool:
    """Whether a date `day` (a deadline, a report due date) falls under `rule`'s timing on `today`."""
    if day is None:
        return False
    if rule.timing == Timing.BEFORE:
        return day == add_working_days(today, rule.working_days)
    if rule.timing == Timing.ON_DAY:
        return day == today
    if day >= today:
        return False
    late = working_days_between(day, today)
    n = max(rule.working_days, 1)
    return late % n == 0 if rule.timing == Timing.OVERDUE_EVERY else late == n


def tasks_for(rule: ReminderRule, today: datetime.date):
    """The tasks `rule` speaks about on `today` (reminders go out on working days only)."""
    if not is_working_day(today):
        return []
    field = rule.date_field
    qs = (
        _candidates(rule)
        .select_related("lead_unit")
        .prefetch_related("monitoring_officers", "coordinating_units")
    )
    if rule.timing == Timing.BEFORE:
        return list(qs.filter(**{field: add_working_days(today, rule.working_days)}))
    if rule.timing == Timing.ON_DAY:
        return list(qs.filter(**{field: today}))
    return [t for t in qs.filter(**{f"{field}__lt": today}) if matches(rule, getattr(t, field), today)]


def unit_audience(unit, audience: str) -> list[User] | None:
    """The audiences that are people of one unit, or the Office's: the same for a task's lead unit and for a
    unit that owes a report; None for the audiences that only a task has (coordinators, monitors)."""
    active = User.objects.filter(is_active=True)
    if audience == Audience.LEAD_UNIT:
        return list(active.filter(unit=unit, role=Role.UNIT_OFFICER))
    if audience == Audience.UNIT_HEAD:
        return list(active.filter(unit=unit, role=Role.UNIT_HEAD))
    if audience == Audience.OFFICE_LEADERS:
        return list(active.filter(role=Role.OFFICE_LEADER))
    if audience == Audience.REGISTRARS:
        return list(active.filter(role=Role.OFFICE_CLERK))
    return None


def recipients(task: Task, audience: str) -> list[User]:
    people = unit_audience(task.lead_unit, audience)
    if people is not None:
        return people
    if audience == Audience.COORDINATORS:
        active = User.objects.filter(is_active=True)
        return list(active.filter(unit__in=task.coordinating_units.all(), role=Role.UNIT_OFFICER))
    if audience == Audience.MONITORS:
        return [u for u in task.monitoring_officers.all() if u.is_active]
    raise ValueError(audience)


def _subjects(rule: ReminderRule, today: datetime.date) -> list[tuple[Task | None, object]]:
    """(task, report) pairs `rule` speaks about: tasks, or — report due dates being no task's field — the
    unsent unit reports reporting/reminders.py finds with the same timing test."""
    if rule.date_field == DateField.REPORT_DUE:
        from vic.reporting.reminders import reports_for

        return [(None, report) for report in reports_for(rule, today, matches)]
    return [(task, None) for task in tasks_for(rule, today)]


def due_on(today: datetime.date) -> list[Due]:
    out = []
    for rule in ReminderRule.objects.filter(active=True):
        for task, report in _subjects(rule, today):
            seen = set()
            for audience in rule.audience_list():
                for user in report.recipients(audience) if report else recipients(task, audience):
                    if user.pk not in seen:
                        seen.add(user.pk)
                        out.append(Due(rule, task, user, report))
    return out


def message(due: Due, today: datetime.date) -> str:
    if due.report is not None:
        return due.report.message(due.rule)
    task = due.task
    day = getattr(task, due.rule.date_field)
    return _("[%(rule)s] Nhiệm vụ #%(id)s “%(content)s” — %(field)s: %(day)s.") % {
        "rule": due.rule.name,
        "id": task.pk,
        "content": task.content[:120],
        "field": DateField(due.rule.date_field).label,
        "day": day.strftime("%d/%m/%Y") if day else "—",
    }


def send(today: datetime.date, email: bool = True) -> int:
    """Send what is due today; a second run the same day sends nothing (one Dispatch row per key)."""
    sent = 0
    for due in due_on(today):
        with transaction.atomic():
            _dispatch, created = Dispatch.objects.get_or_create(
                rule=due.rule, day=today, recipient=due.recipient, **due.key
            )
            if not created:
                continue
            subject = _("Nhắc gửi báo cáo") if due.report else _("Nhắc việc")
            notify([due.recipient], message(due, today), task=due.task, subject=subject, email=email)
            sent += 1
    return sent
