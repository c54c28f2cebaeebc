"""A task's status (R-4.7, DOMAIN "Status") — one definition with two faces.

`derive_status` is a pure function of a task's facts and a date; `status_expression` is the same rule as
a SQL CASE for lists, counts and reports. tests/tasks/test_status.py checks that they agree.

A status as of a past day uses the facts known then (DOMAIN "Decisions"), the deadline included: an
extension decided later does not turn last month's overdue task into one within its deadline.
`deadline_as_of` (Python) and `as_of_expression` (SQL) give the deadline in force at a day's end.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from vic.core import clock


class Status(models.TextChoices):
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    IN_PROGRESS_WITHIN = "in_progress_within", _("Đang thực hiện trong hạn")
    IN_PROGRESS_OVERDUE = "in_progress_overdue", _("Đang thực hiện quá hạn")
    NOT_STARTED_WITHIN = "not_started_within", _("Chưa thực hiện trong hạn")
    NOT_STARTED_OVERDUE = "not_started_overdue", _("Chưa thực hiện quá hạn")
    DONE_NO_DEADLINE = "done_no_deadline", _("Hoàn thành (không thời hạn)")
    IN_PROGRESS_NO_DEADLINE = "in_progress_no_deadline", _("Đang thực hiện (không thời hạn)")
    NOT_STARTED_NO_DEADLINE = "not_started_no_deadline", _("Chưa thực hiện (không thời hạn)")
    RETURNED = "returned", _("Đã trả lại")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")
    DRAFT = "draft", _("Chưa chuyển giao")


# The six statuses that national reports count, in report order.
SIX = [
    Status.DONE_ON_TIME,
    Status.DONE_LATE,
    Status.IN_PROGRESS_WITHIN,
    Status.IN_PROGRESS_OVERDUE,
    Status.NOT_STARTED_WITHIN,
    Status.NOT_STARTED_OVERDUE,
]
NO_DEADLINE = [Status.DONE_NO_DEADLINE, Status.IN_PROGRESS_NO_DEADLINE, Status.NOT_STARTED_NO_DEADLINE]
OVERDUE = [Status.IN_PROGRESS_OVERDUE, Status.NOT_STARTED_OVERDUE]
WITHIN = [Status.IN_PROGRESS_WITHIN, Status.NOT_STARTED_WITHIN]
# On-time rate = done on time ÷ these (DOMAIN "Decisions"): the tasks whose timeliness is already settled.
RATE_DENOMINATOR = [Status.DONE_ON_TIME, Status.DONE_LATE, *OVERDUE]
OPEN = [
    Status.IN_PROGRESS_WITHIN,
    Status.IN_PROGRESS_OVERDUE,
    Status.NOT_STARTED_WITHIN,
    Status.NOT_STARTED_OVERDUE,
    Status.IN_PROGRESS_NO_DEADLINE,
    Status.NOT_STARTED_NO_DEADLINE,
]
# One palette everywhere (SCREENS.md): CSS class suffix and hex colour for charts and exports.
COLOURS = {
    Status.DONE_ON_TIME: "#198754",
    Status.DONE_LATE: "#5c7a29",
    Status.IN_PROGRESS_WITHIN: "#0d6efd",
    Status.IN_PROGRESS_OVERDUE: "#dc3545",
    Status.NOT_STARTED_WITHIN: "#6c757d",
    Status.NOT_STARTED_OVERDUE: "#842029",
    Status.DONE_NO_DEADLINE: "#6f8f72",
    Status.IN_PROGRESS_NO_DEADLINE: "#6ea8fe",
    Status.NOT_STARTED_NO_DEADLINE: "#adb5bd",
    Status.RETURNED: "#8d6e63",
    Status.WITHDRAWN: "#9e9e9e",
    Status.DRAFT: "#b0bec5",
}


@dataclass(frozen=True)
class Facts:
    delivered_on: datetime.date | None
    effective_deadline: datetime.date | None
    started_on: datetime.date | None = None
    completed_on: datetime.date | None = None
    returned_on: datetime.date | None = None
    withdrawn_on: datetime.date | None = None


def _known(day: datetime.date | None, today: datetime.date) -> bool:
    """A fact counts from its date on: evaluating as of an earlier date ignores later facts."""
    return day is not None and day <= today


def derive_status(f: Facts, today: datetime.date) -> Status:
    if _known(f.withdrawn_on, today):
        return Status.WITHDRAWN
    if not _known(f.delivered_on, today):
        return Status.DRAFT
    if _known(f.returned_on, today):
        return Status.RETURNED
    if _known(f.completed_on, today):
        if f.effective_deadline is None:
            return Status.DONE_NO_DEADLINE
        return Status.DONE_ON_TIME if f.completed_on <= f.effective_deadline else Status.DONE_LATE
    started = _known(f.started_on, today)
    if f.effective_deadline is None:
        return Status.IN_PROGRESS_NO_DEADLINE if started else Status.NOT_STARTED_NO_DEADLINE
    # Within the deadline on the deadline day itself (DOMAIN "Decisions").
    overdue = today > f.effective_deadline
    if started:
        return Status.IN_PROGRESS_OVERDUE if overdue else Status.IN_PROGRESS_WITHIN
    return Status.NOT_STARTED_OVERDUE if overdue else Status.NOT_STARTED_WITHIN


def deadline_as_of(task, day: datetime.date) -> datetime.date | None:
    """The effective deadline in force at the end of `day`: the one a later change replaced, else today's.
    Reads the task's deadline history only for a past day."""
    if day >= clock.today():
        return task.effective_deadline
    later = task.deadline_changes.filter(decided_at__gte=clock.end_of(day)).order_by("decided_at", "id")
    first = later.values_list("old_effective_deadline", flat=True)[:1]
    return first[0] if first else task.effective_deadline


