"""A person given a part of a task personally (R-9.4) keeps it only while he works in the lead unit or one
of its sub-units: moved to another unit, he no longer sees the task, its files or its buttons."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from tests.factories import register_tasks

from vic.tasks import actions
from vic.tasks.models import Task
from vic.tasks.permissions import Act, allowing, can

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture
def part(clerk, users, tree, district_staff, sub_officer, today):
    (task,) = register_tasks(
        clerk,
        tree.tam_duong,
        content="Kiểm kê đất công",
        deadline=D("2026-04-30"),
        deliver_on=D("2026-01-06"),
    )
    actions.pass_down(users.district_officer, task, "Kiểm kê xã Bình Lư", assignee=district_staff)
    actions.pass_down(users.district_officer, task, "Tổng hợp số liệu", assignee=sub_officer)
    return task


def sees(user, task) -> bool:
    return Task.objects.visible_to(user).filter(pk=task.pk).exists()


def test_a_person_moved_to_another_unit_loses_the_part_given_to_him(client, tree, district_staff, part):
    assert sees(district_staff, part) and can(district_staff, Act.REPORT_PART, part)
    district_staff.unit = tree.stc  # the administrator moves him to Sở Tài chính
    district_staff.save()
    assert not sees(district_staff, part)
    assert not can(district_staff, Act.REPORT_PART, part)
    assert not allowing(district_staff, Act.REPORT_PART).filter(pk=part.pk).exists()
    client.force_login(district_staff)
    assert client.get(reverse("tasks:detail", args=[part.pk])).status_code == 404
    assert part.pk not in [p.task_id for p in client.get(reverse("tasks:inbox")).context["parts"]]


def test_a_person_of_a_sub_unit_keeps_the_part_given_to_him(sub_officer, part):
    assert sees(sub_officer, part) and can(sub_officer, Act.REPORT_PART, part)
