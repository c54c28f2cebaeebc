"""What the report pages print the way the report files do."""

from __future__ import annotations

from django import template

from .. import deadlines

register = template.Library()


@register.filter
def report_deadline(item) -> str:
    """A Task's or a unit report row's "Thời hạn", as Word and Excel give it (deadlines.shown)."""
    return deadlines.shown(item)
