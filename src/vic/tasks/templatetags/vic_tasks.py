"""Status badges and deadline hints, the same everywhere (SCREENS.md)."""

from __future__ import annotations

import datetime

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vic.core import clock
from vic.formats import dmy as format_dmy
from vic.tasks.status import Status, days_overdue, derive_status, facts_of, is_due_soon, status_of_task

register = template.Library()


@register.simple_tag
def status_badge(task, status_value=None):
    value = status_value or getattr(task, "status", None)
    status = Status(value) if isinstance(value, str) else derive_status(facts_of(task), clock.today())
    return format_html(
        '<span class="badge badge-status st-{}" data-status="{}">{}</span>',
        status.value,
        status.value,
        status.label,
    )


@register.simple_tag
def deadline_hint(task):
    """ "còn 3 ngày" / "quá hạn 12 ngày" next to a deadline; "sắp đến hạn" within N working days."""
    if task.effective_deadline is None:
        return ""
    today = clock.today()
    status = status_of_task(task, today)
    if status in (Status.DRAFT, Status.WITHDRAWN, Status.RETURNED):
        # An undelivered draft runs no clock for the unit; a returned task waits on the Office.
        return ""
    late = days_overdue(facts_of(task), today)  # the one definition reports use
    if late:
        text = ngettext("quá hạn %(n)d ngày", "quá hạn %(n)d ngày", late) % {"n": late}
        return format_html('<span class="text-danger small fw-semibold">{}</span>', text)
    if task.completed_on:
        return ""
    days = (task.effective_deadline - today).days
    text = _("hạn hôm nay") if days == 0 else ngettext("còn %(n)d ngày", "còn %(n)d ngày", days) % {"n": days}
    if is_due_soon(status, task.effective_deadline, today):
        return format_html(
            '<span class="badge due-soon">{}</span> <span class="small">{}</span>', _("Sắp đến hạn"), text
        )
    return format_html('<span class="small text-muted">{}</span>', text)


@register.filter
def note_for(event, user) -> str:
    return event.note_for(user)


@register.filter
def dmy(value):
    return format_dmy(value) if value else ""


_EXTRA_LABELS = {
    "coordinating_units": gettext_lazy("đơn vị phối hợp"),
    "monitoring_officers": gettext_lazy("chuyên viên theo dõi"),
    "completed_on": gettext_lazy("ngày hoàn thành"),
    "proposed_deadline": gettext_lazy("thời hạn đề xuất"),
}


@register.filter
def field_label(name: str) -> str:
    """A journal's field name as users read it ("deadline" → "thời hạn")."""
    from vic.tasks.models import Task

    try:
        return str(Task._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return str(_EXTRA_LABELS.get(name, name))


@register.filter
def journal_value(value: str, field: str = "") -> str:
    """Journal values as users read them: dd/mm/yyyy dates, choice labels, có/không."""
    from vic.tasks.models import Task

    try:
        return format_dmy(datetime.date.fromisoformat(value))
    except (TypeError, ValueError):
        pass
    try:
        choices = dict(Task._meta.get_field(field).choices or ())
    except FieldDoesNotExist:
        choices = {}
    if value in choices:
        return str(choices[value])
    return {"True": _("có"), "False": _("không")}.get(value, value)
