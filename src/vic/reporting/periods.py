"""Report periods (R-12, DOMAIN "Reporting calendar"): each period's data window and due dates.

`Rule` holds what an administrator may change for a kind of period (admin "Lịch báo cáo"); the defaults
are Decree 09/2019's cut-off windows and the regulation's due days. Everything here is a pure function of a
period and its rule, except `rule_for`, which reads the administrator's row, and the rolling of a due date
that falls on a day off to the next working day (DOMAIN "Decisions"), which reads the calendar.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vic.formats import dmy
from vic.tasks.limits import EARLIEST


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Báo cáo tháng")
    QUARTERLY = "quarterly", _("Báo cáo quý")
    HALF = "half", _("Báo cáo 6 tháng")
    NINE_MONTH = "nine-month", _("Báo cáo 9 tháng")
    YEARLY = "yearly", _("Báo cáo năm")
    ADHOC = "adhoc", _("Báo cáo đột xuất")


@dataclass(frozen=True)
class Rule:
    """Where a kind's window starts and ends, and the due days for units (R-12.1) and the Office (R-12.2).

    The window starts on `start_day` of the month before the period's first month (or of the first month
    itself when `start_in_previous_month` is off) and ends on `end_day` of the period's last month, or of
    `end_month` when set (the yearly report closes on 31/10 to be due in November). Due dates fall in the
    period's last month, or in `due_month` when set (November for the yearly report)."""

    start_day: int = 15
    start_in_previous_month: bool = True
    end_day: int = 14
    end_month: int | None = None
    unit_due_day: int = 20
    office_due_day: int = 25
    due_month: int | None = None


DEFAULT_RULES: dict[str, Rule] = {
    PeriodKind.MONTHLY: Rule(unit_due_day=20, office_due_day=25),
    PeriodKind.QUARTERLY: Rule(unit_due_day=15, office_due_day=20),
    PeriodKind.HALF: Rule(unit_due_day=15, office_due_day=20),
    PeriodKind.NINE_MONTH: Rule(unit_due_day=15, office_due_day=20),
    PeriodKind.YEARLY: Rule(end_day=31, end_month=10, unit_due_day=10, office_due_day=15, due_month=11),
}

# The months each kind of period spans, by its index within the year.
_SPANS = {
    PeriodKind.MONTHLY: lambda i: (i, i),
    PeriodKind.QUARTERLY: lambda i: (3 * i - 2, 3 * i),
    PeriodKind.HALF: lambda i: (6 * i - 5, 6 * i),
    PeriodKind.NINE_MONTH: lambda i: (1, 9),
    PeriodKind.YEARLY: lambda i: (1, 12),
}
_LABELS = {
    PeriodKind.MONTHLY: re.compile(r"^(\d{4})-(\d{2})$"),
    PeriodKind.QUARTERLY: re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE),
    PeriodKind.HALF: re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE),
    PeriodKind.NINE_MONTH: re.compile(r"^(\d{4})-9M$", re.IGNORECASE),
    PeriodKind.YEARLY: re.compile(r"^(\d{4})$"),
}
_EXAMPLES = {
    PeriodKind.MONTHLY: "2026-05",
    PeriodKind.QUARTERLY: "2026-Q2",
    PeriodKind.HALF: "2026-H1",
    PeriodKind.NINE_MONTH: "2026-9M",
    PeriodKind.YEARLY: "2026",
}


def _day_of(year: int, month: int, day: int) -> datetime.date:
    """`day` of that month, clamped to its last day (a rule "31" means the month's end)."""
    while month < 1:
        year, month = year - 1, month + 12
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """One report period: its kind, year and index (month 1–12, quarter 1–4, half 1–2; 1 otherwise), or an
    ad hoc window given by its dates."""

    kind: str
    year: int
    index: int = 1
    adhoc_start: datetime.date | None = None
    adhoc_end: datetime.date | None = None

    @property
    def months(self) -> tuple[int, int]:
        return _SPANS[self.kind](self.index)

    @property
    def label(self) -> str:
        """The command line's spelling: 2026-05, 2026-Q2, 2026-H1, 2026-9M, 2026, or 2026-04-15..2026-05-14."""
        if self.kind == PeriodKind.ADHOC:
            return adhoc_label(self.adhoc_start, self.adhoc_end)
        return {
            PeriodKind.MONTHLY: f"{self.year}-{self.index:02d}",
            PeriodKind.QUARTERLY: f"{self.year}-Q{self.index}",
            PeriodKind.HALF: f"{self.year}-H{self.index}",
            PeriodKind.NINE_MONTH: f"{self.year}-9M",
            PeriodKind.YEARLY: f"{self.year}",
        }[self.kind]

    @property
    def title(self) -> str:
        """How a report names its period in Vietnamese: "tháng 5 năm 2026", "quý II năm 2026"…"""
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        if self.kind == PeriodKind.MONTHLY:
            return gettext("tháng %(m)d năm %(y)d") % {"m": self.index, "y": self.year}
        if self.kind == PeriodKind.QUARTERLY:
            return gettext("quý %(q)s năm %(y)d") % {"q": roman[self.index], "y": self.year}
        if self.kind == PeriodKind.HALF:
            text = gettext("6 tháng đầu năm %(y)d") if self.index == 1 else gettext("6 tháng cuối năm %(y)d")
            return text % {"y": self.year}
        if self.kind == PeriodKind.NINE_MONTH:
            return gettext("9 tháng năm %(y)d") % {"y": self.year}
        if self.kind == PeriodKind.YEARLY:
            return gettext("năm %(y)d") % {"y": self.year}
        return gettext("từ ngày %(a)s đến ngày %(b)s") % {
            "a": dmy(self.adhoc_start),
            "b": dmy(self.adhoc_end),
        }

    @property
    def choice(self) -> tuple[str, str]:
        """What a period picker offers: ("2026-05", "Tháng 5 năm 2026")."""
        return self.label, self.title[:1].upper() + self.title[1:]


