"""Dashboards (issue 5.5, SCREENS "Tổng quan"): the six statuses as of today, the on-time rate, the monthly
trend and the most overdue tasks, province-wide or narrowed to one unit, Office department, monitoring
officer or assigning leader, with a table per group.

Every figure is a grouped query from `figures` (a constant number of queries, whatever the number of
units). The narrowing parameters are the task list's own filter names (unit, department, officer,
leader), so a number's link is the page's narrowing plus the status it counts, and the list it opens
counts the same tasks.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vic.core.params import as_id, as_int
from vic.tasks.models import Task
from vic.tasks.status import COLOURS, SIX
from vic.units.models import Leader, Unit, User

from . import figures
from .periods import PeriodKind, periods_of_year, rule_for, window

# The whole history: status "as of today" counts every delivered task not completed before this day.
EVER = datetime.date(2000, 1, 1)
TOP_OVERDUE = 10

# by → (the task list's filter name, the model its keys are, its heading)
GROUPINGS = {
    "unit": ("unit", Unit, _("Đơn vị chủ trì")),
    "department": ("department", Unit, _("Phòng theo dõi")),
    "officer": ("officer", User, _("Chuyên viên theo dõi")),
    "leader": ("leader", Leader, _("Lãnh đạo giao")),
}
# The task list's filter name → the lookup on Task (as tasks.views.FIELD_LOOKUPS).
NARROWING = {"unit": "lead_unit_id", "department": "monitoring_department_id", "officer": "monitoring_officers",
             "leader": "assigning_leader_id"}  # fmt: skip


def list_url(**params) -> str:
    return f"{reverse('tasks:list')}?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


@dataclass
class Cell:
    count: int
    url: str | None
    colour: str = ""
    label: str = ""


@dataclass
class Line:
    """A row of the dashboard: its six status cells, overdue, total, on-time rate and their links."""

    key: object
    name: str
    cells: list[Cell]
    overdue: Cell
    no_deadline: Cell  # the six cells plus this one make the total (ongoing and "khẩn trương" tasks)
    total: Cell
    rate: float | None
    rate_url: str | None
    drill_url: str | None = None


def line(row: figures.Row, name: str, base: dict | None) -> Line:
    """`base` is the task list's filter for the row (None: no filter can say it, so no links)."""

    def url(**extra):
        return list_url(**base, **extra) if base is not None else None

    return Line(
        key=row.key,
        name=name,
        cells=[Cell(row.count(s), url(status=s.value), COLOURS[s], str(s.label)) for s in SIX],
        overdue=Cell(row.overdue, url(scope="overdue")),
        no_deadline=Cell(row.no_deadline, url(scope="no_deadline")),
        total=Cell(row.total, url(scope="counted")),
        rate=row.on_time_rate,
        rate_url=url(scope="rated"),
    )


@dataclass
class Month:
    """One monthly report window of the trend, its statuses as of the window's last day."""

    start: datetime.date
    end: datetime.date
    counts: list[int]
    rate: float | None


@dataclass
class Dashboard:
    today: datetime.date
    year: int
    by: str
    narrowing: dict[str, int]
    focus: list[str]
    total: Line
    groups: list[Line] = field(default_factory=list)
    trend: list[Month] = field(default_factory=list)
    overdue: list = field(default_factory=list)

    @property
    def group_heading(self):
        return GROUPINGS[self.by][2] if self.by else ""

    def chart(self) -> dict:
        """Chart.js data: the six statuses per month (stacked bars) and the on-time rate (a line)."""
        labels = [f"{m.end:%m/%Y}" for m in self.trend]
        bars = [
            {"type": "bar", "label": str(s.label), "backgroundColor": COLOURS[s], "stack": "s", "yAxisID": "y",
             "data": [m.counts[i] for m in self.trend]}
            for i, s in enumerate(SIX)
        ]  # fmt: skip
        rate = {"type": "line", "label": str(_("Tỷ lệ đúng hạn (%)")), "borderColor": "#212529",
                "backgroundColor": "#212529", "yAxisID": "rate", "data": [m.rate for m in self.trend]}  # fmt: skip
        return {"labels": labels, "datasets": [rate, *bars]}


