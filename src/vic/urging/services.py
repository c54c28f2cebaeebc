"""Which reminders are due on a day, and sending them once (the dispatch log is the idempotency key)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from vic.calendar.services import add_working_days, is_working_day, working_days_between
from vic.tasks.models import Task
from vic.tasks.status import OPEN, Status
from vic.units.models import Role, User

from .models import Audience, DateField, Dispatch, ReminderRule, Timing
from .notify import excerpt, notify

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    """One reminder to send: about a task, or about a unit's periodic report (`report`, a
    reporting.reminders.ReportDue; then `task` is None)."""

    rule: ReminderRule
    task: Task | None
    recipient: User
    report: object = None
    # The unit's own audience has no account to tell (no head, no officer): the Office is told instead.
    unreachable: object = None

    @property
    def key(self) -> dict:
        """What the dispatch log keys this reminder by, beside rule, day and recipient."""
        if self.report is not None:
            return {"task": None, "unit": self.report.unit, "report": self.report.key}
        return {"task": self.task}

    def line(self) -> str:
        if self.report is not None:
            return self.report.line()
        return f"#{self.task.pk} {excerpt(self.task.content, 60)}"


def _candidates(rule: ReminderRule, today: datetime.date):
    """The tasks a rule may speak about, with the facts as they stood on `today` (so `vic remind --today`
    on a past day lists what was open then)."""
    qs = Task.objects.with_status(today)
    if rule.date_field == DateField.DELIVERY:  # the Office's own duty: tasks not yet delivered
        return qs.filter(status=Status.DRAFT)
    return qs.filter(status__in=OPEN)


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
    qs = _candidates(rule, today)
    if rule.timing == Timing.BEFORE:
        qs = qs.filter(**{field: add_working_days(today, rule.working_days)})
    elif rule.timing == Timing.ON_DAY:
        qs = qs.filter(**{field: today})
    else:
        # Overdue timings test each date in Python (working-day arithmetic): read ids and dates only, then
        # load the matches in chunks (SQLite caps the parameters of one query).
        late = qs.filter(**{f"{field}__lt": today}).values_list("pk", field).order_by("pk")
        ids = [pk for pk, day in late if matches(rule, day, today)]
        return [
            t
            for i in range(0, len(ids), 2000)
            for t in _loaded(Task.objects.filter(pk__in=ids[i : i + 2000]))
        ]
    return _loaded(qs)


def _loaded(qs) -> list[Task]:
    return list(
        qs.select_related("lead_unit")
        .prefetch_related("monitoring_officers", "coordinating_units")
        .order_by("pk")
    )


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


def recipients(task: Task, audience: str, cache: dict | None = None) -> list[User]:
    """`cache`: one scan asks for the same unit's people (and the Office's) for many tasks."""
    if cache is not None:
        key = (task.lead_unit_id, audience)
        if key not in cache:
            cache[key] = unit_audience(task.lead_unit, audience)
        people = cache[key]
    else:
        people = unit_audience(task.lead_unit, audience)
    if people is not None:
        return people
    if audience == Audience.COORDINATORS:
        active = User.objects.filter(is_active=True)
        return list(active.filter(unit__in=task.coordinating_units.all(), role=Role.UNIT_OFFICER))
    if audience == Audience.MONITORS:
        from .fanout import monitors  # fanout imports this module

        named = [u for u in task.monitoring_officers.all() if u.is_active]
        if named or cache is None:
            return named or monitors(task)
        # Nobody named: the same followers the task's notifications reach (fanout.monitors), asked once
        # per department and registrar in a scan.
        key = ("followers", task.monitoring_department_id, task.registered_by_id)
        if key not in cache:
            cache[key] = monitors(task)
        return cache[key]
    raise ValueError(audience)


def _subjects(rule: ReminderRule, today: datetime.date) -> list[tuple[Task | None, object]]:
    """(task, report) pairs `rule` speaks about: tasks, or — report due dates being no task's field — the
    unsent unit reports reporting/reminders.py finds with the same timing test."""
    if rule.date_field == DateField.REPORT_DUE:
        from vic.reporting.reminders import reports_for

        return [(None, report) for report in reports_for(rule, today, matches)]
    return [(task, None) for task in tasks_for(rule, today)]


UNIT_AUDIENCES = (Audience.LEAD_UNIT, Audience.UNIT_HEAD)


def office_instead(task: Task | None, cache: dict) -> list[User]:
    """Who hears of a reminder its unit has nobody to receive: those following the task (fanout.monitors:
    named officers, else its department's, else who registered it, else the clerks); for a unit's report,
    the Office's registrars (who create the unit's accounts)."""
    if task is not None:
        return recipients(task, Audience.MONITORS, cache)
    return cache.setdefault((None, Audience.REGISTRARS), unit_audience(None, Audience.REGISTRARS))


def due_on(today: datetime.date) -> list[Due]:
    out = []
    cache: dict = {}
    for rule in ReminderRule.objects.filter(active=True):
        try:
            subjects = list(_subjects(rule, today))
        except (ValueError, OverflowError):
            # A rule saved before its limits (a number of days past the calendar's end) stops only itself.
            log.error("Reminder rule %s (%s) cannot be computed on %s: skipped", rule.pk, rule.name, today)
            continue
        for task, report in subjects:
            seen, unreachable = set(), None
            for audience in rule.audience_list():
                people = report.recipients(audience) if report else recipients(task, audience, cache)
                if not people and audience in UNIT_AUDIENCES:
                    unreachable = report.unit if report else task.lead_unit
                for user in people:
                    if user.pk not in seen:
                        seen.add(user.pk)
                        out.append(Due(rule, task, user, report))
            if unreachable is not None:
                for user in office_instead(task, cache):
                    if user.pk not in seen:
                        seen.add(user.pk)
                        out.append(Due(rule, task, user, report, unreachable=unreachable))
    return out


def message(due: Due, today: datetime.date) -> str:
    text = _message(due)
    if due.unreachable is not None:
        return (
            _(
                "%(unit)s chưa có tài khoản nhận lượt nhắc này (thủ trưởng hoặc cán bộ đầu mối): hãy báo đơn vị. "
            )
            % {"unit": due.unreachable}
            + text
        )
    return text


def _message(due: Due) -> str:
    if due.report is not None:
        return due.report.message(due.rule)
    from vic.reporting.deadlines import shown

    task = due.task
    day = getattr(task, due.rule.date_field)
    if due.rule.date_field == DateField.DEADLINE:
        # As the directive wrote it, with the working day it rolls to: "28/02/2026 (tính đến 02/03/2026)".
        written = shown(task)
    else:
        written = day.strftime("%d/%m/%Y") if day else "—"
    return _("[%(rule)s] Nhiệm vụ #%(id)s “%(content)s” — %(field)s: %(day)s.") % {
        "rule": due.rule.name,
        "id": task.pk,
        "content": excerpt(task.content, 120),
        "field": DateField(due.rule.date_field).label,
        "day": written or "—",
    }


def _sent_keys(today: datetime.date) -> set[tuple]:
    """The day's dispatch log, read once: a rerun (every 15 minutes) skips what went out without a query each."""
    rows = Dispatch.objects.filter(day=today).values_list(
        "rule_id", "recipient_id", "task_id", "unit_id", "report"
    )
    return set(rows)


def _key_of(due: Due) -> tuple:
    key = due.key
    unit = key.get("unit")
    return (due.rule.pk, due.recipient.pk, key["task"].pk if key["task"] else None, unit.pk if unit else None,
            key.get("report", ""))  # fmt: skip


def pending_on(today: datetime.date) -> tuple[list[Due], list[Due]]:
    """The reminders due on `today`, and those of them the dispatch log does not hold yet."""
    due = due_on(today)
    done = _sent_keys(today)
    return due, [d for d in due if _key_of(d) not in done]


def send(today: datetime.date, email: bool = True) -> int:
    """Send what is due today; a second run the same day sends nothing (one Dispatch row per key; the unique
    key, not the pre-read, is what keeps two workers from both sending)."""
    sent = 0
    for due in pending_on(today)[1]:
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
