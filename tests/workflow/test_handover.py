"""A task that leaves its lead unit, or closes, leaves nothing behind (review findings of issue 3):
the old lead's parts and people let go of it, whoever is told is the new lead, and no decision taken after
the task closed rewrites its status.

Today is Monday 02/03/2026; the task of `district_task` is led by UBND huyện Tam Đường, deadline 30/04/2026.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.factories import DirectiveFactory, UserFactory, register_tasks
from tests.web.helpers import flat, form_fields, messages_of, text_of
from tests.workflow.helpers import DELIVERED, detail_html, press, snapshot

from vic.core import clock
from vic.tasks import actions
from vic.tasks.actions import Resolution
from vic.tasks.models import EventKind, SubmissionKind, SubmissionState, Task, TaskPart
from vic.tasks.status import Status
from vic.urging.models import Notification

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_task(clerk, users, tree, leader, today) -> Task:
    (task,) = register_tasks(
        clerk,
        tree.tam_duong,
        content="Kiểm kê đất công trên địa bàn huyện",
        monitoring_department=tree.th,
        monitoring_officers=[users.monitoring_officer],
        assigning_leader=leader,
        deadline=D("2026-04-30"),
        deliver_on=DELIVERED,
    )
    return task


def sees(user, task) -> bool:
    return Task.objects.visible_to(user).filter(pk=task.pk).exists()


def test_a_part_already_done_ends_too_when_the_task_is_reassigned(
    clerk, users, tree, sub_unit, sub_officer, district_task
):
    part = actions.pass_down(
        users.district_officer, district_task, "Kiểm kê xã Bình Lư", assignee_unit=sub_unit
    )
    actions.report_part(sub_officer, part, "Đã kiểm kê xong", done=True)
    assert sees(sub_officer, district_task)

    actions.submit(users.district_officer, district_task, SubmissionKind.RETURN, "Không thuộc thẩm quyền")
    actions.resolve_return(clerk, district_task, Resolution.REASSIGN, "Giao Sở TN&MT", new_lead=tree.stnmt)

    part.refresh_from_db()
    assert part.closed_on == D("2026-03-02")
    assert not sees(sub_officer, district_task)
    assert not sees(users.district_officer, district_task)


def test_a_done_part_ends_when_the_task_is_withdrawn(clerk, users, sub_unit, sub_officer, district_task):
    part = actions.pass_down(
        users.district_officer, district_task, "Kiểm kê xã Bình Lư", assignee_unit=sub_unit
    )
    actions.report_part(sub_officer, part, "Xong", done=True)
    actions.withdraw_task(clerk, district_task, "Không còn cần thiết")
    assert not sees(sub_officer, district_task)


def test_changing_the_lead_on_the_edit_page_is_a_new_delivery_to_the_new_lead(
    client, clerk, users, tree, sub_unit, sub_officer, district_task
):
    actions.acknowledge(users.district_officer, district_task)
    with clock.at(D("2026-02-10")):
        actions.record_progress(users.district_officer, district_task, "Đã rà soát danh mục")
    part = actions.pass_down(
        users.district_officer, district_task, "Kiểm kê xã Bình Lư", assignee_unit=sub_unit
    )
    actions.submit(
        users.district_officer,
        district_task,
        SubmissionKind.EXTENSION,
        "Chờ số liệu đo đạc",
        proposed_deadline=D("2026-06-30"),
    )

    stnmt_officer = UserFactory(unit=tree.stnmt)
    client.force_login(clerk)
    html = client.get(reverse("tasks:edit", args=[district_task.pk])).content.decode()
    fields = flat(form_fields(html, value="task-edit-form"))
    fields["lead_unit"] = str(tree.stnmt.pk)
    with clock.at(D("2026-03-03")):
        assert client.post(reverse("tasks:edit", args=[district_task.pk]), fields).status_code == 302

    task = Task.objects.get(pk=district_task.pk)
    assert task.lead_unit == tree.stnmt
    assert (task.delivered_on, task.acknowledged_at, task.started_on) == (D("2026-03-03"), None, None)
    assert task.status(D("2026-03-03")) == Status.NOT_STARTED_WITHIN
    assert TaskPart.objects.get(pk=part.pk).closed_on == D("2026-03-03")
    extension = task.submissions.get(kind=SubmissionKind.EXTENSION)
    assert extension.state == SubmissionState.REJECTED  # nothing of the old lead waits on the new one
    assert not sees(users.district_officer, task)
    assert not sees(sub_officer, task)
    # No late part report can start the new lead's task.
    with pytest.raises(Exception):  # noqa: B017 - refused either way: permission or closed part
        actions.report_part(sub_officer, part, "Tiếp tục kiểm kê")
    assert Task.objects.get(pk=task.pk).started_on is None
    assert task.events.filter(kind=EventKind.REASSIGNED).count() == 1
    assert not task.events.filter(kind=EventKind.EDITED).exists()  # one row for one save
    assert Notification.objects.filter(user=stnmt_officer).count() == 1  # told once, not "sửa" then "giao"


def test_the_new_lead_is_told_of_a_reassignment_not_the_unit_that_returned_it(
    clerk, users, tree, district_task
):
    stnmt_officer = UserFactory(username="stnmt_daumoi", unit_officer=True, unit=tree.stnmt)
    actions.submit(users.district_officer, district_task, SubmissionKind.RETURN, "Không thuộc thẩm quyền")
    Notification.objects.all().delete()

    actions.resolve_return(clerk, district_task, Resolution.REASSIGN, "Giao Sở TN&MT", new_lead=tree.stnmt)

    def told(user) -> list[str]:
        return list(Notification.objects.filter(task=district_task, user=user).values_list("text", flat=True))

    assert any(t.startswith("Giao lại cho đơn vị khác") for t in told(stnmt_officer))
    # The unit that returned it hears only how its return was settled.
    assert [t.split(" — ")[0] for t in told(users.district_officer)] == [
        "Văn phòng xử lý nhiệm vụ bị trả lại"
    ]


def test_confirming_completion_closes_a_pending_extension_which_can_no_longer_be_approved(
    client, users, leader, district_task
):
    actions.submit(
        users.district_officer,
        district_task,
        SubmissionKind.EXTENSION,
        "Chờ số liệu đo đạc",
        proposed_deadline=D("2026-06-30"),
    )
    with clock.at(D("2026-05-06")):  # done late: after the effective deadline 04/05/2026
        actions.confirm_completion(users.monitoring_officer, district_task)
    task = Task.objects.get(pk=district_task.pk)
    assert task.status(D("2026-05-06")) == Status.DONE_LATE
    assert task.submissions.get(kind=SubmissionKind.EXTENSION).state == SubmissionState.REJECTED

    client.force_login(leader.user)
    assert 'data-act="quyet-dinh-gia-han"' not in detail_html(client, task)
    response = press(client, task, "quyet-dinh-gia-han", decision="approve", note="Đồng ý", new_deadline="")
    assert response.status_code == 400
    task.refresh_from_db()
    assert (task.deadline, task.status(D("2026-05-06"))) == (D("2026-04-30"), Status.DONE_LATE)


def test_an_extension_left_pending_on_a_completed_task_is_refused(users, leader, district_task):
    """Data from before completion closed pending proposals: the decision itself refuses a closed task."""
    proposal = actions.submit(
        users.district_officer,
        district_task,
        SubmissionKind.EXTENSION,
        "Chờ số liệu",
        proposed_deadline=D("2026-06-30"),
    )
    with clock.at(D("2026-05-06")):
        actions.confirm_completion(users.monitoring_officer, district_task)
    type(proposal).objects.filter(pk=proposal.pk).update(state=SubmissionState.SUBMITTED)

    with pytest.raises(Exception, match="không còn gia hạn"):
        actions.decide_extension(leader.user, district_task, approve=True, note="Đồng ý")
    assert Task.objects.get(pk=district_task.pk).deadline == D("2026-04-30")


def test_an_explanation_waiting_for_the_head_survives_completion(users, tree, district_head, district_task):
    tree.tam_duong.requires_head_approval = True
    tree.tam_duong.save()
    explanation = actions.submit(
        users.district_officer, district_task, SubmissionKind.EXPLANATION, "Lý do chậm", explanation="Mưa lũ"
    )
    actions.confirm_completion(users.monitoring_officer, district_task)
    explanation.refresh_from_db()
    assert explanation.state == SubmissionState.AWAITING_HEAD


def test_a_withdrawn_task_is_neither_acknowledged_nor_delivered_nor_edited(
    client, clerk, users, district_task
):
    fresh = actions.withdraw_task(clerk, district_task, "Không còn cần thiết")
    before = snapshot()

    client.force_login(users.district_officer)
    response = press(client, district_task, "nhan")
    assert messages_of(response) == ["Nhiệm vụ chưa chuyển giao hoặc đã thu hồi."]

    client.force_login(clerk)
    response = client.post(reverse("tasks:deliver", args=[district_task.pk]))
    assert messages_of(response) == ["Nhiệm vụ đã được chuyển giao trước đó hoặc đã thu hồi."]
    response = client.get(reverse("tasks:edit", args=[district_task.pk]))
    assert messages_of(response) == ["Nhiệm vụ đã thu hồi: không sửa được."]
    with pytest.raises(ValidationError, match="đã thu hồi"):
        actions.update_task(clerk, district_task, {"content": "Sửa"}, expected_version=fresh.version)
    assert snapshot() == before


def test_a_confirmation_from_a_page_opened_before_a_send_back_is_not_taken(
    client, clerk, users, district_task
):
    """cv.tonghop sends the completion proposal back; chanhvp, whose page still shows it, clicks Xác nhận."""
    actions.submit(users.district_officer, district_task, SubmissionKind.COMPLETION, "Đã kiểm kê xong")
    client.force_login(clerk)
    seen = Task.objects.get(pk=district_task.pk).version  # what the clerk's page was drawn with
    actions.send_back_completion(users.monitoring_officer, district_task, "Thiếu biên bản kiểm kê")

    response = client.post(
        reverse("tasks:act", args=[district_task.pk, "xac-nhan-hoan-thanh"]),
        {"seen_version": seen, "xac-nhan-hoan-thanh-note": "Đạt"},
    )
    assert response.status_code == 409
    text = text_of(response.content.decode())
    assert "Sau khi bạn mở trang" in text and "trả lại đề xuất hoàn thành" in text.lower()
    assert Task.objects.get(pk=district_task.pk).completed_on is None
    # Having seen it, a second click decides on what is now (a confirmation without a proposal).
    now = Task.objects.get(pk=district_task.pk).version
    again = client.post(
        reverse("tasks:act", args=[district_task.pk, "xac-nhan-hoan-thanh"]),
        {"seen_version": now, "xac-nhan-hoan-thanh-note": "Đạt"},
    )
    assert again.status_code == 302 and Task.objects.get(pk=district_task.pk).completed_on is not None


def test_a_late_registration_stays_late_after_the_task_is_handed_over(clerk, users, tree, today):
    """Arose Mon 05/01/2026 (due Tue 06/01), delivered Fri 09/01: late. Handed to another lead on 02/03: still
    one late registration on record, counted once, judged on the first delivery."""
    from vic.reporting.periods import parse, window_in_force
    from vic.reporting.scorecard import registrations
    from vic.tasks.querysets import DELIVERED_LATE

    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    (task,) = register_tasks(clerk, tree.tam_duong, directive=directive, deliver_on=D("2026-01-09"))
    assert Task.objects.get(pk=task.pk).delivered_late
    actions.update_task(
        clerk, task, {"lead_unit": tree.stnmt}, expected_version=Task.objects.get(pk=task.pk).version
    )

    task = Task.objects.get(pk=task.pk)
    assert (task.delivered_on, task.first_delivered_on) == (D("2026-03-02"), D("2026-01-09"))
    assert task.delivered_late and Task.objects.filter(DELIVERED_LATE, pk=task.pk).exists()
    january = registrations(Task.objects.all(), window_in_force(parse("monthly", "2026-01")))
    assert [(r.delivered, r.in_time) for r in january.departments] == [(1, 0)]


def test_the_officer_who_follows_a_returned_task_may_correct_it_on_the_edit_page(
    client, users, district_task
):
    """While it is returned, the task is the Office's to correct (R-5.3): its follower opens the edit page,
    which he may not do otherwise."""
    url = reverse("tasks:edit", args=[district_task.pk])
    client.force_login(users.monitoring_officer)
    assert client.get(url).status_code == 403
    actions.submit(users.district_officer, district_task, SubmissionKind.RETURN, "Nội dung chưa rõ")
    assert f'href="{url}"' in client.get(reverse("tasks:detail", args=[district_task.pk])).content.decode()
    fields = flat(form_fields(client.get(url).content.decode(), value="task-edit-form"))
    fields.update(content="Kiểm kê đất công do xã quản lý trên địa bàn huyện", note="Làm rõ phạm vi")
    assert client.post(url, fields).status_code == 302
    assert Task.objects.get(pk=district_task.pk).content.startswith("Kiểm kê đất công do xã quản lý")


def test_the_edit_page_refuses_a_date_on_a_task_without_deadline(client, clerk, district_task):
    client.force_login(clerk)
    url = reverse("tasks:edit", args=[district_task.pk])
    fields = flat(form_fields(client.get(url).content.decode(), value="task-edit-form"))
    fields.update(schedule="ongoing", note="Chuyển thành nhiệm vụ thường xuyên")  # the date still typed
    response = client.post(url, fields)
    assert response.status_code == 200
    assert "Nhiệm vụ “Thường xuyên” không có thời hạn: xóa ngày này" in text_of(response.content.decode())
    assert Task.objects.get(pk=district_task.pk).deadline == D("2026-04-30")


def test_a_completed_task_keeps_its_lead_on_the_edit_page(client, clerk, users, tree, district_task):
    done = Task.objects.get(pk=district_task.pk)
    Task.objects.filter(pk=done.pk).update(completed_on=D("2026-02-27"), started_on=D("2026-02-10"))
    client.force_login(clerk)
    html = client.get(reverse("tasks:edit", args=[done.pk])).content.decode()
    fields = flat(form_fields(html, value="task-edit-form"))
    fields["lead_unit"] = str(tree.stnmt.pk)
    page = client.post(reverse("tasks:edit", args=[done.pk]), fields)
    assert page.status_code == 200
    assert "Nhiệm vụ đã hoàn thành: không giao lại cho đơn vị chủ trì khác được." in text_of(
        page.content.decode()
    )
    task = Task.objects.get(pk=done.pk)
    assert (task.lead_unit, task.delivered_on, task.completed_on) == (
        tree.tam_duong,
        DELIVERED,
        D("2026-02-27"),
    )
    assert task.status(D("2026-03-02")) == Status.DONE_ON_TIME
    assert not task.events.filter(kind=EventKind.REASSIGNED).exists()
