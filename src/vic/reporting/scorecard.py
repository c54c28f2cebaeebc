"""Compliance scorecard (R-14.2, issue 5.6): how each unit applies the regulation in one report period, and
how fast the Office registers tasks.

Per unit, three rates in percent (None when there was nothing to measure):
- tasks on time: the on-time rate of the period's window (figures, DOMAIN "Decisions");
- progress in time: of the (task, monthly window) pairs where the task, led by the unit, was delivered by
  the window's first day and still open at its last, the share with at least one progress update sent
  (submitted or accepted) and dated within the window. Only windows that have closed are judged;
- reports in time: of the reports the unit owed (obligations: it led a task their window counts) whose due
  date falls in the window and has passed, the share sent by the due date (its first version counts: a
  correction sent later does not make it late).
The composite score is the mean of the rates available, and the ranking orders units by it.
Aggregation is in SQL: one grouped query for the on-time rates, one per monthly window, one for reports.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from vic.calendar.services import roll_forward
from vic.tasks.models import Submission, SubmissionKind, Task
from vic.tasks.querysets import DELIVERED_IN_TIME, DELIVERED_LATE
from vic.tasks.status import OPEN
from vic.units.models import Unit, UnitKind

from . import figures
from .figures import one_decimal, percent
from .models import PERIODIC, PeriodSetting, UnitReport
from .obligations import expected_units
from .periods import DEFAULT_RULES, PeriodKind, Window, parse, periods_of_year, window

LATE_LIST_LIMIT = 200


share = percent


@dataclass
class UnitScore:
    unit: Unit
    on_time_rate: float | None = None
    rated: int = 0  # the on-time rate's denominator
    progress_pairs: int = 0
    progress_updated: int = 0
    reports_on_time: int = 0
    reports_late: int = 0
    reports_missing: int = 0
    rank: int | None = None

    @property
    def progress_rate(self) -> float | None:
        return share(self.progress_updated, self.progress_pairs)

    @property
    def reports_rate(self) -> float | None:
        return share(self.reports_on_time, self.reports_on_time + self.reports_late + self.reports_missing)

    @property
    def composite(self) -> float | None:
        """The mean of the rates available (a unit with nothing to measure has no score)."""
        rates = [r for r in (self.on_time_rate, self.progress_rate, self.reports_rate) if r is not None]
        return one_decimal(sum(rates) / len(rates)) if rates else None


def monthly_windows(w: Window, today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The monthly report windows overlapping `w` (cut to it) that have closed by `today`."""
    rule = rules().get(PeriodKind.MONTHLY, DEFAULT_RULES[PeriodKind.MONTHLY])
    out = []
    for year in range(w.start.year, w.end.year + 2):
        for p in periods_of_year(PeriodKind.MONTHLY, year):
            m = window(p, rule)
            start, end = max(m.start, w.start), min(m.end, w.end)
            if start <= end and end < today:
                out.append((start, end))
    return out


def progress_in_time(qs, months) -> dict[int, tuple[int, int]]:
    """{lead unit id: (pairs, pairs with an update)}, one grouped query per monthly window."""
    out: dict[int, tuple[int, int]] = {}
    for start, end in months:
        updated = Submission.objects.filter(
            task_id=OuterRef("pk"),
            kind=SubmissionKind.PROGRESS,
            state__in=figures.SENT,
            reported_on__gte=start,
            reported_on__lte=end,
        )
        rows = (
            figures.population(qs, start, end)
            .filter(delivered_on__lte=start, status__in=[s.value for s in OPEN])
            .annotate(updated=Exists(updated))
            .values("lead_unit_id")
            .annotate(pairs=Count("id"), with_update=Count("id", filter=Q(updated=True)))
            .order_by()
        )
        for r in rows:
            pairs, with_update = out.get(r["lead_unit_id"], (0, 0))
            out[r["lead_unit_id"]] = (pairs + r["pairs"], with_update + r["with_update"])
    return out


def rules() -> dict[str, object]:
    """Every kind's rule in one query (periods.rule_for reads one row per call)."""
    return {**DEFAULT_RULES, **{row.kind: row.rule() for row in PeriodSetting.objects.all()}}


def reports_due(w: Window, by_kind: dict | None = None) -> list[tuple[str, str, datetime.date]]:
    """(kind, period label, unit due date in force) of the periodic reports due within `w`."""
    by_kind = by_kind or rules()
    out = []
    for kind, _label in PERIODIC:
        for year in range(w.start.year, w.end.year + 1):
            for p in periods_of_year(kind, year):
                due = roll_forward(window(p, by_kind[kind]).unit_due)
                if w.contains(due):
                    out.append((kind, p.label, due))
    return out


@dataclass(frozen=True)
class ReportOwed:
    """One periodic report falling due in a window, and the units it is asked of: those expected to send
    it (obligations.expected_units) and any that sent it anyway."""

    kind: str
    label: str
    due: datetime.date
    unit_ids: frozenset[int]


