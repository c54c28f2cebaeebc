"""The task list as the user filtered it, to Excel (SCREENS.md "Export the current filter to Excel").

Built by the worker like the reports (a filter may hold 100,000 tasks); the tasks are those the requester
sees (Task.objects.visible_to) under the same filters as the page (tasks.views.apply_filters)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from openpyxl import Workbook

from vic.core import clock
from vic.tasks.models import Task
from vic.tasks.status import Status, days_overdue, facts_of

MAX_ROWS = 200_000  # far more than a province has; a sheet holds 1,048,576


@dataclass
class TaskList:
    query: str  # the list page's query string
    tasks: object  # the filtered queryset, status annotated
    today: datetime.date
    described: list[str]


def valid_filter(query: str):
    """The list page's filter form for `query`; an invalid one is refused with the form's own errors: the
    page then lists nothing, and an export of "everything" would hand over tasks nobody asked for."""
    from vic.tasks.forms import TaskFilterForm

    form = TaskFilterForm(QueryDict(query or ""))
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {message}" if name in form.fields else message
            for name, messages in form.errors.items()
            for message in messages
        ]
        raise ValidationError(
            _("Bộ lọc của danh sách không hợp lệ nên không xuất tệp. %(errors)s")
            % {"errors": " ".join(errors)}
        )
    return form


def load(user, query: str) -> TaskList:
    from vic.tasks.views import apply_filters, overdue_first

    today = clock.today()
    form = valid_filter(query)
    qs = apply_filters(Task.objects.visible_to(user).with_status(today), form.cleaned_data, user, today)
    described = [
        f"{form.fields[name].label}: {_shown(form.fields[name], value)}"
        for name, value in form.cleaned_data.items()
        if value not in (None, "", False) and name in form.fields
    ]
    return TaskList(query, overdue_first(qs), today, described)


def _shown(field, value) -> str:
    """A filter as the page showed it: a date dd/mm/yyyy, a choice by its label, a unit by its name."""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if value is True:
        return _("có")
    choices = dict(getattr(field, "choices", None) or []) if not hasattr(field, "queryset") else {}
    return str(choices.get(value, value))


def xlsx(c: TaskList, progress=None) -> bytes:
    from .excel import Sheet, _save, deadline_heads, deadline_values

    wb = Workbook(write_only=True)
    note = _("Số liệu đến ngày %(d)s") % {"d": c.today.strftime("%d/%m/%Y")}
    if c.described:
        note += " — " + "; ".join(c.described)
    sheet = Sheet(
        wb,
        _("Danh sách nhiệm vụ"),
        _("Danh sách nhiệm vụ"),
        note,
        [
            (_("STT"), 6),
            (_("Nội dung nhiệm vụ"), 60),
            (_("Văn bản giao"), 28),
            (_("Đơn vị chủ trì"), 30),
            (_("Đơn vị phối hợp"), 30),
            *deadline_heads(),
            (_("Số ngày quá hạn"), 10),
            (_("Tình trạng"), 26),
            (_("Chuyên viên theo dõi"), 24),
            (_("Trọng tâm"), 10),
        ],  # fmt: skip
    )
    tasks = c.tasks.select_related("directive", "lead_unit").prefetch_related(
        "coordinating_units", "monitoring_officers"
    )
    for i, t in enumerate(tasks[:MAX_ROWS].iterator(chunk_size=2000), 1):
        late = days_overdue(facts_of(t), c.today)
        sheet.row(
            [
                i,
                t.content,
                t.directive.reference,
                t.lead_unit.name,
                "; ".join(u.name for u in t.coordinating_units.all()),
                *deadline_values(t),
                late or None,
                str(Status(t.status).label),
                ", ".join(str(o) for o in t.monitoring_officers.all()),
                _("Có") if t.is_key else "",
            ],  # fmt: skip
            status=t.status,
            status_col=8,
        )
        if progress and i % 5000 == 0:
            progress(min(85, 20 + i // 2000))
    return _save(wb)
