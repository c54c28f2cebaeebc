"""Who may record inspections (R-8.1) and register their follow-up tasks.

Recording is the Office's work: its clerks, monitoring officers, department heads and leaders (and the
administrator). Provincial leaders read every inspection; a unit reads the inspections it was part of.
Follow-up tasks are registered through the tasks app's `create_tasks`, which only the Office's registrars
may call (units.models.REGISTRAR_ROLES)."""

from __future__ import annotations

from vic.units.models import Role

INSPECTOR_ROLES = {
    Role.OFFICE_CLERK,
    Role.MONITORING_OFFICER,
    Role.OFFICE_DEPARTMENT_HEAD,
    Role.OFFICE_LEADER,
    Role.ADMIN,
}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def may_record(user) -> bool:
    return _active(user) and (user.is_superuser or user.role in INSPECTOR_ROLES)


def may_follow_up(user) -> bool:
    return may_record(user) and user.can_register
