"""What a report says, independent of its format: the compiled report (R-10) and a unit's report (R-11).

The screens, the Word and the Excel exports all read these objects, so they show the same numbers.
Every task set goes through `Task.objects.visible_to(user)`; only the command line, run by the server's
operator, passes `SYSTEM` to see the whole province.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from vic.core import clock
from vic.tasks.models import Task
from vic.units.models import Unit, UnitKind

from . import figures, snapshot
from .models import CompiledReport, ReportState, UnitReport
from .periods import Period, PeriodKind, parse, window_in_force

# The command line's user: the operator of the server sees the whole province.
SYSTEM = object()


def tasks_for(user):
    return Task.objects.all() if user is SYSTEM else Task.objects.visible_to(user)


@dataclass(frozen=True)
class Filters:
    """Ad hoc filters of the compiled report (R-10): assigning leader, lead unit, kind of directive, key."""

    leader: int | None = None
    unit: int | None = None
    directive_kind: int | None = None
    key_only: bool = False

    def apply(self, qs):
        if self.leader:
            qs = qs.filter(assigning_leader_id=self.leader)
        if self.unit:
            qs = qs.filter(lead_unit_id=self.unit)
        if self.directive_kind:
            qs = qs.filter(directive__kind_id=self.directive_kind)
        if self.key_only:
            qs = qs.filter(is_key=True)
        return qs

    def describe(self) -> list[str]:
        """The filters in words, for the report's introduction."""
        from vic.directives.models import DirectiveKind
        from vic.units.models import Leader

        out = []
        if self.leader and (leader := Leader.objects.filter(pk=self.leader).first()):
            out.append(_("lãnh đạo giao: %(name)s") % {"name": leader})
        if self.unit and (unit := Unit.objects.filter(pk=self.unit).first()):
            out.append(_("đơn vị chủ trì: %(name)s") % {"name": unit.name})
        if self.directive_kind and (kind := DirectiveKind.objects.filter(pk=self.directive_kind).first()):
            out.append(_("loại văn bản: %(name)s") % {"name": kind.name})
        if self.key_only:
            out.append(_("chỉ nhiệm vụ trọng tâm"))
        return out


@dataclass
class UnitLine:
    unit: Unit
    row: figures.Row


@dataclass
class Submission:
    """A unit's own report for the period: first sent on `sent_on` (None: not sent) against `due_on`."""

    unit: Unit
    sent_on: datetime.date | None
    due_on: datetime.date | None

    @property
    def code(self) -> str:
        if self.sent_on is None:
            return "pending" if self.due_on and clock.today() <= self.due_on else "missing"
        return "late" if self.due_on and self.sent_on > self.due_on else "on_time"

    @property
    def state(self) -> str:
        return {
            "pending": _("Chưa gửi (còn hạn)"),
            "missing": _("Chưa gửi"),
            "late": _("Gửi trễ hạn"),
            "on_time": _("Gửi đúng hạn"),
        }[self.code]

    @property
    def late(self) -> bool:
        return self.code in ("late", "missing")


@dataclass
class Compiled:
    period: Period
    start: datetime.date
    end: datetime.date
    filters: Filters
    total: figures.Row
    units: list[UnitLine]
    key_tasks: list
    overdue: list
    submissions: list[Submission] | None  # None for ad hoc reports: units send none
    narrative: CompiledReport | None
    office_due: datetime.date | None = None
    tasks: object = None  # the population (a lazy queryset with `status`), for the Excel task list
    source: object = None  # the filtered tasks, for lists Excel gives in full
    key_total: int = 0  # how many key tasks; `key_tasks` holds the first VIC_REPORT_LIST_LIMIT
    user: object = None  # who asked for it (the Word file's signer when an Office leader)

    @property
    def overdue_total(self) -> int:
        return self.total.overdue

    def all_overdue(self) -> list:
        return (
            figures.overdue_tasks(self.source, self.start, self.end)
            if self.source is not None
            else self.overdue
        )

    def all_key_tasks(self) -> list:
        return (
            figures.key_tasks(self.source, self.start, self.end)
            if self.source is not None
            else self.key_tasks
        )

    @property
    def late_units(self) -> list[Submission]:
        return [s for s in self.submissions or [] if s.late]


def started(w):
    """A period whose data window has not opened has nothing to report (and "from 15/02/2027 to today"
    would read backwards)."""
    if w.start > clock.today():
        raise ValidationError(
            _("Kỳ báo cáo %(period)s chưa bắt đầu: số liệu tính từ ngày %(day)s.")
            % {"period": w.period.title, "day": w.start.strftime("%d/%m/%Y")}
        )
    return w


