"""Every write to tasks goes through these actions: permission, one transaction, a journal row.

Views, CLI, demo loader and (later) the API and jobs call them; none writes task state directly.
"""

from .common import ConcurrentEdit, journal
from .edit import EDITABLE_FIELDS, recompute_deadlines, update_task, update_task_group, withdraw_task
from .progress import confirm_completion, may_confirm, record_progress
from .register import create_tasks, default_arose_on, deliver_tasks

__all__ = [
    "EDITABLE_FIELDS",
    "ConcurrentEdit",
    "confirm_completion",
    "create_tasks",
    "default_arose_on",
    "deliver_tasks",
    "journal",
    "may_confirm",
    "recompute_deadlines",
    "record_progress",
    "update_task",
    "update_task_group",
    "withdraw_task",
]
