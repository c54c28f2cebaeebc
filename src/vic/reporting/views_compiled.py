"""The compiled report page (R-10): pick a period or dates and filters, see the tables, edit the narrative."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.params import as_int

from . import compiled_actions, content, figures
from .forms import CompiledFilterForm
from .periods import PeriodKind, current, parse, window_in_force


@login_required
def compiled(request):
    user = request.user
    if not user.sees_province:
        raise PermissionDenied(_("Chỉ Văn phòng và lãnh đạo UBND tỉnh xem báo cáo tổng hợp."))
    data = request.POST if request.method == "POST" else request.GET
    form = CompiledFilterForm(data)
    error, filters, period = None, content.Filters(), None
    if form.is_valid():
        kind = form.cleaned_data["kind"] or PeriodKind.MONTHLY
        label = form.cleaned_data["period"].strip()
        f = form.filters()
        filters = content.Filters(f["leader"], f["unit"], f["directive_kind"], f["key_only"])
        try:
            period = parse(kind, label) if label else current(kind, clock.today())
            content.started(window_in_force(period))
        except ValidationError as e:
            error, period = e.messages[0], None
    else:
        error = " ".join(m for messages_ in form.errors.values() for m in messages_)
    if error:
        # No figures of another period beside the error (their Word/Excel could be taken for the asked one).
        return render(request, "reporting/compiled.html", {"error": error, "form": form, "c": None})
    period = period or current(PeriodKind.MONTHLY, clock.today())
    if period.kind != PeriodKind.ADHOC and not form.data.get("period"):
        form.data = form.data.copy()  # the form shows the period the page fell back to
        form.data["kind"], form.data["period"] = period.kind, period.label
    narrative_error = None
    if request.method == "POST" and period.kind != PeriodKind.ADHOC:
        try:
            compiled_actions.save_narrative(
                user, period.kind, period.label, evaluation=data.get("evaluation", ""),
                proposals=data.get("proposals", ""), revision=as_int(data.get("revision")) or 0,
            )  # fmt: skip
            messages.success(request, _("Đã lưu đánh giá của báo cáo tổng hợp."))
            return redirect(f"{request.path}?kind={period.kind}&period={period.label}")
        except ValidationError as e:
            narrative_error = e.messages[0]
    c = content.compiled(user, period, filters)
    spec = {"report": "compiled", "kind": period.kind, "period": period.label, "leader": filters.leader,
            "unit_filter": filters.unit, "directive_kind": filters.directive_kind,
            "key_only": "1" if filters.key_only else ""}  # fmt: skip
    context = {
        "c": c, "error": error, "form": form, "columns": figures.COLUMNS, "spec": spec,
        "may_write": compiled_actions.may_write(user) and period.kind != PeriodKind.ADHOC,
        "narrative_error": narrative_error,
        "evaluation": data.get("evaluation") if narrative_error else (c.narrative.evaluation if c.narrative else ""),
        "proposals": data.get("proposals") if narrative_error else (c.narrative.proposals if c.narrative else ""),
        "revision": c.narrative.revision if c.narrative else 0,
        # The six statuses, then the three stages of the tasks without a deadline, as in Word and Excel.
        "rows": [(line, [line.row.count(s) for s in figures.COLUMNS]) for line in c.units],
        "total_counts": [c.total.count(s) for s in figures.COLUMNS],
    }  # fmt: skip
    return render(request, "reporting/compiled.html", context)
