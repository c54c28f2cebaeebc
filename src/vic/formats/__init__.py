"""Vietnamese formats (`vi/formats.py`, Django's FORMAT_MODULE_PATH) and the one way code writes a moment, and
a date into a message."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def moment(value: datetime.datetime) -> str:
    """A date and time as every page shows it ("04/12/2026 18:33", DATETIME_FORMAT), in local time."""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def dmy(day: datetime.date) -> str:
    """dd/mm/yyyy with four digits for every year: strftime's %Y writes the year 99 as "99" on Linux, so a
    mistyped 01/01/0099 came back as "01/01/99" in the message that refused it."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
