"""The numbers every report, dashboard and export shows, aggregated in SQL (one grouped query a table).

Population (DOMAIN "Decisions"): a report for the window [start, end] counts the tasks delivered on or
before `end`, not withdrawn, not returned and not completed before `start`, each with its status as of
`end`, the deadline included: the one in force at `end` (docs/decisions/0008-report-population.md); a
unit's submitted report keeps the figures it was sent with.
On-time rate = done on time ÷ (done on time + done late + in progress overdue + not started overdue).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, F, OuterRef, Q, Subquery, TextField, When

from vic.core import clock
from vic.tasks.models import Submission, SubmissionKind, SubmissionState
from vic.tasks.status import NO_DEADLINE, OVERDUE, RATE_DENOMINATOR, SIX, Status

# The statuses a report counts, in column order.
COLUMNS = [*SIX, *NO_DEADLINE]
LEFT_OUT = [Status.WITHDRAWN.value, Status.RETURNED.value, Status.DRAFT.value]
SENT = [SubmissionState.SUBMITTED, SubmissionState.ACCEPTED]

# What a table can be grouped by: the path of the value on Task.
GROUPS = {
    "unit": "lead_unit_id",
    "department": "monitoring_department_id",
    "officer": "monitoring_officers",
    "leader": "assigning_leader_id",
}


# Tasks without a date after the dated ones, on SQLite as on PostgreSQL (their defaults differ).
BY_DEADLINE = F("effective_deadline").asc(nulls_last=True)


def as_of(end: datetime.date) -> datetime.date:
    """The date a window is judged on: its end, or today while it is still open (a status "as of" a future
    day would call tasks overdue before their time)."""
    return min(end, clock.today())


def population(qs, start: datetime.date, end: datetime.date):
    """The tasks of `qs` a report for [start, end] counts, annotated with `status` as of `end`."""
    return (
        qs.filter(delivered_on__isnull=False, delivered_on__lte=end)
        .exclude(completed_on__lt=start)
        .with_status(end)
        .exclude(status__in=LEFT_OUT)
    )


def one_decimal(value: float) -> float:
    """Rounded half up, as officials and Excel's ROUND do (31.25 → 31.3; Python's round() gives 31.2)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent(part: int, whole: int) -> float | None:
    """`part` of `whole` in percent, one decimal; None when there is no whole."""
    return one_decimal(100.0 * part / whole) if whole else None


def rate(counts: dict[str, int]) -> float | None:
    """On-time rate in percent (one decimal), None when nothing was due (no denominator)."""
    due = sum(counts.get(s, 0) for s in RATE_DENOMINATOR)
    return percent(counts.get(Status.DONE_ON_TIME, 0), due)


@dataclass
class Row:
    """One line of a report table: counts per status, and what happened within the window."""

    key: object = None
    counts: dict[str, int] = field(default_factory=dict)
    delivered_in_window: int = 0
    completed_in_window: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return sum(
            self.counts.get(s, 0) for s in (Status.DONE_ON_TIME, Status.DONE_LATE, Status.DONE_NO_DEADLINE)
        )

    @property
    def overdue(self) -> int:
        return sum(self.counts.get(s, 0) for s in OVERDUE)

    @property
    def no_deadline(self) -> int:
        return sum(self.counts.get(s, 0) for s in NO_DEADLINE)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.counts)

    def count(self, status) -> int:
        return self.counts.get(status, 0)

    def add(self, other: Row) -> None:
        for s, n in other.counts.items():
            self.counts[s] = self.counts.get(s, 0) + n
        self.delivered_in_window += other.delivered_in_window
        self.completed_in_window += other.completed_in_window

    def as_dict(self) -> dict:
        return {
            "counts": {str(s): self.count(s) for s in COLUMNS},
            "total": self.total,
            "delivered_in_window": self.delivered_in_window,
            "completed_in_window": self.completed_in_window,
            "on_time_rate": self.on_time_rate,
        }


