"""Vietnamese formats (`vi/formats.py`, Django's FORMAT_MODULE_PATH) and the one way code writes a moment."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def moment(value: datetime.datetime) -> str:
    """A date and time as every page shows it ("04/12/2026 18:33", DATETIME_FORMAT), in local time."""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")