def as_of_expression(day: datetime.date, field: str = "effective_deadline"):
    """The SQL face of `deadline_as_of`: the task's `field` ("effective_deadline", or "deadline" as written)
    in force at the end of `day`, for `.annotate(effective_as_of=...)`."""
    if day >= clock.today():
        return F(field)  # no change is dated after today: no subquery on everyday lists
    from .models import DeadlineChange

    later = DeadlineChange.objects.filter(task_id=OuterRef("pk"), decided_at__gte=clock.end_of(day))
    first = later.order_by("decided_at", "id").values(f"old_{field}")[:1]
    return Case(When(Exists(later), then=Subquery(first)), default=F(field), output_field=models.DateField())


def facts_of(task, day: datetime.date | None = None) -> Facts:
    """The task's facts; with `day`, the deadline is the one in force at its end."""
    return Facts(
        delivered_on=task.delivered_on,
        effective_deadline=task.effective_deadline if day is None else deadline_as_of(task, day),
        started_on=task.started_on,
        completed_on=task.completed_on,
        returned_on=task.returned_on,
        withdrawn_on=task.withdrawn_on,
    )


def local_today() -> datetime.date:
    return clock.today()


def status_of_task(task, today: datetime.date | None = None) -> Status:
    today = today or local_today()
    return derive_status(facts_of(task, today), today)


def days_overdue(f: Facts, today: datetime.date) -> int:
    """Calendar days past the effective deadline (what reports quote); 0 when not overdue."""
    if f.effective_deadline is None:
        return 0
    end = f.completed_on if _known(f.completed_on, today) else today
    return max(0, (end - f.effective_deadline).days)


def _known_q(field: str, today: datetime.date) -> Q:
    return Q(**{f"{field}__isnull": False, f"{field}__lte": today})


def status_expression(today: datetime.date, deadline: str = "effective_deadline") -> Case:
    """The SQL face of `derive_status`, for `.annotate(status=...)`; `deadline` names the effective deadline
    to judge by (a field, or the `effective_as_of` annotation of `with_status`)."""
    done = _known_q("completed_on", today)
    started = _known_q("started_on", today)
    no_deadline = Q(**{f"{deadline}__isnull": True})
    overdue = Q(**{f"{deadline}__lt": today})
    return Case(
        When(_known_q("withdrawn_on", today), then=Value(Status.WITHDRAWN.value)),
        When(~_known_q("delivered_on", today), then=Value(Status.DRAFT.value)),
        When(_known_q("returned_on", today), then=Value(Status.RETURNED.value)),
        When(done & no_deadline, then=Value(Status.DONE_NO_DEADLINE.value)),
        When(done & Q(completed_on__lte=F(deadline)), then=Value(Status.DONE_ON_TIME.value)),
        When(done, then=Value(Status.DONE_LATE.value)),
        When(started & no_deadline, then=Value(Status.IN_PROGRESS_NO_DEADLINE.value)),
        When(no_deadline, then=Value(Status.NOT_STARTED_NO_DEADLINE.value)),
        When(started & overdue, then=Value(Status.IN_PROGRESS_OVERDUE.value)),
        When(started, then=Value(Status.IN_PROGRESS_WITHIN.value)),
        When(overdue, then=Value(Status.NOT_STARTED_OVERDUE.value)),
        default=Value(Status.NOT_STARTED_WITHIN.value),
        output_field=models.CharField(),
    )


def due_soon_limit(today: datetime.date, working_days: int | None = None) -> datetime.date:
    """The last deadline that counts as "sắp đến hạn" on `today`: `working_days` ahead (by default
    VIC_DUE_SOON_WORKING_DAYS; an urging notice chooses its own window)."""
    from django.conf import settings

    from vic.calendar.services import add_working_days

    return add_working_days(
        today, settings.VIC_DUE_SOON_WORKING_DAYS if working_days is None else working_days
    )


def is_due_soon(status: str, effective_deadline: datetime.date | None, today: datetime.date) -> bool:
    """The orange marker on top of a status (SCREENS.md): open, within its deadline, and the deadline near."""
    return status in WITHIN and effective_deadline is not None and effective_deadline <= due_soon_limit(today)


def due_soon_q(today: datetime.date, working_days: int | None = None) -> Q:
    """The SQL face of `is_due_soon`, over a queryset annotated `with_status(today)`."""
    return Q(status__in=WITHIN, effective_deadline__lte=due_soon_limit(today, working_days))