def narrowing_of(user, params) -> dict[str, int]:
    """The page's narrowing from the query string; a unit user is always held to its own unit."""
    out = {}
    for name in NARROWING:
        if (value := as_id(params.get(name))) is not None:
            out[name] = value
    if not user.sees_province:
        out["unit"] = user.unit_id  # a guessed id of another unit is ignored, never shown
    return out


def tasks_for(user, narrowing: dict[str, int]):
    qs = Task.objects.visible_to(user)
    for name, value in narrowing.items():
        qs = qs.filter(**{NARROWING[name]: value})
    return qs


def focus_names(narrowing: dict[str, int]) -> list[str]:
    """What the page is narrowed to, in words (one query per narrowing given, at most four)."""
    names = []
    for name, value in narrowing.items():
        model = GROUPINGS[name][1]
        obj = model.objects.filter(pk=value).first()
        names.append(f"{GROUPINGS[name][2]}: {getattr(obj, 'label', obj) if obj else '—'}")
    return names


def month_windows(year: int, today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The monthly report windows of `year` that have begun, the current one cut at today (statuses of a
    future date would call tasks overdue before their time)."""
    rule = rule_for(PeriodKind.MONTHLY)
    windows = [window(p, rule) for p in periods_of_year(PeriodKind.MONTHLY, year)]
    return [(w.start, min(w.end, today)) for w in windows if w.start <= today]


def label_of(obj) -> str:
    return str(getattr(obj, "label", None) or obj)


def group_lines(qs, today, by: str, narrowing: dict[str, int]) -> list[Line]:
    """One Line per group (one grouped query, one for the names), most overdue first."""
    param, model, _heading = GROUPINGS[by]
    rows = figures.table(qs, EVER, today, by=by)
    objects = model.objects.in_bulk([k for k in rows if k is not None])
    lines = []
    for key, row in rows.items():
        base = {**narrowing, param: key} if key is not None else None
        ln = line(row, label_of(objects[key]) if key in objects else str(_("Chưa xác định")), base)
        if key is not None:
            ln.drill_url = (
                f"{reverse('reporting:dashboard')}?{urlencode({**narrowing, param: key, 'by': ''})}"
            )
        lines.append(ln)
    return sorted(lines, key=lambda ln: (-ln.overdue.count, -ln.total.count, ln.name))


def _year(params, today: datetime.date) -> int:
    return as_int(params.get("year"), 2000, today.year) or today.year


def build(user, params, today: datetime.date) -> Dashboard:
    """Everything but the trend, which the page loads in a second request (`build_trend`): twelve grouped
    queries take seconds on a large SQLite database, and the counts should not wait for them."""
    narrowing = narrowing_of(user, params)
    by = params.get("by", "unit" if user.sees_province and not narrowing else "")
    by = by if by in GROUPINGS else ""
    qs = tasks_for(user, narrowing)
    total = figures.totals(figures.table(qs, EVER, today, by=None))
    return Dashboard(
        today=today,
        year=_year(params, today),
        by=by,
        narrowing=narrowing,
        focus=focus_names(narrowing) if user.sees_province else [],
        total=line(total, str(_("Tổng số")), dict(narrowing)),
        groups=group_lines(qs, today, by, narrowing) if by else [],
        overdue=figures.overdue_tasks(qs, EVER, today, limit=TOP_OVERDUE),
    )


def build_trend(user, params, today: datetime.date) -> Dashboard:
    """The monthly trend of the same narrowing (one grouped query per monthly window)."""
    narrowing = narrowing_of(user, params)
    qs = tasks_for(user, narrowing)
    year = _year(params, today)
    months = month_windows(year, today)
    empty = line(figures.Row(), str(_("Tổng số")), dict(narrowing))
    return Dashboard(
        today=today,
        year=year,
        by="",
        narrowing=narrowing,
        focus=[],
        total=empty,
        trend=[
            Month(start, end, [row.count(s) for s in SIX], row.on_time_rate)
            for (start, end), row in zip(months, figures.monthly_trend(qs, months), strict=True)
        ],
    )