def reports_owed(w: Window, by_kind: dict | None = None) -> list[ReportOwed]:
    """The reports falling due in `w`, each with who owes it: one query per report (a handful), never per
    unit. A unit is judged only on the reports it owed, so one with no task in a window is not charged."""
    by_kind = by_kind or rules()
    due = reports_due(w, by_kind)
    sent: dict[tuple[str, str], set[int]] = {}
    if due:
        rows = UnitReport.objects.filter(
            kind__in={k for k, *_ in due}, period__in={p for _, p, _ in due}, submitted_at__isnull=False
        )
        for unit_id, kind, label in rows.values_list("unit_id", "kind", "period").distinct():
            sent.setdefault((kind, label), set()).add(unit_id)
    out = []
    for kind, label, day in due:
        expected = expected_units(window(parse(kind, label), by_kind[kind])).values_list("pk", flat=True)
        out.append(ReportOwed(kind, label, day, frozenset(expected) | sent.get((kind, label), set())))
    return out


def report_timeliness(owed: list[ReportOwed], today: datetime.date) -> dict[int, tuple[int, int, int]]:
    """{unit id: (on time, late, missing)} over the reports it owed whose due date has passed."""
    due = [r for r in owed if r.due < today]
    unit_ids = set().union(*(r.unit_ids for r in due)) if due else set()
    if not unit_ids:
        return {}
    sent = {
        (r["unit_id"], r["kind"], r["period"]): timezone.localdate(r["first"])
        for r in UnitReport.objects.filter(
            unit_id__in=unit_ids, kind__in={r.kind for r in due}, period__in={r.label for r in due}
        )
        .filter(submitted_at__isnull=False)
        .values("unit_id", "kind", "period")
        .annotate(first=Min("submitted_at"))
        .order_by()
    }
    out = {}
    for uid in unit_ids:
        days = [(sent.get((uid, r.kind, r.label)), r.due) for r in due if uid in r.unit_ids]
        on_time = sum(1 for day, due_on in days if day and day <= due_on)
        missing = sum(1 for day, _due_on in days if day is None)
        out[uid] = (on_time, len(days) - on_time - missing, missing)
    return out


def rank(scores: list[UnitScore]) -> list[UnitScore]:
    """Best composite first (ties share a rank, 1, 1, 3); units without a score last, unranked."""
    scores.sort(key=lambda s: (s.composite is None, -(s.composite or 0), s.unit.order, s.unit.name))
    for i, s in enumerate(scores):
        if s.composite is None:
            break
        s.rank = scores[i - 1].rank if i and scores[i - 1].composite == s.composite else i + 1
    return scores


def unit_scores(qs, w: Window, today: datetime.date) -> list[UnitScore]:
    end = min(w.end, today)  # statuses of a future date would call tasks overdue before their time
    table = figures.table(qs, w.start, end, by="unit")
    progress = progress_in_time(qs, monthly_windows(w, today))
    owed = reports_owed(w)
    owing = set().union(*(r.unit_ids for r in owed)) if owed else set()
    units = Unit.objects.filter(pk__in=set(table) | set(progress) | owing).exclude(kind=UnitKind.EXTERNAL)
    reports = report_timeliness(owed, today)
    scores = []
    for unit in units:
        row = table.get(unit.pk, figures.Row())
        s = UnitScore(
            unit, on_time_rate=row.on_time_rate, rated=sum(row.count(x) for x in figures.RATE_DENOMINATOR)
        )
        s.progress_pairs, s.progress_updated = progress.get(unit.pk, (0, 0))
        s.reports_on_time, s.reports_late, s.reports_missing = reports.get(unit.pk, (0, 0, 0))
        scores.append(s)
    return rank(scores)


@dataclass
class Registration:
    department: Unit | None
    delivered: int
    in_time: int

    @property
    def late(self) -> int:
        return self.delivered - self.in_time

    @property
    def rate(self) -> float | None:
        return share(self.in_time, self.delivered)


@dataclass
class OfficeScore:
    departments: list[Registration] = field(default_factory=list)
    late: list = field(default_factory=list)

    @property
    def total(self) -> Registration:
        return Registration(
            None, sum(d.delivered for d in self.departments), sum(d.in_time for d in self.departments)
        )


def registrations(qs, w: Window) -> OfficeScore:
    """R-5.1 per Office department: tasks delivered in the window, and those delivered by their delivery
    due day (one working day from arising; urgent: the same day). One grouped query, one for the list."""
    delivered = qs.filter(first_delivered_on__gte=w.start, first_delivered_on__lte=w.end)
    rows = (
        delivered.values("monitoring_department_id")
        .annotate(n=Count("id"), in_time=Count("id", filter=DELIVERED_IN_TIME))
        .order_by()
    )
    departments = Unit.objects.in_bulk(
        [r["monitoring_department_id"] for r in rows if r["monitoring_department_id"]]
    )
    out = OfficeScore(
        departments=sorted(
            (
                Registration(departments.get(r["monitoring_department_id"]), r["n"], r["in_time"])
                for r in rows
            ),
            key=lambda d: (d.department is None, d.department.name if d.department else ""),
        ),
        late=list(
            delivered.filter(DELIVERED_LATE)
            .select_related("directive", "lead_unit", "monitoring_department", "registered_by")
            .order_by("monitoring_department_id", "first_delivered_on", "id")[:LATE_LIST_LIMIT]
        ),
    )
    for task in out.late:
        task.days_late = (task.first_delivered_on - task.delivery_due_on).days
    return out


def scorecard(user, w: Window, today: datetime.date) -> tuple[list[UnitScore], OfficeScore]:
    qs = Task.objects.visible_to(user)
    return unit_scores(qs, w, today), registrations(qs, w)
