"""The frame's pages: log in (with the demo logins when configured) and the dashboard (Tổng quan)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from vic.core import clock
from vic.tasks.models import Task
from vic.tasks.status import COLOURS, NO_DEADLINE, OVERDUE, SIX, Status
from vic.units.models import Unit


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.VIC_SHOW_DEMO_LOGINS:
            from vic.demo.logins import DEMO_LOGINS, DEMO_PASSWORD

            context.update(demo_logins=DEMO_LOGINS, demo_password=DEMO_PASSWORD)
        return context


def status_counts_by_unit(qs, today):
    """One grouped query: {unit_id: {status: n}} over the counted tasks of `qs`."""
    rows = qs.counted().with_status(today).values("lead_unit_id", "status").annotate(n=Count("id")).order_by()
    table: dict[int, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row["lead_unit_id"], {})[row["status"]] = row["n"]
    return table


@login_required
def home(request):
    today = clock.today()
    qs = Task.objects.visible_to(request.user)
    if not request.user.sees_province:
        qs = qs.filter(lead_unit_id=request.user.unit_id)
    table = status_counts_by_unit(qs, today)
    totals = {s: sum(c.get(s, 0) for c in table.values()) for s in SIX + NO_DEADLINE}
    units = Unit.objects.in_bulk(table.keys())
    rows = sorted(
        (
            {
                "unit": units[uid],
                "counts": [counts.get(s, 0) for s in SIX],
                "no_deadline": sum(counts.get(s, 0) for s in NO_DEADLINE),
                "overdue": sum(counts.get(s, 0) for s in OVERDUE),
                "total": sum(counts.values()),
            }
            for uid, counts in table.items()
        ),
        # Most overdue first (SCREENS.md), then the busiest ("Tổng"): a unit with 21 tasks and none overdue
        # must not give way, by its name, to one whose only tasks have no deadline.
        key=lambda r: (-r["overdue"], -r["total"], r["unit"].name),
    )
    tiles = [{"status": s, "label": s.label, "count": totals[s], "colour": COLOURS[s]} for s in SIX]
    return render(
        request,
        "core/home.html",
        {
            "tiles": tiles,
            "rows": rows,
            "six": SIX,
            "chart": unit_chart(rows),
            "today": today,
            "no_deadline_total": sum(totals[s] for s in NO_DEADLINE),
            "drafts": Task.objects.visible_to(request.user)
            .filter(delivered_on__isnull=True, withdrawn_on__isnull=True)
            .count()
            if request.user.can_register
            else 0,
            "Status": Status,
            **_watch_lists(qs, today),
        },
    )


CHART_UNITS = 25  # bars of the stacked chart; the table beneath lists every unit


def unit_chart(rows: list[dict]) -> dict:
    """Chart.js data for the stacked bar per unit: the first `CHART_UNITS` of `rows` (already in the
    table's order) that have a task in one of the six statuses; a unit with none would be an empty bar."""
    drawn = [r for r in rows if any(r["counts"])][:CHART_UNITS]
    return {
        "labels": [r["unit"].label for r in drawn],
        "datasets": [
            {"label": str(s.label), "backgroundColor": COLOURS[s], "data": [r["counts"][i] for r in drawn]}
            for i, s in enumerate(SIX)
        ],
    }


LISTED = 8  # rows of each watch list; the link beneath opens the whole list


def _watch_lists(qs, today) -> dict:
    """What a busy official acts on first (SCREENS.md): the deadlines of the next working days, the longest
    overdue, and for a unit what it has not acknowledged."""
    from vic.tasks.status import days_overdue, due_soon_q, facts_of

    annotated = qs.counted().with_status(today).select_related("lead_unit")
    longest = list(annotated.filter(status__in=OVERDUE).order_by("effective_deadline", "pk")[:LISTED])
    for task in longest:
        task.late_days = days_overdue(facts_of(task), today)
    return {
        "due_soon": list(annotated.filter(due_soon_q(today)).order_by("effective_deadline", "pk")[:LISTED]),
        "longest_overdue": longest,
    }
