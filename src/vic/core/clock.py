"""The one source of "now" for actions, so the demo loader can replay history at its real dates.

`clock.at(moment)` sets the time for the code inside it (a context variable, safe across threads).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime

from django.utils import timezone

_frozen: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar("vic_clock", default=None)


def now() -> datetime.datetime:
    return _frozen.get() or timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def at(moment: datetime.datetime | datetime.date):
    if not isinstance(moment, datetime.datetime):
        moment = timezone.make_aware(datetime.datetime.combine(moment, datetime.time(9, 0)))
    token = _frozen.set(moment)
    try:
        yield moment
    finally:
        _frozen.reset(token)


def end_of(day: datetime.date) -> datetime.datetime:
    """The first instant after `day`, local time: what was decided before it was known at the end of `day`."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))