def table(qs, start: datetime.date, end: datetime.date, by: str | None = "unit") -> dict[object, Row]:
    """{group key: Row} for the population of `qs` in [start, end], in one grouped query.

    `by` is a key of GROUPS (None: one row for everything, under the key None)."""
    path = GROUPS[by] if by else None
    values = [path, "status"] if path else ["status"]
    rows = (
        population(qs, start, end)
        .values(*values)
        .annotate(
            n=Count("id", distinct=by == "officer"),
            delivered_in=Count("id", filter=Q(delivered_on__gte=start), distinct=by == "officer"),
            completed_in=Count(
                "id", filter=Q(completed_on__gte=start, completed_on__lte=end), distinct=by == "officer"
            ),
        )
        .order_by()
    )
    out: dict[object, Row] = {}
    for r in rows:
        row = out.setdefault(r[path] if path else None, Row(key=r[path] if path else None))
        row.counts[r["status"]] = row.counts.get(r["status"], 0) + r["n"]
        row.delivered_in_window += r["delivered_in"]
        row.completed_in_window += r["completed_in"]
    return out


def totals(rows: dict[object, Row]) -> Row:
    total = Row(key="total")
    for row in rows.values():
        total.add(row)
    return total


def latest_reason(end: datetime.date) -> Subquery:
    """The unit's latest explanation of delay sent by `end` (a giải trình, or the reasons given with an
    overdue progress update)."""
    reasons = (
        Submission.objects.filter(task_id=OuterRef("pk"), state__in=SENT, reported_on__lte=end)
        .filter(Q(kind=SubmissionKind.EXPLANATION) | ~Q(explanation=""))
        .annotate(
            reason=Case(
                When(kind=SubmissionKind.EXPLANATION, then=F("text")),
                default=F("explanation"),
                output_field=TextField(),
            )
        )
        .order_by("-reported_on", "-id")
        .values("reason")[:1]
    )
    return Subquery(reasons, output_field=TextField())


def overdue_tasks(qs, start: datetime.date, end: datetime.date, limit: int | None = None) -> list:
    """The overdue tasks as of `end`, most overdue first, each with `reason` (its latest explanation) and
    `days_overdue` (calendar days past the deadline in force at `end`)."""
    tasks = (
        population(qs, start, end)
        .filter(status__in=[s.value for s in OVERDUE])
        .annotate(reason=latest_reason(end))
        .select_related("lead_unit", "directive", "assigning_leader")
        .order_by("effective_as_of", "id")
    )
    tasks = list(tasks[:limit] if limit else tasks)
    for t in tasks:
        t.days_overdue = (end - t.effective_as_of).days
    return tasks


def key_tasks(qs, start: datetime.date, end: datetime.date, limit: int | None = None) -> list:
    tasks = (
        population(qs, start, end)
        .filter(is_key=True)
        .select_related("lead_unit", "directive")
        .order_by(BY_DEADLINE, "id")
    )
    return list(tasks[:limit] if limit else tasks)


def extension_decisions(qs, start: datetime.date, end: datetime.date) -> list:
    """Extension proposals sent in the window, with their decisions (R-11.2)."""
    return list(
        Submission.objects.filter(
            task__in=qs.values("pk"),
            kind=SubmissionKind.EXTENSION,
            reported_on__gte=start,
            reported_on__lte=end,
        )
        .exclude(state__in=[SubmissionState.AWAITING_HEAD, SubmissionState.DECLINED_BY_HEAD])
        .select_related("task", "task__lead_unit", "decided_by")
        .order_by("reported_on", "id")
    )


def monthly_trend(qs, months: list[tuple[datetime.date, datetime.date]]) -> list[Row]:
    """One Row per (start, end) window, each one grouped query (12 for a year)."""
    return [totals(table(qs, start, end, by=None)) for start, end in months]
