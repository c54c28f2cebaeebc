"""Fixtures of the inspection tests: "today" is Monday 02/03/2026; tasks of three units, delivered 06/01/2026."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from tests.factories import DirectiveFactory, register_tasks

from vic.core import clock
from vic.inspections import actions
from vic.inspections.models import Inspection
from vic.tasks.models import Task

D = datetime.date.fromisoformat
TODAY = D("2026-03-02")


@pytest.fixture(autouse=True)
def today():
    with clock.at(TODAY):
        yield TODAY


@dataclass
class World:
    stc_task: Task  # led by Sở Tài chính, deadline 20/02/2026, nothing reported: not started, overdue
    stc_done: Task  # led by Sở Tài chính, completion confirmed 10/02/2026: done on time
    skhdt_task: Task  # led by Sở Kế hoạch và Đầu tư, Sở Tài chính coordinating
    city_task: Task  # led by UBND thành phố Lai Châu
    draft: Task  # registered, never delivered


@pytest.fixture
def world(clerk, users, tree) -> World:
    from vic.tasks.actions import confirm_completion

    directive = DirectiveFactory(number="846", symbol="UBND-TH", abstract="Về giải ngân vốn đầu tư công")
    (stc_task,) = register_tasks(
        clerk,
        tree.stc,
        directive=directive,
        content="Đẩy nhanh giải ngân vốn đầu tư công",
        deadline=D("2026-02-20"),
        monitoring_department=tree.th,
        monitoring_officers=[users.monitoring_officer],
        deliver_on=D("2026-01-06"),
    )
    (stc_done,) = register_tasks(
        clerk,
        tree.stc,
        directive=directive,
        content="Rà soát nợ đọng xây dựng cơ bản",
        deliver_on=D("2026-01-06"),
    )
    with clock.at(D("2026-02-10")):
        confirm_completion(clerk, stc_done)
    (skhdt_task,) = register_tasks(
        clerk,
        tree.skhdt,
        content="Xây dựng kế hoạch đầu tư công trung hạn",
        coordinating_units=[tree.stc],
        deliver_on=D("2026-01-06"),
    )
    (city_task,) = register_tasks(
        clerk, tree.city, content="Chỉnh trang đô thị thành phố Lai Châu", deliver_on=D("2026-01-06")
    )
    (draft,) = register_tasks(clerk, tree.stc, content="Nhiệm vụ chưa chuyển giao")
    return World(
        stc_task=Task.objects.get(pk=stc_task.pk),
        stc_done=Task.objects.get(pk=stc_done.pk),
        skhdt_task=skhdt_task,
        city_task=city_task,
        draft=draft,
    )


def record(user, units, tasks=(), **fields) -> Inspection:
    data = {
        "title": "Kiểm tra việc thực hiện nhiệm vụ UBND tỉnh giao năm 2026",
        "basis": "Kế hoạch số 12/KH-VP ngày 05/01/2026",
        "started_on": D("2026-02-24"),
        "ended_on": D("2026-02-25"),
        "leader": None,
        "leader_name": "Trần Văn Bình, Phó Chánh Văn phòng",
        "other_members": "Lò Văn Sơn, chuyên viên Sở Nội vụ",
        "findings": "Sở đã triển khai kế hoạch nhưng giải ngân mới đạt 35% kế hoạch vốn.",
        "conclusion": "Đề nghị Sở Tài chính tham mưu giải pháp đẩy nhanh giải ngân trước 31/03/2026.",
    }
    data.update(fields)
    return actions.record_inspection(user, data, units=units, tasks=tasks)


@pytest.fixture
def inspection(users, tree, world) -> Inspection:
    """The Office (monitoring officer of TH) inspected Sở Tài chính on 24–25/02/2026 and checked two tasks."""
    return record(users.monitoring_officer, [tree.stc], [world.stc_task, world.stc_done])
