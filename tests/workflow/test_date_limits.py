"""Typing slips in dates (01/01/1900, 31/12/9999) are caught on every path, not only at registration
(tasks/limits.py). Today is Monday 02/03/2026; the directive of `task` was issued 05/01/2026."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.factories import DirectiveFactory, register_tasks
from tests.web.helpers import flat, form_fields, text_of
from tests.workflow.helpers import DELIVERED, form_error, press, snapshot

from vic.tasks import actions
from vic.tasks.models import SubmissionKind, Task

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(clerk, users, tree, leader, today) -> Task:
    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    (task,) = register_tasks(
        clerk,
        tree.stc,
        directive=directive,
        monitoring_department=tree.th,
        assigning_leader=leader,
        deadline=D("2026-03-20"),
        deliver_on=DELIVERED,
    )
    return task


def edit(client, clerk, task, **typed):
    client.force_login(clerk)
    html = client.get(reverse("tasks:edit", args=[task.pk])).content.decode()
    fields = flat(form_fields(html, value="task-edit-form"))
    fields.update(typed)
    return client.post(reverse("tasks:edit", args=[task.pk]), fields)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("01/01/1900", "Thời hạn 01/01/1900 trước ngày ban hành văn bản (05/01/2026)."),
        ("31/12/2025", "Thời hạn 31/12/2025 trước ngày ban hành văn bản (05/01/2026)."),
        ("31/12/9999", "Thời hạn quá 10 năm kể từ ngày ban hành: kiểm tra lại năm."),
    ],
)
def test_the_edit_page_refuses_an_implausible_deadline(client, clerk, task, typed, message):
    before = snapshot()
    response = edit(client, clerk, task, deadline=typed, note="Sửa thời hạn")
    assert response.status_code == 200
    assert message in text_of(response.content.decode())
    assert snapshot() == before


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("01/01/2030", "Ngày phát sinh không được sau ngày hôm nay."),
        ("01/01/1900", "Ngày phát sinh không được trước ngày 05/01/2026."),
    ],
)
def test_the_edit_page_refuses_an_implausible_arising_date(client, clerk, task, typed, message):
    response = edit(client, clerk, task, arose_on=typed, arose_note="Văn bản đến muộn")
    assert response.status_code == 200
    assert message in text_of(response.content.decode())
    assert Task.objects.get(pk=task.pk).arose_on == D("2026-01-05")


def test_an_extension_to_the_year_9999_is_refused_when_proposed_and_when_decided(client, users, task, leader):
    client.force_login(users.stc_officer)
    error = form_error(
        press(client, task, "de-xuat-gia-han", text="Xin gia hạn", proposed_deadline="31/12/9999")
    )
    assert "Thời hạn quá 10 năm kể từ ngày ban hành: kiểm tra lại năm." in error

    actions.submit(
        users.stc_officer, task, SubmissionKind.EXTENSION, "Xin gia hạn", proposed_deadline=D("2026-06-30")
    )
    with pytest.raises(ValidationError, match="quá 10 năm"):
        actions.decide_extension(leader.user, task, approve=True, note="Đồng ý", new_deadline=D("9999-12-26"))
    assert Task.objects.get(pk=task.pk).deadline == D("2026-03-20")


@pytest.mark.parametrize(("typed", "message"), [
    ("01/01/1900", "Ngày văn bản báo cáo không được trước ngày 05/01/2026."),
    ("31/12/9999", "Ngày văn bản báo cáo không được sau ngày hôm nay."),
])  # fmt: skip
def test_a_paper_reports_date_must_be_plausible(client, users, task, typed, message):
    client.force_login(users.stc_officer)
    response = press(
        client, task, "bao-cao", text="Đã họp triển khai", paper_number="12/BC-STC", paper_date=typed
    )
    assert message in form_error(response)


def test_a_parts_deadline_cannot_be_in_the_past(users, tree, task):
    with pytest.raises(ValidationError, match="không được trước ngày hôm nay"):
        actions.pass_down(
            users.stc_officer, task, "Tổng hợp số liệu", assignee=users.stc_officer, deadline=D("2020-01-01")
        )