def compiled(user, period: Period, filters: Filters | None = None) -> Compiled:
    filters = filters or Filters()
    limit = settings.VIC_REPORT_LIST_LIMIT
    w = started(window_in_force(period))
    w = replace(w, end=figures.as_of(w.end))  # an open window is judged as of today
    qs = filters.apply(tasks_for(user))
    rows = figures.table(qs, w.start, w.end, by="unit")
    units = Unit.objects.in_bulk([k for k in rows if k is not None])
    lines = sorted(
        (UnitLine(units[k], r) for k, r in rows.items() if k in units),
        key=lambda line: (line.unit.order, line.unit.name),
    )
    narrative = None
    if period.kind != PeriodKind.ADHOC:
        narrative = CompiledReport.objects.filter(kind=period.kind, period=period.label).first()
    return Compiled(
        period=period,
        start=w.start,
        end=w.end,
        filters=filters,
        total=figures.totals(rows),
        units=lines,
        key_tasks=figures.key_tasks(qs, w.start, w.end, limit),
        overdue=figures.overdue_tasks(qs, w.start, w.end, limit),
        submissions=None if period.kind == PeriodKind.ADHOC else submissions(user, period, lines, w.unit_due),
        narrative=narrative,
        office_due=w.office_due,
        tasks=figures.population(qs, w.start, w.end),
        source=qs,
        key_total=figures.population(qs, w.start, w.end).filter(is_key=True).count(),
        user=None if user is SYSTEM else user,
    )


def submissions(user, period: Period, lines: list[UnitLine], due_on) -> list[Submission]:
    """Each unit with tasks in the report — but units outside the province, which owe the province no report
    (obligations.expected_units) — and any unit that sent one: its first sending (R-12)."""
    reports = UnitReport.objects.filter(kind=period.kind, period=period.label, submitted_at__isnull=False)
    if user is not SYSTEM:
        reports = reports.filter(pk__in=UnitReport.objects.visible_to(user).values("pk"))
    first = dict(reports.values_list("unit_id").annotate(first=Min("submitted_at")).order_by())
    units = {line.unit.pk: line.unit for line in lines if line.unit.kind != UnitKind.EXTERNAL}
    units.update(Unit.objects.in_bulk([pk for pk in first if pk not in units]))
    out = [
        Submission(u, timezone.localdate(first[u.pk]) if u.pk in first else None, due_on)
        for u in units.values()
    ]
    return sorted(out, key=lambda s: (s.unit.order, s.unit.name))


@dataclass
class UnitContent:
    """A unit's report (R-11): the figures as sent (frozen) or as the data stands (a draft)."""

    report: UnitReport | None
    unit: Unit
    period: Period
    start: datetime.date
    end: datetime.date
    due_on: datetime.date | None
    figures: dict = field(default_factory=dict)

    @property
    def frozen(self) -> bool:
        return bool(self.report and self.report.state == ReportState.SUBMITTED and self.report.figures)

    @property
    def counts(self) -> dict[str, int]:
        return self.figures["row"]["counts"]

    @property
    def rate(self) -> float | None:
        return self.figures["row"]["on_time_rate"]

    def text(self, name: str) -> str:
        return getattr(self.report, name, "") if self.report else ""


def unit_report(user, report: UnitReport) -> UnitContent:
    """The content of `report`, if `user` may see it (PermissionDenied otherwise)."""
    if user is not SYSTEM and not UnitReport.objects.visible_to(user).filter(pk=report.pk).exists():
        raise PermissionDenied(_("Bạn không được xem báo cáo này."))
    period = parse(report.kind, report.period)
    content = UnitContent(report, report.unit, period, report.window_start, report.window_end, report.due_on)
    content.figures = (
        report.figures
        if content.frozen
        else snapshot.unit_figures(report.unit, report.window_start, report.window_end)
    )
    content.end = datetime.date.fromisoformat(content.figures.get("as_of") or report.window_end.isoformat())
    return content


def unit_period(user, unit: Unit, period: Period) -> UnitContent:
    """The unit's current report for `period`, or the figures of the data when it has not written one."""
    # The version the Office counts; else the draft being written (a first report not sent yet).
    mine = UnitReport.objects.filter(unit=unit, kind=period.kind, period=period.label)
    if user is not SYSTEM:
        mine = mine.visible_to(user)  # the Office reads what was sent, never a unit's draft
    report = mine.in_force().first() or mine.current().first()
    if report is not None:
        return unit_report(user, report)
    if user is not SYSTEM and not (user.sees_province or user.unit_id == unit.pk):
        raise PermissionDenied(_("Bạn không được xem báo cáo của đơn vị này."))
    w = started(window_in_force(period))
    return UnitContent(
        None,
        unit,
        period,
        w.start,
        figures.as_of(w.end),
        w.unit_due,
        snapshot.unit_figures(unit, w.start, w.end),
    )
