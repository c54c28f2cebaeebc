"""The dashboard (Tổng quan theo nhóm) and the compliance scorecard (Chấm điểm, R-14.2)."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from vic.core import clock

from . import dashboards
from . import scorecard as scoring
from .forms import AdhocRangeForm
from .models import PERIODIC
from .periods import PeriodKind, choices, parse, periods_of_year, rule_for, window, window_in_force

YEARS_SHOWN = 5


@login_required
def dashboard(request):
    today = clock.today()
    board = dashboards.build(request.user, request.GET, today)
    return render(
        request,
        "reporting/dashboard.html",
        {
            "board": board,
            "groupings": [(key, label) for key, (_p, _m, label) in dashboards.GROUPINGS.items()],
            "years": range(today.year, today.year - YEARS_SHOWN, -1),
        },
    )


@login_required
def dashboard_trend(request):
    """The trend chart and its table, loaded by the dashboard page after it is shown (HTMX)."""
    board = dashboards.build_trend(request.user, request.GET, clock.today())
    return render(request, "reporting/dashboard_trend.html", {"board": board, "chart": board.chart()})


def last_closed(kind: str, today: datetime.date):
    """The latest period of `kind` whose window has closed (what a scorecard judges by default)."""
    rule = rule_for(kind)
    periods = [p for y in (today.year - 1, today.year) for p in periods_of_year(kind, y)]
    closed = [p for p in periods if window(p, rule).end < today]
    return closed[-1] if closed else periods[0]


@login_required
def scorecard(request):
    if not request.user.sees_province:
        raise PermissionDenied
    today = clock.today()
    kind = request.GET.get("kind") or PeriodKind.MONTHLY
    label = request.GET.get("period", "").strip()
    context = {
        "kinds": PERIODIC + [(PeriodKind.ADHOC.value, PeriodKind.ADHOC.label)],
        "kind": kind,
        "today": today,
        "period_choices": choices(kind, today),
    }
    if kind == PeriodKind.ADHOC and not label and "start" not in request.GET:
        # Just switched to ad hoc: the two date boxes, empty, and what to do with them.
        return render(
            request,
            "reporting/scorecard.html",
            {**context, "hint": _("Nhập ngày bắt đầu và ngày kết thúc (dd/mm/yyyy) rồi bấm Xem.")},
        )
    if kind == PeriodKind.ADHOC and ("start" in request.GET or "end" in request.GET):
        typed = AdhocRangeForm(request.GET)
        context["typed"] = typed
        if not typed.is_valid():
            errors = [f"{typed.fields[k].label}: {m}" for k, ms in typed.errors.items() for m in ms]
            return render(request, "reporting/scorecard.html", {**context, "error": " ".join(errors)})
        label = typed.label()
    try:
        periodic = kind in dict(PERIODIC)
        period = last_closed(kind, today) if periodic and not label else parse(kind, label)
    except ValidationError as error:
        return render(request, "reporting/scorecard.html", {**context, "error": " ".join(error.messages)})
    if periodic and period.label not in dict(context["period_choices"]):
        # A period older than the picker's years (typed in the address): shown as chosen, not as another.
        context["period_choices"] = [*context["period_choices"], period.choice]
    w = window_in_force(period)
    units, office = scoring.scorecard(request.user, w, today)
    return render(
        request,
        "reporting/scorecard.html",
        {**context, "period": period, "label": period.label, "window": w, "units": units, "office": office},
    )
