"""The figures of one unit's report (R-11), as a plain dict: shown on the unit's form while it drafts,
frozen into `UnitReport.figures` when its head sends it, and read back by the exports.

Format (version 1):
    {"version": 1, "window": ["2026-04-15", "2026-05-14"], "as_of": "2026-05-14",
     "row": Row.as_dict(),                      # counts per status, total, in-window counts, on-time rate
     "overdue": [{"id", "content", "directive", "deadline", "written", "original", "days_overdue", "status",
                  "reason"}],
     "extensions": [{"id", "task", "content", "proposed", "state", "decision", "decided_on"}]}

An overdue task's "deadline" is the one in force rolled to a working day (what it is counted against);
"written" and "original" are the dates as written, in force and before extensions (deadlines.py). Reports
sent before these two were kept lack them and show their "deadline" as sent.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from vic.tasks.models import Task

from . import figures

VERSION = 1


def unit_figures(unit, start: datetime.date, end: datetime.date) -> dict:
    """`as_of` is the window's end, or today while the window is open (figures.as_of)."""
    window_end, end = end, figures.as_of(end)
    qs = Task.objects.filter(lead_unit=unit)
    row = figures.totals(figures.table(qs, start, end, by=None))
    return {
        "version": VERSION,
        "window": [start.isoformat(), window_end.isoformat()],
        "as_of": end.isoformat(),
        "row": row.as_dict(),
        "overdue": [
            {
                "id": t.pk,
                "content": t.content,
                "directive": t.directive.reference,
                "deadline": t.effective_as_of.isoformat(),
                "written": t.deadline_as_of.isoformat(),
                "original": t.original_deadline.isoformat() if t.original_deadline else None,
                "days_overdue": t.days_overdue,
                "status": t.status,
                "reason": t.reason or "",
            }
            for t in figures.overdue_tasks(qs, start, end)
        ],
        "extensions": [
            {
                "id": s.pk,
                "task": s.task_id,
                "content": s.task.content,
                "proposed": s.proposed_deadline.isoformat() if s.proposed_deadline else None,
                "reasons": s.text,
                "state": s.state,
                "decision": s.decision_note,
                "decided_on": timezone.localdate(s.decided_at).isoformat() if s.decided_at else None,
            }
            for s in figures.extension_decisions(qs, start, end)
        ],
    }
