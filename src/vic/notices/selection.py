"""Which tasks an urging notice lists: the unit's overdue and soon-due tasks that the issuer follows.

Status comes from the one definition (`Task.objects.with_status`, tasks/status.py); "due soon" is the
task list's "Sắp đến hạn" condition: within the deadline, effective deadline within N working days.
Who may list which tasks: the followers' rule of the permission matrix (Task.objects.monitored_by,
docs/decisions/0007-permission-matrix.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from vic.tasks.models import Task
from vic.tasks.permissions import FOLLOWING_ROLES, role_of
from vic.tasks.status import OVERDUE, WITHIN, Status, days_overdue, due_soon_q, facts_of
from vic.units.models import Role

# Who may issue notices: those who follow tasks for the Office and its leaders (not the clerk, not the IT
# administrator, not the provincial leaders, who have the Office do it; never a unit).
ISSUER_ROLES = {Role.MONITORING_OFFICER, Role.OFFICE_DEPARTMENT_HEAD, Role.OFFICE_LEADER}


def may_issue(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and role_of(user) in ISSUER_ROLES)


def followed_by(user, qs):
    """A monitoring officer or department head: the tasks they follow (Task.objects.monitored_by); an
    Office leader: every task."""
    return qs.monitored_by(user) if role_of(user) in FOLLOWING_ROLES else qs


def urgeable(user, today: datetime.date, window_days: int):
    """Tasks `user` may urge on `today`: overdue, or due within `window_days` working days; status annotated."""
    if not may_issue(user):
        return Task.objects.none()
    qs = Task.objects.visible_to(user).with_status(today)
    qs = qs.filter(Q(status__in=OVERDUE) | due_soon_q(today, window_days))
    return followed_by(user, qs)


def tasks_for_unit(user, unit, today: datetime.date, window_days: int):
    """The tasks a notice to `unit` may list, most overdue first (the order of the notice's table)."""
    return (
        urgeable(user, today, window_days)
        .filter(lead_unit=unit)
        .select_related("directive", "directive__kind")
        .order_by("effective_deadline", "pk")
    )


@dataclass(frozen=True)
class Row:
    """One line of the notice's table, as of `today`."""

    task: Task
    status: Status
    overdue: bool
    days_overdue: int
    days_left: int


def rows_of(tasks, today: datetime.date) -> list[Row]:
    out = []
    for task in tasks:
        status = Status(task.status)
        late = days_overdue(facts_of(task), today)
        out.append(
            Row(
                task=task,
                status=status,
                overdue=status in OVERDUE,
                days_overdue=late,
                days_left=max(0, (task.effective_deadline - today).days),
            )
        )
    return out


@dataclass(frozen=True)
class UnitSummary:
    unit_id: int
    overdue: int
    due_soon: int


def summary_by_unit(user, today: datetime.date, window_days: int) -> list[UnitSummary]:
    """Units with something to urge, most overdue first: one grouped query."""
    rows = (
        urgeable(user, today, window_days)
        .values("lead_unit")
        .annotate(
            overdue=Count("pk", filter=Q(status__in=OVERDUE)),
            due_soon=Count("pk", filter=Q(status__in=WITHIN)),
        )
        .order_by("-overdue", "-due_soon", "lead_unit")
    )
    return [UnitSummary(r["lead_unit"], r["overdue"], r["due_soon"]) for r in rows]


def last_notice_by_unit(user, unit_ids) -> dict[int, datetime.datetime]:
    from .models import UrgingNotice

    rows = (
        UrgingNotice.objects.visible_to(user)
        .filter(unit_id__in=list(unit_ids))
        .values("unit_id")
        .annotate(last=Max("issued_at"))
    )
    return {r["unit_id"]: r["last"] for r in rows}