@dataclass(frozen=True)
class Window:
    """The data window [start, end], both days included, and the due dates (as written and as rolled)."""

    period: Period
    start: datetime.date
    end: datetime.date
    unit_due: datetime.date | None
    office_due: datetime.date | None

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def window(period: Period, rule: Rule | None = None) -> Window:
    """The window and due dates of `period` under `rule` (the default rule of its kind when None).

    Due dates are the dates as written ("before the 20th" → the 20th); `due_dates_in_force` rolls them."""
    if period.kind == PeriodKind.ADHOC:
        return Window(period, period.adhoc_start, period.adhoc_end, None, None)
    rule = rule or DEFAULT_RULES[period.kind]
    first, last = period.months
    start_month = first - 1 if rule.start_in_previous_month else first
    start = _day_of(period.year, start_month, rule.start_day)
    end = _day_of(period.year, rule.end_month or last, rule.end_day)
    due_month = rule.due_month or last
    return Window(
        period,
        start,
        end,
        _day_of(period.year, due_month, rule.unit_due_day),
        _day_of(period.year, due_month, rule.office_due_day),
    )


def adhoc_label(start: datetime.date, end: datetime.date) -> str:
    """An ad hoc period's label from its two dates, as `parse` reads it back: "2026-04-15..2026-05-14"."""
    return f"{start.isoformat()}..{end.isoformat()}"


def parse(kind: str, label: str) -> Period:
    """`parse("monthly", "2026-05")`; ad hoc: `parse("adhoc", "2026-04-01..2026-06-30")`. Vietnamese errors."""
    label = (label or "").strip()
    if kind not in PeriodKind.values:
        raise ValidationError(
            gettext("Loại kỳ báo cáo không hợp lệ: “%(kind)s”. Dùng: %(valid)s.")
            % {"kind": kind, "valid": ", ".join(PeriodKind.values)}
        )
    if kind == PeriodKind.ADHOC:
        start, sep, end = label.partition("..")
        try:
            a, b = datetime.date.fromisoformat(start.strip()), datetime.date.fromisoformat(end.strip())
        except ValueError:
            raise ValidationError(
                gettext(
                    "Kỳ đột xuất ghi dạng YYYY-MM-DD..YYYY-MM-DD, ngày phải có thật (không có ngày 31/02)."
                )
            ) from None
        if not sep or a > b:
            raise ValidationError(gettext("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        return Period(kind, b.year, 1, a, b)
    match = _LABELS[kind].match(label)
    if not match:
        raise ValidationError(
            gettext("Kỳ “%(label)s” không đúng dạng cho %(kind)s; ví dụ: %(example)s.")
            % {"label": label, "kind": PeriodKind(kind).label.lower(), "example": _EXAMPLES[kind]}
        )
    year = int(match.group(1))
    index = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 1
    if kind == PeriodKind.MONTHLY and not 1 <= index <= 12:
        raise ValidationError(gettext("Tháng phải từ 01 đến 12."))
    if not EARLIEST.year <= year <= 2100:  # as far back as a directive may be registered
        raise ValidationError(gettext("Năm phải từ %(first)d đến 2100.") % {"first": EARLIEST.year})
    return Period(kind, year, index)


def periods_of_year(kind: str, year: int) -> list[Period]:
    count = {PeriodKind.MONTHLY: 12, PeriodKind.QUARTERLY: 4, PeriodKind.HALF: 2}.get(kind, 1)
    return [Period(kind, year, i) for i in range(1, count + 1)]


def rule_for(kind: str) -> Rule:
    """The administrator's rule for `kind` (admin "Lịch báo cáo"), else the default."""
    from .models import PeriodSetting

    row = PeriodSetting.objects.filter(kind=kind).first()
    return row.rule() if row else DEFAULT_RULES.get(kind, Rule())


def window_in_force(period: Period) -> Window:
    """The window under the administrator's rule, with due dates on a day off rolled to the next working
    day (Civil Code art. 148, as for task deadlines)."""
    from vic.calendar.services import roll_forward

    w = window(period, rule_for(period.kind) if period.kind != PeriodKind.ADHOC else None)
    if w.unit_due is None:
        return w
    return replace(w, unit_due=roll_forward(w.unit_due), office_due=roll_forward(w.office_due))


def current(kind: str, today: datetime.date) -> Period:
    """The period whose unit report is due next on or after `today` (what the unit should be writing)."""
    for year in (today.year, today.year + 1):
        for period in periods_of_year(kind, year):
            if window(period, rule_for(kind)).unit_due >= today:
                return period
    raise AssertionError("unreachable")  # pragma: no cover


def choices(kind: str, today: datetime.date, years: int = 3) -> list[tuple[str, str]]:
    """(label, title) of the periods of `kind` whose data window has opened, newest first, over the last
    `years` years: what a period picker offers ("2026-05", "Tháng 5 năm 2026")."""
    if kind not in PeriodKind.values or kind == PeriodKind.ADHOC:
        return []
    rule = rule_for(kind)
    out = [
        p.choice
        for year in range(today.year - years + 1, today.year + 1)
        for p in periods_of_year(kind, year)
        if window(p, rule).start <= today
    ]
    return out[::-1]
