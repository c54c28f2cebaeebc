"""Fixtures of the difficulty tests: "today" is Monday 02/03/2026; a task of Sở Tài chính that Sở Kế hoạch
và Đầu tư coordinates, followed by Phòng Tổng hợp's officer."""

from __future__ import annotations

import datetime

import pytest
from tests.factories import register_tasks

from vic.core import clock
from vic.difficulties import actions
from vic.difficulties.models import About

D = datetime.date.fromisoformat
TODAY = D("2026-03-02")


@pytest.fixture(autouse=True)
def today():
    with clock.at(TODAY):
        yield TODAY


@pytest.fixture
def task(clerk, users, tree):
    (task,) = register_tasks(
        clerk,
        tree.stc,
        content="Đẩy nhanh giải ngân vốn đầu tư công",
        deadline=D("2026-03-31"),
        coordinating_units=[tree.skhdt],
        monitoring_department=tree.th,
        monitoring_officers=[users.monitoring_officer],
        deliver_on=D("2026-01-06"),
    )
    return task


@pytest.fixture
def skhdt_officer(tree):
    from tests.factories import UserFactory

    return UserFactory(
        username="skhdt_daumoi", full_name="Lê Thị Hồng Vân", unit_officer=True, unit=tree.skhdt
    )


@pytest.fixture
def about_task(users, task):
    """Sở Tài chính's difficulty about its task."""
    return actions.raise_difficulty(
        users.stc_officer,
        subject="Chưa có hướng dẫn của Bộ Tài chính về nguồn vốn",
        description="Đề nghị Văn phòng báo cáo UBND tỉnh xin ý kiến Bộ Tài chính.",
        about=About.TASK,
        task=task,
    )


@pytest.fixture
def about_system(users):
    """UBND huyện Tam Đường's difficulty about the software."""
    return actions.raise_difficulty(
        users.district_officer,
        subject="Không tải được tệp báo cáo lớn",
        description="Tệp báo cáo quét 70 MB bị từ chối.",
        about=About.SYSTEM,
    )
