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
    rule: ReminderRule
    task: Task
    recipient: User


def _candidates(rule: ReminderRule):
    if rule.date_field == DateField.DELIVERY:  # the Office's own duty: tasks not yet delivered
        return Task.objects.filter(delivered_on__isnull=True, withdrawn_on__isnull=True)
    return Task.objects.filter(
        delivered_on__isnull=False,
        withdrawn_on__isnull=True,
        returned_on__isnull=True,
        completed_on__isnull=True,
    )


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
    late = qs.filter(**{f"{field}__lt": today})
    n = max(rule.working_days, 1)
    if rule.timing == Timing.OVERDUE_EVERY:
        return [t for t in late if working_days_between(getattr(t, field), today) % n == 0]
    return [t for t in late if working_days_between(getattr(t, field), today) == n]  # OVERDUE_AFTER


def recipients(task: Task, audience: str) -> list[User]:
    active = User.objects.filter(is_active=True)
    if audience == Audience.LEAD_UNIT:
        return list(active.filter(unit=task.lead_unit, role=Role.UNIT_OFFICER))
    if audience == Audience.COORDINATORS:
        return list(active.filter(unit__in=task.coordinating_units.all(), role=Role.UNIT_OFFICER))
    if audience == Audience.MONITORS:
        return [u for u in task.monitoring_officers.all() if u.is_active]
    if audience == Audience.UNIT_HEAD:
        return list(active.filter(unit=task.lead_unit, role=Role.UNIT_HEAD))
    if audience == Audience.OFFICE_LEADERS:
        return list(active.filter(role=Role.OFFICE_LEADER))
    if audience == Audience.REGISTRARS:
        return list(active.filter(role=Role.OFFICE_CLERK))
    raise ValueError(audience)


def due_on(today: datetime.date) -> list[Due]:
    out = []
    # Report due dates are not a task's field: reporting/reminders.py walks those rules.
    for rule in ReminderRule.objects.filter(active=True).exclude(date_field=DateField.REPORT_DUE):
        for task in tasks_for(rule, today):
            seen = set()
            for audience in rule.audience_list():
                for user in recipients(task, audience):
                    if user.pk not in seen:
                        seen.add(user.pk)
                        out.append(Due(rule, task, user))
    return out


def message(due: Due, today: datetime.date) -> str:
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
                rule=due.rule, task=due.task, day=today, recipient=due.recipient
            )
            if not created:
                continue
            notify([due.recipient], message(due, today), task=due.task, subject=_("Nhắc việc"), email=email)
            sent += 1
    return sent
