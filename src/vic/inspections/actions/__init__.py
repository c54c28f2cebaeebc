"""Every write to inspections goes through these actions: permission, one transaction, journal rows.

django-auditlog records each change of the inspection itself (who, when, before/after); the checked and
follow-up tasks get a row in their own journal (`vic.tasks.actions.journal`)."""

from vic.tasks.actions import ConcurrentEdit

from .follow_up import conclusion_kind, create_follow_up_tasks
from .record import (
    RECORD_FIELDS,
    add_checked_tasks,
    attach_inspection_file,
    record_inspection,
    update_inspection,
)

__all__ = [
    "RECORD_FIELDS",
    "ConcurrentEdit",
    "add_checked_tasks",
    "attach_inspection_file",
    "conclusion_kind",
    "create_follow_up_tasks",
    "record_inspection",
    "update_inspection",
]
