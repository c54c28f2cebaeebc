"""Who hears of what: the journal tells the people a task event concerns, never the one who acted."""

from __future__ import annotations

import datetime

import pytest
from tests.factories import DirectiveFactory, UnitFactory, UserFactory, register_tasks

from vic.core import clock
from vic.tasks import actions
from vic.tasks.models import EventKind, SubmissionKind
from vic.units.models import UnitKind
from vic.urging.fanout import WHO
from vic.urging.models import Notification

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat

# Kinds nobody is told of by the table: a draft's registration; events told elsewhere or to a named person
# (the part's assignee, the urged coordinator, the urging notice's unit); the Office's own inspection notes.
SILENT = {
    EventKind.REGISTERED,
    EventKind.ACKNOWLEDGED,
    EventKind.APPROVED,
    EventKind.DECLINED,
    EventKind.URGED,
    EventKind.PASSED_DOWN,
    EventKind.INSPECTED,
    EventKind.FOLLOW_UP,
    EventKind.DIFFICULTY_CLOSED,
    EventKind.URGING_NOTICE,
}


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("text", flat=True))


@pytest.fixture
def task(users, clerk, tree, leader):
    stc_head = UserFactory(username="stc_gd", unit_head=True, unit=tree.stc)
    with clock.at(D("2026-03-02")):
        (task,) = register_tasks(
            clerk,
            tree.stc,
            directive=DirectiveFactory(issue_date=D("2026-03-02")),
            deadline=D("2026-04-30"),
            coordinating_units=[tree.tam_duong],
            monitoring_officers=[users.monitoring_officer],
            assigning_leader=leader,
            deliver_on=D("2026-03-02"),
        )
    task.stc_head = stc_head
    return task


def test_every_event_kind_is_either_told_or_knowingly_silent():
    assert set(EventKind) == set(WHO) | SILENT
    assert not set(WHO) & SILENT


def test_delivery_tells_the_lead_unit_its_head_and_the_coordinators_not_the_clerk(users, clerk, task):
    assert any("Chuyển giao cho đơn vị" in t and f"#{task.pk}" in t for t in told(users.stc_officer))
    assert told(task.stc_head) and told(users.district_officer)
    assert told(clerk) == [] and told(users.monitoring_officer) == []


def test_a_units_report_tells_the_monitoring_officer_and_the_decision_comes_back(users, clerk, task, leader):
    Notification.objects.all().delete()
    with clock.at(D("2026-03-05")):
        actions.record_progress(users.stc_officer, task, "Đã hoàn thành dự thảo")
        actions.submit(
            users.stc_officer,
            task,
            SubmissionKind.EXTENSION,
            "Chờ ý kiến Bộ",
            proposed_deadline=D("2026-05-29"),
        )
    assert [t.split(" — ")[0] for t in told(users.monitoring_officer)] == [
        "Báo cáo tiến độ",
        "Đề xuất gia hạn",
    ]
    assert "Đã hoàn thành dự thảo" in told(users.monitoring_officer)[0]
    assert [t.split(" — ")[0] for t in told(users.provincial_leader)] == [
        "Đề xuất gia hạn"
    ]  # the assigning leader
    assert told(users.stc_officer) == []  # not told of what they did themselves
    with clock.at(D("2026-03-06")):
        actions.decide_extension(
            users.provincial_leader, task, approve=True, note="Đồng ý", new_deadline=D("2026-05-29")
        )
    assert told(users.stc_officer)[-1].startswith("Đồng ý gia hạn")
    assert told(users.provincial_leader) == [
        "Đề xuất gia hạn" + told(users.provincial_leader)[0][len("Đề xuất gia hạn") :]
    ]


def test_a_unit_needing_its_heads_approval_tells_the_head_first(users, tree, task):
    tree.stc.requires_head_approval = True
    tree.stc.save()
    Notification.objects.all().delete()
    with clock.at(D("2026-03-05")):
        submission = actions.record_progress(users.stc_officer, task, "Bản nháp báo cáo")
    assert [t.split(" — ")[0] for t in told(task.stc_head)] == ["Gửi báo cáo, đề xuất"]
    assert told(users.monitoring_officer) == []  # nothing reaches the Office before the head approves
    with clock.at(D("2026-03-05")):
        actions.approve_submission(task.stc_head, submission, approve=False, note="Bổ sung số liệu")
    assert (
        told(users.stc_officer)[-1]
        == "Thủ trưởng đơn vị không duyệt “Báo cáo tiến độ” của bạn: Bổ sung số liệu"
    )
    assert told(users.monitoring_officer) == []


def test_a_part_passed_down_tells_the_sub_unit_and_an_urge_tells_the_coordinator(users, tree, task):
    sub_unit = UnitFactory(
        name="Phòng Quản lý ngân sách", kind=UnitKind.SUB_UNIT, code="stc-qlns", parent=tree.stc
    )
    sub_officer = UserFactory(username="qlns", unit_officer=True, unit=sub_unit)
    Notification.objects.all().delete()
    with clock.at(D("2026-03-05")):
        actions.pass_down(users.stc_officer, task, "Tổng hợp số liệu ngân sách", assignee_unit=sub_unit)
        actions.urge_coordinator(
            users.stc_officer, task.coordinations.get(), "Đề nghị gửi số liệu trước 10/3"
        )
    assert [t.split(" — ")[0] for t in told(sub_officer)] == ["Giao việc cho cấp dưới"]
    assert [t.split(" — ")[0] for t in told(users.district_officer)] == ["Đôn đốc"]
