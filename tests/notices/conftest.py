"""Fixtures of the urging notice tests: a frozen "today", the Office's signers, Sở Tài chính's tasks in every
state that matters (overdue, due soon, later, done, withdrawn, not delivered, another unit's, another
department's), and a helper that reads a generated .docx."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

import pytest
from docx import Document
from tests.factories import LeaderFactory, UserFactory, register_tasks

from vic.core import clock
from vic.tasks import actions
from vic.tasks.models import Task
from vic.units.models import LeaderPosition

D = datetime.date.fromisoformat
# Monday 2 March 2026. Five working days later is Monday 9 March: the "due soon" window ends there.
TODAY = D("2026-03-02")
WINDOW_END = D("2026-03-09")
DELIVERED = D("2026-01-06")


@pytest.fixture(autouse=True)
def today():
    with clock.at(TODAY):
        yield TODAY


@pytest.fixture
def deputy(users):
    """The Office's Deputy Chief who signs urging notices ("KT. CHÁNH VĂN PHÒNG")."""
    return LeaderFactory(
        name="Tô Thị Kim Oanh", position=LeaderPosition.OFFICE_DEPUTY, user=users.office_leader
    )


@pytest.fixture
def stc_head(tree):
    return UserFactory(username="gd_stc", unit_head=True, unit=tree.stc, email="gd.stc@laichau.gov.vn")


@dataclass
class World:
    overdue: Task  # not started, deadline 20/02/2026
    overdue_started: Task  # progress reported, deadline 27/02/2026
    soon: Task  # deadline 05/03/2026
    soon_weekend: Task  # deadline Saturday 07/03/2026 → in force Monday 09/03/2026
    later: Task  # deadline 20/03/2026: not due soon
    done: Task  # overdue deadline but completed
    withdrawn: Task
    draft: Task  # never delivered
    other_unit: Task  # Sở Kế hoạch và Đầu tư's overdue task
    other_department: Task  # overdue, followed by Phòng Kinh tế only
    deadline_today: Task  # due today: within the deadline, due soon

    def all(self) -> list[Task]:
        return list(self.__dict__.values())


@pytest.fixture
def world(tree, users) -> World:
    clerk, th = users.office_clerk, tree.th

    def one(unit, deadline, content, deliver=True, department=th):
        return register_tasks(
            clerk,
            unit,
            deliver_on=DELIVERED if deliver else None,
            content=content,
            deadline=D(deadline),
            monitoring_department=department,
        )[0]

    w = World(
        overdue=one(tree.stc, "2026-02-20", "Báo cáo tình hình giải ngân vốn đầu tư công quý I"),
        overdue_started=one(tree.stc, "2026-02-27", "Rà soát nợ đọng xây dựng cơ bản & đề xuất xử lý"),
        soon=one(tree.stc, "2026-03-05", "Tham mưu phân bổ dự toán chi thường xuyên năm 2026"),
        soon_weekend=one(tree.stc, "2026-03-07", "Hướng dẫn quyết toán kinh phí cải cách tiền lương"),
        later=one(tree.stc, "2026-03-20", "Xây dựng phương án tự chủ tài chính đơn vị sự nghiệp"),
        done=one(tree.stc, "2026-02-25", "Báo cáo thu ngân sách tháng 01 năm 2026"),
        withdrawn=one(tree.stc, "2026-02-18", "Kiểm tra công tác quản lý tài sản công"),
        draft=one(tree.stc, "2026-02-16", "Nhiệm vụ chưa chuyển giao", deliver=False),
        other_unit=one(tree.skhdt, "2026-02-20", "Tổng hợp kế hoạch đầu tư công năm 2027"),
        other_department=one(
            tree.stc, "2026-02-23", "Nhiệm vụ do Phòng Kinh tế theo dõi", department=tree.kt
        ),
        deadline_today=one(tree.stc, "2026-03-02", "Báo cáo kết quả thực hiện Chỉ thị 15"),
    )
    with clock.at(D("2026-02-10")):
        actions.record_progress(users.stc_officer, w.overdue_started, "Đã rà soát 12 dự án.")
    actions.confirm_completion(clerk, w.done, completed_on=D("2026-02-24"))
    with clock.at(D("2026-02-01")):
        actions.withdraw_task(clerk, w.withdrawn, "Giao nhầm đơn vị.")
    for task in w.all():
        task.refresh_from_db()
    return w


def docx_of(data: bytes):
    return Document(io.BytesIO(data))


def text_of(doc) -> str:
    """Every paragraph of the body, the tables and the headers, one per line."""
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def task_table(doc):
    """The notice's table of tasks: the one whose heading row starts with STT."""
    return next(t for t in doc.tables if t.rows[0].cells[0].text.strip() == "STT")
