"""Who may raise, answer, follow up and close difficulties (R-14.3).

Units raise them (their officers and heads) and only ever see their own unit's; the Office answers and
sees them all (provincial leaders read them). For a difficulty about a task, the task's monitoring
officers and department are its natural responders, though any Office responder may answer."""

from __future__ import annotations

from vic.units.models import Role, User

RAISER_ROLES = {Role.UNIT_OFFICER, Role.UNIT_HEAD}
RESPONDER_ROLES = {
    Role.OFFICE_CLERK,
    Role.MONITORING_OFFICER,
    Role.OFFICE_DEPARTMENT_HEAD,
    Role.OFFICE_LEADER,
    Role.ADMIN,
}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def may_raise(user) -> bool:
    return _active(user) and not user.is_superuser and user.role in RAISER_ROLES and user.unit_id is not None


def is_responder(user) -> bool:
    return _active(user) and (user.is_superuser or user.role in RESPONDER_ROLES)


def may_answer(user, difficulty) -> bool:
    from .models import Difficulty

    return is_responder(user) and Difficulty.objects.visible_to(user).filter(pk=difficulty.pk).exists()


def may_follow_up(user, difficulty) -> bool:
    """The raising unit's people: they add to it, close it, or reopen it."""
    return may_raise(user) and user.unit_id == difficulty.unit_id


def natural_responders(difficulty) -> list[User]:
    """The officers who follow the task (named, or of its monitoring department)."""
    task = difficulty.task
    if task is None:
        return []
    named = list(task.monitoring_officers.filter(is_active=True))
    if named or task.monitoring_department_id is None:
        return named
    return list(
        User.objects.filter(
            is_active=True,
            unit_id=task.monitoring_department_id,
            role__in=[Role.MONITORING_OFFICER, Role.OFFICE_DEPARTMENT_HEAD],
        )
    )
