"""Writes to the working-day calendar. A change re-rolls the effective deadlines it affects, journaled."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from vic.formats import dmy

from . import services
from .models import DayOverride

# A deadline rolls forward over a run of days off; Tết is the longest run (≤ 10 days). A month covers it.
_REACH = datetime.timedelta(days=31)


def _recompute(user, day: datetime.date, what: str) -> int:
    from vic.tasks.actions import recompute_deadlines

    services.invalidate_cache()
    return recompute_deadlines(user, day - _REACH, day, reason=what)


def save_override(user, override: DayOverride) -> int:
    """Create or change an extra day off / extra working day; returns how many tasks' deadlines moved."""
    with transaction.atomic():
        previous = DayOverride.objects.filter(pk=override.pk).values_list("day", flat=True).first()
        override.full_clean()
        override.save()
        what = _("Lịch làm việc: %(day)s — %(kind)s (%(reason)s)") % {
            "day": dmy(override.day),
            "kind": override.get_kind_display(),
            "reason": override.reason,
        }
        moved = _recompute(user, override.day, what)
        if previous and previous != override.day:
            moved += _recompute(user, previous, what)
        return moved


def delete_override(user, override: DayOverride) -> int:
    with transaction.atomic():
        day = override.day
        what = _("Lịch làm việc: bỏ %(kind)s ngày %(day)s") % {
            "day": dmy(day),
            "kind": override.get_kind_display(),
        }
        override.delete()
        return _recompute(user, day, what)
