"""What every task action shares: the journal writer, the conflict error, permission checks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .. import derived
from ..models import DeadlineChange, Task, TaskEvent


class ConcurrentEdit(ValidationError):
    """Someone saved the task after this user opened it; nothing of theirs is overwritten."""


def journal(task: Task, kind: str, actor, note: str = "", changes: dict | None = None, also=()) -> TaskEvent:
    """The journal row, and the people it concerns told of it (urging/fanout.py holds who); `also`: people
    only the action knows (the sub-unit a part goes to, the coordinator urged)."""
    from vic.urging.fanout import tell

    event = TaskEvent.objects.create(task=task, kind=kind, actor=actor, note=note, changes=changes or {})
    tell(event, also)
    return event


def record_deadline_change(task: Task, old, new, reason: str, user, submission=None) -> DeadlineChange:
    """A change of the deadline in force after delivery, kept with the day the old one ran to: reports and
    scans of earlier days judge the task against the deadline in force then."""
    return DeadlineChange.objects.create(
        task=task,
        old_deadline=old,
        old_effective_deadline=derived.effective_deadline(old),
        new_deadline=new,
        reason=reason,
        submission=submission,
        decided_by=user,
    )


def active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def require_registrar(user) -> None:
    if not (active(user) and user.can_register):
        raise PermissionDenied(_("Bạn không có quyền nhập, sửa hoặc chuyển giao nhiệm vụ."))


def may_edit(user, task: Task) -> bool:
    """The registrars edit any task; whoever handles a returned task may correct it while it is returned."""
    from ..permissions import Act, can

    if Task.objects.editable_by(user).filter(pk=task.pk).exists():
        return True
    returned = Task.objects.filter(pk=task.pk, returned_on__isnull=False).exists()
    return returned and can(user, Act.RESOLVE_RETURN, task)


def require_editable(user, task: Task, message: str) -> None:
    if not may_edit(user, task):
        raise PermissionDenied(message)


def unique(items) -> list:
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
