"""Urging notices on other apps' pages: who may issue them, and "đã đôn đốc ngày …" read from the journal."""

from __future__ import annotations

from django import template

from vic.tasks.models import EventKind

from ..selection import may_issue

register = template.Library()


@register.filter
def may_issue_notices(user) -> bool:
    return may_issue(user)


@register.simple_tag
def last_urged(events):
    """The latest urging notice in a task's journal (the page's own `events`, so no extra query)."""
    return next((e for e in events if e.kind == EventKind.URGING_NOTICE), None)
