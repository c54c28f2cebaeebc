"""Báo cáo pages: the report calendar (who has sent what) and a unit's report (R-11, R-12)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vic.core import clock
from vic.core.forms import attach
from vic.tasks.status import COLOURS, Status
from vic.units.models import Role

from . import actions, snapshot
from .exports.word import decision
from .forms import CalendarForm, DeclineForm, ReportForm
from .models import ReportState, UnitReport
from .obligations import expected_units, first_submissions, windows_of_year
from .periods import PeriodKind, parse


def _choice(form: CalendarForm) -> tuple[str, int]:
    data = form.cleaned_data if form.is_valid() else {}
    return data.get("kind") or PeriodKind.MONTHLY, data.get("year") or clock.today().year


def _office_rows(user, kind: str, windows) -> list[dict]:
    """Per period: each expected unit (and any other that reported) on time / late / not yet. A period whose
    data window has not opened owes nothing yet (and costs no population query)."""
    labels = [w.period.label for w in windows]
    reports = {}
    today = clock.today()
    current = UnitReport.objects.visible_to(user).current()  # a unit's draft is the unit's own
    for r in current.filter(kind=kind, period__in=labels).select_related("unit"):
        if r.state == ReportState.SUBMITTED or (r.unit_id, r.period) not in reports:
            reports[(r.unit_id, r.period)] = r  # the version in force before a correction being written
    first = first_submissions(kind, labels)
    rows = []
    for w in windows:
        label = w.period.label
        if w.start > today:
            rows.append({"window": w, "entries": {}, "expected": None})
            continue
        units = {u.pk: u for u in expected_units(w)}
        units.update({r.unit_id: r.unit for (_u, p), r in reports.items() if p == label})
        entries = {"on_time": [], "late": [], "missing": []}
        for unit in sorted(units.values(), key=lambda u: (u.order, u.name)):
            report = reports.get((unit.pk, label))
            sent = first.get((unit.pk, label))
            if sent is None:
                entries["missing"].append({"unit": unit, "report": report})
            else:
                late = timezone.localdate(sent) > w.unit_due
                entries["late" if late else "on_time"].append({"unit": unit, "report": report, "at": sent})
        rows.append({"window": w, "entries": entries, "expected": len(units)})
    return rows


def _unit_rows(user, kind: str, windows) -> list[dict]:
    labels = [w.period.label for w in windows]
    mine = {}
    for r in UnitReport.objects.current().filter(unit_id=user.unit_id, kind=kind, period__in=labels):
        mine.setdefault(r.period, []).append(r)
    today = clock.today()
    return [
        {
            "window": w,
            "reports": sorted(mine.get(w.period.label, []), key=lambda r: r.version),
            "may_open": actions.may_write(user, user.unit_id) and w.start <= today,
        }
        for w in windows
    ]


@login_required
def calendar(request):
    user = request.user
    form = CalendarForm(request.GET or None)
    kind, year = _choice(form)
    windows = windows_of_year(kind, year)
    context = {
        "form": form,
        "kind": kind,
        "year": year,
        "kind_label": PeriodKind(kind).label,
        "today": clock.today(),
    }
    if user.sees_province:
        context["office_rows"] = _office_rows(user, kind, windows)
    else:
        context["unit_rows"] = _unit_rows(user, kind, windows)
    return render(request, "reporting/calendar.html", context)


@login_required
@require_POST
def report_open(request, kind, label):
    user = request.user
    try:
        period = parse(kind, label)
        report = actions.open_report(user, user.unit, period)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reporting:calendar")
    return redirect("reporting:unit_report", pk=report.pk)


def report_for(user, pk) -> UnitReport:
    """Another unit's report does not exist for a unit user: 404, its existence not disclosed."""
    return get_object_or_404(
        UnitReport.objects.visible_to(user).select_related("unit", "submitted_by", "updated_by"), pk=pk
    )


