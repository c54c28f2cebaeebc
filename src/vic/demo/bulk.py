"""Bulk synthetic tasks for benchmarks (`vic bench --size N`, later `vic demo --size N`).

Rows are written with bulk_create for speed — the one place that bypasses the actions, because these are
measurement fixtures, not history: every derived column is still computed by the same functions the
actions use (effective deadline, delivery due, search text), so lists and counts behave as in production.
"""

from __future__ import annotations

import datetime
import random
import uuid

from django.db import transaction

from vic.core.text import search_text
from vic.directives.models import Directive, DirectiveKind
from vic.tasks import derived
from vic.tasks.models import Schedule, Task, TaskCoordination
from vic.units.models import Leader, Unit, UnitKind

VERBS = ["Triển khai", "Rà soát", "Tổng hợp, báo cáo", "Xây dựng kế hoạch", "Kiểm tra, đôn đốc", "Tham mưu"]
TOPICS = [
    "giải ngân vốn đầu tư công", "cải cách thủ tục hành chính", "chuyển đổi số", "phòng, chống thiên tai",
    "xây dựng nông thôn mới", "an toàn thực phẩm", "quy hoạch sử dụng đất", "thu ngân sách nhà nước",
    "phát triển du lịch", "bảo vệ môi trường", "giáo dục nghề nghiệp", "y tế cơ sở",
]  # fmt: skip
BATCH = 5000


def generate(size: int, seed: int = 1, today: datetime.date | None = None) -> int:
    """Add `size` delivered tasks spread over three years around `today`, every status represented."""
    rng = random.Random(seed)
    today = today or datetime.date(2026, 12, 3)
    leads = list(
        Unit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.CENTRAL_AGENCY])
    )
    departments = list(Unit.objects.filter(kind=UnitKind.OFFICE_DEPARTMENT)) or [None]
    leaders = list(Leader.objects.all()) or [None]
    kind = DirectiveKind.objects.get(name="Công văn")
    issuer = Unit.objects.filter(kind=UnitKind.PROVINCE).values_list("name", flat=True).first() or "UBND tỉnh"
    made = 0
    while made < size:
        with transaction.atomic():
            n = min(BATCH, size - made)
            directives = _directives(rng, kind, issuer, n // 8 + 1, today, made)
            tasks = [
                _task(
                    rng,
                    rng.choice(directives),
                    rng.choice(leads),
                    rng.choice(departments),
                    rng.choice(leaders),
                    today,
                )
                for _ in range(n)
            ]
            Task.objects.bulk_create(tasks, batch_size=1000)
            coordinations = [
                TaskCoordination(task=t, unit=u)
                for t in tasks
                if rng.random() < 0.3
                for u in rng.sample(leads, 2)
                if u != t.lead_unit
            ]
            TaskCoordination.objects.bulk_create(coordinations, batch_size=2000)
            made += n
    return made


def _directives(rng, kind, issuer, count, today, offset) -> list[Directive]:
    rows = []
    for i in range(count):
        issued = today - datetime.timedelta(days=rng.randint(0, 3 * 365))
        d = Directive(
            kind=kind,
            number=str(100000 + offset + i),
            symbol="UBND-TH",
            issuer=issuer,
            issue_date=issued,
            abstract=f"Về việc {rng.choice(TOPICS)}",
        )
        d.fill_derived()
        rows.append(d)
    return Directive.objects.bulk_create(rows, batch_size=1000)


def _task(rng, directive, lead, department, leader, today) -> Task:
    arose = directive.issue_date
    ongoing = rng.random() < 0.1
    deadline = None if ongoing else arose + datetime.timedelta(days=rng.randint(5, 240))
    delivered = arose + datetime.timedelta(days=rng.choice([0, 1, 1, 1, 2, 4]))
    task = Task(
        directive=directive,
        group_id=uuid.uuid4(),
        lead_unit=lead,
        monitoring_department=department,
        assigning_leader=leader,
        content=f"{rng.choice(VERBS)} {rng.choice(TOPICS)} năm {arose.year}",
        schedule=Schedule.ONGOING if ongoing else Schedule.DATED,
        deadline=deadline,
        original_deadline=deadline,
        arose_on=arose,
        delivered_on=min(delivered, today),
        first_delivered_on=min(delivered, today),
        is_key=rng.random() < 0.1,
    )
    task.delivered_at = datetime.datetime.combine(task.delivered_on, datetime.time(9), tzinfo=datetime.UTC)
    derived.refresh(task)
    end = deadline or arose + datetime.timedelta(days=120)
    roll = rng.random()
    if roll < 0.55 and end - datetime.timedelta(days=30) < today:
        done = end + datetime.timedelta(days=rng.randint(-30, 25))
        task.completed_on = min(max(done, task.delivered_on), today)
        task.started_on = task.delivered_on
    elif roll < 0.8:
        task.started_on = min(task.delivered_on + datetime.timedelta(days=rng.randint(1, 20)), today)
    elif roll < 0.81:
        task.withdrawn_on = today
    task.search_text = search_text(
        [task.content, directive.number, directive.symbol, directive.abstract, lead.name, lead.short_name]
    )
    return task
