"""Every write to tasks goes through these actions: permission, one transaction, a journal row.

Views, CLI, demo loader and (later) the API and jobs call them; none writes task state directly.
"""

from .common import ConcurrentEdit, journal, may_edit
from .decisions import Resolution, decide_extension, resolve_return
from .edit import EDITABLE_FIELDS, recompute_deadlines, update_task, update_task_group, withdraw_task
from .filters import delete_filter, save_filter
from .progress import confirm_completion, may_confirm, record_progress, send_back_completion
from .register import create_tasks, default_arose_on, deliver_tasks
from .submit import acknowledge, approve_submission, attach_task_file, submit
from .team import pass_down, report_part, team_of, urge_coordinator

__all__ = [
    "Resolution",
    "acknowledge",
    "approve_submission",
    "attach_task_file",
    "decide_extension",
    "delete_filter",
    "save_filter",
    "pass_down",
    "report_part",
    "resolve_return",
    "send_back_completion",
    "submit",
    "team_of",
    "urge_coordinator",
    "EDITABLE_FIELDS",
    "ConcurrentEdit",
    "confirm_completion",
    "create_tasks",
    "default_arose_on",
    "deliver_tasks",
    "journal",
    "may_confirm",
    "may_edit",
    "recompute_deadlines",
    "record_progress",
    "update_task",
    "update_task_group",
    "withdraw_task",
]
