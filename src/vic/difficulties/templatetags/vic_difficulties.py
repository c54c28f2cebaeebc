"""The sidebar's count of open difficulties and the task page's section (no change to those views)."""

from __future__ import annotations

from django import template

from ..models import Difficulty
from ..permissions import is_responder, may_raise
from ..services import open_count

register = template.Library()


@register.simple_tag(takes_context=True)
def open_difficulties(context) -> int:
    """For the Office (who answers): how many difficulties wait for an answer; 0 for anyone else."""
    user = context.get("user")
    return open_count(user) if is_responder(user) else 0


@register.inclusion_tag("difficulties/_task_section.html", takes_context=True)
def task_difficulties(context, task):
    user = context.get("user")
    items = (
        Difficulty.objects.visible_to(user).filter(task=task).select_related("unit").order_by("-raised_at")
    )
    return {
        "task": task,
        "items": list(items),
        "can_raise": may_raise(user) and task.delivered_on is not None,
    }
