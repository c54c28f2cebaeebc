"""What a clerk says about a task before it exists: the input of `create_tasks`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .models import DeadlineKind, Schedule, TaskUrgency


@dataclass
class TaskSpec:
    content: str
    lead_units: list = field(default_factory=list)
    coordinating_units: list = field(default_factory=list)
    monitoring_department: object | None = None
    monitoring_officers: list = field(default_factory=list)
    assigning_leader: object | None = None
    schedule: str = Schedule.DATED
    deadline: datetime.date | None = None
    deadline_kind: str = DeadlineKind.COMPLETE_BY
    frequency: str = ""
    recurrence_until: datetime.date | None = None
    urgency: str = TaskUrgency.NORMAL
    is_key: bool = False
    expected_output: str = ""
    report_to: str = ""
    arose_on: datetime.date | None = None
    arose_note: str = ""
