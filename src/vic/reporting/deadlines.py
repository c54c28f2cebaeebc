"""The "Thời hạn" of a task as every report prints it (Word, Excel and the report pages alike).

Officials check a report against the directive, so it shows the date as written (the one in force at the
window's end, after any extension decided by then) and, in brackets, the working day it counts to when it falls on a day off, and the first
deadline when an extension changed it: "28/02/2026 (tính đến 02/03/2026)". Counting and days overdue use
the rolled date (figures.py, docs/decisions/0008-report-population.md).
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _dmy(value: datetime.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def dates(item) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None]:
    """(written, effective, original) of a Task or of a unit report's frozen row (snapshot.py); a row frozen
    before "written" was kept has the effective date alone, shown as it was sent."""
    if isinstance(item, dict):
        effective = _date(item.get("deadline"))
        return _date(item.get("written")) or effective, effective, _date(item.get("original"))
    # A task of a report's population carries the deadline in force at the window's end (with_status).
    written = getattr(item, "deadline_as_of", item.deadline)
    return written, getattr(item, "effective_as_of", item.effective_deadline), item.original_deadline


def note(item) -> str:
    """What the brackets say: "tính đến 02/03/2026; thời hạn ban đầu 15/01/2026", or "" when nothing differs."""
    written, effective, original = dates(item)
    if written is None:
        return ""
    notes = []
    if effective and effective != written:
        notes.append(_("tính đến %(d)s") % {"d": _dmy(effective)})
    if original and original != written:
        notes.append(_("thời hạn ban đầu %(d)s") % {"d": _dmy(original)})
    return "; ".join(notes)


def shown(item, sep: str = " ") -> str:
    """ "28/02/2026 (tính đến 02/03/2026)"; "" for a task without a deadline. Word's narrow column takes
    `sep` "\n", so the date stays whole on its line."""
    written = dates(item)[0]
    if written is None:
        return ""
    extra = note(item)
    return f"{_dmy(written)}{sep}({extra})" if extra else _dmy(written)