def _date(iso: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(iso) if iso else None


def _figures_view(data: dict) -> dict:
    """The figures dict (snapshot format) with the labels and colours the page shows."""
    row = data["row"]
    counts = [
        {"status": s, "label": Status(s).label, "colour": COLOURS[Status(s)], "n": n}
        for s, n in row["counts"].items()
    ]
    overdue = [
        {**t, "deadline": _date(t["deadline"]), "status_label": Status(t["status"]).label}
        for t in data["overdue"]
    ]
    extensions = [{**e, "proposed": _date(e["proposed"]), "outcome": decision(e)} for e in data["extensions"]]
    return {"row": row, "counts": counts, "overdue": overdue, "extensions": extensions}


def _buttons(user, report: UnitReport) -> dict:
    head = actions.is_head(user, report.unit_id)
    return {
        "save": actions.may_edit(user, report),
        "send": report.state == ReportState.DRAFT
        and actions.may_write(user, report.unit_id)
        and user.role == Role.UNIT_OFFICER,
        "submit": head and report.state != ReportState.SUBMITTED,
        "decline": head and report.state == ReportState.AWAITING_HEAD,
        "correct": actions.may_correct(user, report),
    }


def render_report(request, report: UnitReport, *, form=None, decline_form=None, status=200):
    user = request.user
    buttons = _buttons(user, report)
    if form is None and buttons["save"]:
        form = ReportForm(instance=report, initial={"revision": report.revision})
    if decline_form is None and buttons["decline"]:
        decline_form = DeclineForm(initial={"revision": report.revision})
    live = report.state != ReportState.SUBMITTED
    data = (
        snapshot.unit_figures(report.unit, report.window_start, report.window_end) if live else report.figures
    )
    versions = UnitReport.objects.visible_to(request.user).filter(
        unit_id=report.unit_id, kind=report.kind, period=report.period
    )
    context = {
        "report": report,
        "period": parse(report.kind, report.period),
        "figures": _figures_view(data),
        "live": live,
        "form": form,
        "decline_form": decline_form,
        "buttons": buttons,
        "versions": versions.select_related("submitted_by").order_by("version"),
        "export_spec": {"report": "unit", "report_id": report.pk},
    }
    return render(request, "reporting/unit_report.html", context, status=status)


@login_required
def unit_report(request, pk):
    return render_report(request, report_for(request.user, pk))


STEPS = {
    "luu": (actions.save_draft, gettext_lazy("Đã lưu báo cáo.")),
    "trinh": (actions.send_to_head, gettext_lazy("Đã trình thủ trưởng duyệt báo cáo.")),
    "gui": (actions.approve_and_submit, gettext_lazy("Đã duyệt và gửi báo cáo đến Văn phòng UBND tỉnh.")),
}


@login_required
@require_POST
def report_act(request, pk, slug):
    user = request.user
    report = report_for(user, pk)
    if slug == "dinh-chinh":
        try:
            new = actions.correct(user, report)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reporting:unit_report", pk=pk)
        messages.success(request, _("Đã tạo bản đính chính (lần %(n)d).") % {"n": new.version})
        return redirect("reporting:unit_report", pk=new.pk)
    if slug == "tra-lai":
        return _decline(request, report)
    if slug not in STEPS:
        raise PermissionDenied
    run, done = STEPS[slug]
    form = ReportForm(request.POST, instance=UnitReport.objects.get(pk=report.pk))
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in ReportForm.Meta.fields}
        try:
            run(user, report, data, expected_revision=form.cleaned_data["revision"])
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, str(done))
            return redirect("reporting:unit_report", pk=pk)
    report.refresh_from_db()
    _rebase(form, report)
    return render_report(request, report, form=form, status=400)


def _rebase(form, report: UnitReport) -> None:
    """After a refusal the form keeps what the user typed but carries the revision now stored, so that
    "Lưu lần nữa" after a conflict message saves (knowingly) instead of failing the same way for ever."""
    form.data = form.data.copy()
    form.data["revision"] = report.revision


def _decline(request, report: UnitReport):
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            actions.decline(request.user, report, form.cleaned_data["note"], form.cleaned_data["revision"])
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã trả lại báo cáo để cán bộ sửa."))
            return redirect("reporting:unit_report", pk=report.pk)
    report.refresh_from_db()
    _rebase(form, report)
    return render_report(request, report, decline_form=form, status=400)
