"""The tasks app's models, one module per concept: the task, what units send about it, its journal."""

from auditlog.registry import auditlog

from .journal import EventKind, TaskEvent, TaskEventQuerySet
from .saved_filter import SavedFilter
from .task import DeadlineKind, Frequency, Schedule, Task, TaskCoordination, TaskSeries, TaskUrgency
from .work import (
    DECIDED_KINDS,
    DeadlineChange,
    Submission,
    SubmissionKind,
    SubmissionState,
    TaskFile,
    TaskPart,
)

__all__ = [
    "DECIDED_KINDS",
    "DeadlineChange",
    "DeadlineKind",
    "EventKind",
    "Frequency",
    "SavedFilter",
    "Schedule",
    "Submission",
    "SubmissionKind",
    "SubmissionState",
    "Task",
    "TaskCoordination",
    "TaskEvent",
    "TaskEventQuerySet",
    "TaskFile",
    "TaskPart",
    "TaskSeries",
    "TaskUrgency",
]

auditlog.register(Task, exclude_fields=["search_text", "version"], m2m_fields={"monitoring_officers"})
auditlog.register(TaskCoordination)
auditlog.register(TaskSeries)
auditlog.register(Submission)
auditlog.register(DeadlineChange)
auditlog.register(TaskPart)
auditlog.register(TaskFile)
