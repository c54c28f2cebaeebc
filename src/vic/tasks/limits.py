"""Dates a person types that must be plausible: the same limits on every path (registration, the edit page,
extension proposals and decisions, paper reports, parts passed down), so a slip like 31/12/9999 or
01/01/1900 is caught wherever it is typed."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from vic.core import clock
from vic.formats import dmy

from . import derived

# Limits that catch typing slips (31/12/9999, a monthly duty until 2200) before they become thousands of rows.
MAX_DEADLINE_YEARS = 10
MAX_RECURRENCE_YEARS = 5
EARLIEST = datetime.date(1990, 1, 1)  # older documents are typing slips, not tasks to follow


def _d(day: datetime.date) -> str:
    return dmy(day)


def deadline_problem(day: datetime.date, issued: datetime.date | None) -> str | None:
    """Why `day` cannot be the deadline of a task of a directive issued on `issued`, or None."""
    if issued and day < issued:
        return _("Thời hạn %(day)s trước ngày ban hành văn bản (%(issued)s).") % {
            "day": _d(day),
            "issued": _d(issued),
        }
    if issued and day > derived.add_months(issued, 12 * MAX_DEADLINE_YEARS):
        return _("Thời hạn quá %(n)d năm kể từ ngày ban hành: kiểm tra lại năm.") % {"n": MAX_DEADLINE_YEARS}
    return None


def check_deadline(day: datetime.date | None, issued: datetime.date | None, field: str = "deadline") -> None:
    if day and (problem := deadline_problem(day, issued)):
        raise ValidationError({field: problem})


def check_past_date(
    day: datetime.date | None, label: str, field: str, earliest: datetime.date | None = None
) -> None:
    """A date of something that has happened (a paper report, the day a task arose): not after today, not
    before `earliest` (by default 1990)."""
    if day is None:
        return
    if day > clock.today():
        raise ValidationError({field: _("%(label)s không được sau ngày hôm nay.") % {"label": label}})
    low = earliest or EARLIEST
    if day < low:
        raise ValidationError(
            {field: _("%(label)s không được trước ngày %(day)s.") % {"label": label, "day": _d(low)}}
        )
