"""Register the invented 2026 directives (plan_2026_h1/h2) and replay their tasks' history."""

from __future__ import annotations

import datetime
import random

from vic.calendar.services import add_working_days
from vic.directives.models import DirectiveKind
from vic.tasks.models import DeadlineKind, Frequency, Schedule
from vic.tasks.specs import TaskSpec

from . import history
from .documents import monitoring_department, register
from .people import People
from .plan import GD, MIXED, MIXED_OUTCOMES, NEXT_DAY, SERIES, SERIES_OUTCOMES, G
from .plan_2026_h1 import DIRECTIVES_H1
from .plan_2026_h2 import DIRECTIVES_H2
from .province import PROVINCE_CODE, office_department
from .resolving import UnitNames

ISSUER = "UBND tỉnh Cà Mau"
DIRECTIVES = DIRECTIVES_H1 + DIRECTIVES_H2


def _spec(
    people: People, names: UnitNames, department, row: G, directive: GD, rng: random.Random
) -> TaskSpec:
    deadline = datetime.date.fromisoformat(row.deadline) if row.deadline else None
    schedule = Schedule.DATED if deadline else (Schedule.ASAP if row.asap else Schedule.ONGOING)
    return TaskSpec(
        content=row.content,
        lead_units=names.resolve(row.lead),
        coordinating_units=names.resolve_all(list(row.coordinators)),
        monitoring_department=department,
        monitoring_officers=[rng.choice(people.monitoring_officers(department))],
        assigning_leader=people.leaders[directive.leader],
        schedule=schedule,
        deadline=deadline,
        deadline_kind=DeadlineKind.REPORT_BY if row.report_by else DeadlineKind.COMPLETE_BY,
        frequency=Frequency(row.frequency) if row.frequency else "",
        recurrence_until=datetime.date.fromisoformat(row.until) if row.until else None,
        is_key=row.key,
        expected_output=row.expected_output,
        report_to=row.report_to,
    )


def _outcome(row: G, rng: random.Random) -> str:
    if row.outcome == MIXED:
        return rng.choices(*MIXED_OUTCOMES)[0]
    if row.outcome == SERIES:
        return rng.choices(*SERIES_OUTCOMES)[0]
    return row.outcome


def load_generated(people: People, rng: random.Random) -> list:
    replayer = history.Replayer(people, rng)
    province = people.units[PROVINCE_CODE]
    directives = []
    for plan in DIRECTIVES:
        department = (
            office_department(people.units, plan.department)
            if plan.department
            else monitoring_department(people, plan.symbol)
        )
        names = UnitNames(plan.issue_date)
        specs = [_spec(people, names, department, row, plan, rng) for row in plan.tasks]
        fields = {
            "kind": DirectiveKind.objects.get(name=plan.kind),
            "number": plan.number,
            "symbol": plan.symbol,
            "issuer": ISSUER,
            "issuer_unit": province,
            "issue_date": plan.issue_date,
            "abstract": plan.abstract,
            "signer_name": people.leaders[plan.leader].name,
            "signer_position": plan.signer_position,
            "notes": "Văn bản giả định, tạo cho dữ liệu mẫu." + (f" {plan.notes}" if plan.notes else ""),
        }
        registered_on = plan.registered_on or plan.issue_date
        delivered_on = plan.delivered_on
        if delivered_on == NEXT_DAY:
            delivered_on = add_working_days(registered_on, 1)
        tasks = register(people, fields, specs, registered_on, delivered_on)
        if delivered_on is not None:
            # Tasks come in spec order; a recurring spec has one series (and one group per occurrence).
            by_spec = {}
            for task in tasks:
                by_spec.setdefault(task.series_id or task.group_id, []).append(task)
            for row, group in zip(plan.tasks, by_spec.values(), strict=True):
                for task in group:
                    replayer.play(task, _outcome(row, rng))
        directives.append(tasks[0].directive)
    return directives
