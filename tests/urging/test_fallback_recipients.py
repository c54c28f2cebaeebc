"""A unit's proposal reaches someone in the Office even when the task names no monitoring officer: the
officers and head of its monitoring department, else who registered it, else the Office's clerks."""

from __future__ import annotations

import datetime

import pytest
from tests.factories import DirectiveFactory, UserFactory, register_tasks

from vic.core import clock
from vic.tasks import actions
from vic.tasks.models import SubmissionKind
from vic.urging.models import Notification

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def told(user) -> list[str]:
    return [
        t.split(" — ")[0]
        for t in Notification.objects.filter(user=user).order_by("pk").values_list("text", flat=True)
    ]


@pytest.fixture
def th_head(tree):
    return UserFactory(username="truongphong_th", office_department_head=True, unit=tree.th)


@pytest.fixture
def kt_officer(tree):
    return UserFactory(username="theodoi_kt", monitoring_officer=True, unit=tree.kt)


def delivered(clerk, tree, **fields):
    with clock.at(D("2026-03-02")):
        (task,) = register_tasks(
            clerk,
            tree.stc,
            directive=DirectiveFactory(issue_date=D("2026-03-02")),
            deadline=D("2026-04-30"),
            deliver_on=D("2026-03-02"),
            **fields,
        )
    Notification.objects.all().delete()
    return task


def propose_completion(users, task):
    with clock.at(D("2026-03-10")):
        actions.submit(users.stc_officer, task, SubmissionKind.COMPLETION, "Đã ban hành kế hoạch")


def test_a_named_officer_alone_hears_of_the_units_proposal(users, clerk, tree, th_head):
    task = delivered(
        clerk, tree, monitoring_department=tree.th, monitoring_officers=[users.monitoring_officer]
    )
    propose_completion(users, task)
    assert told(users.monitoring_officer) == ["Đề xuất hoàn thành"]
    assert told(th_head) == [] and told(clerk) == []


def test_no_officer_the_departments_officers_and_head_hear_not_another_department(
    users, clerk, tree, th_head, kt_officer
):
    task = delivered(clerk, tree, monitoring_department=tree.th)
    propose_completion(users, task)
    with clock.at(D("2026-03-11")):
        actions.submit(users.stc_officer, task, SubmissionKind.RETURN, "Không thuộc chức năng của Sở")
    expected = ["Đề xuất hoàn thành", "Đơn vị trả lại nhiệm vụ"]
    assert told(users.monitoring_officer) == expected  # an officer of TH, not named on the task
    assert told(th_head) == expected
    assert told(kt_officer) == [] and told(clerk) == []


def test_an_officer_who_left_counts_as_none(users, clerk, tree, th_head):
    gone = UserFactory(username="da_nghi", monitoring_officer=True, unit=tree.th, is_active=False)
    task = delivered(clerk, tree, monitoring_department=tree.th, monitoring_officers=[gone])
    with clock.at(D("2026-03-10")):
        actions.submit(
            users.stc_officer,
            task,
            SubmissionKind.EXTENSION,
            "Chờ ý kiến Bộ",
            proposed_deadline=D("2026-05-29"),
        )
    assert told(th_head) == ["Đề xuất gia hạn"] and told(users.monitoring_officer) == ["Đề xuất gia hạn"]


def test_no_department_either_the_registering_clerk_hears(users, clerk, tree):
    other_clerk = UserFactory(username="vanthu2", office_clerk=True, unit=tree.office)
    task = delivered(clerk, tree)  # the symbol names no department: none is set
    assert task.monitoring_department is None
    propose_completion(users, task)
    assert told(clerk) == ["Đề xuất hoàn thành"]
    assert told(other_clerk) == [] and told(users.monitoring_officer) == []


def test_a_department_with_nobody_in_it_falls_to_the_registering_clerk(users, clerk, tree):
    task = delivered(clerk, tree, monitoring_department=tree.kt)  # Phòng Kinh tế has no account
    propose_completion(users, task)
    assert told(clerk) == ["Đề xuất hoàn thành"]


def test_when_the_registrar_has_left_the_offices_clerks_hear(users, clerk, tree):
    leaving = UserFactory(username="vanthu_cu", office_clerk=True, unit=tree.office)
    task = delivered(leaving, tree)
    leaving.is_active = False
    leaving.save()
    propose_completion(users, task)
    assert told(clerk) == ["Đề xuất hoàn thành"]
    assert told(leaving) == []


def test_the_units_own_people_are_never_the_fallback(users, clerk, tree):
    stc_head = UserFactory(username="gd_stc", unit_head=True, unit=tree.stc)
    task = delivered(clerk, tree)
    propose_completion(users, task)
    assert told(stc_head) == [] and told(users.stc_officer) == []
