"""A unit works its task through the task page's buttons (issue 3): acknowledge, progress, completion,
return, explanation, extension, coordination, passing down, head approval — and what each person sees.

Today is Monday 02/03/2026 unless a step says otherwise. The task of most tests: Sở Tài chính leads,
UBND huyện Tam Đường coordinates, Phòng Tổng hợp (TH) and its officer follow it, the Vice Chairman of
the `leader` fixture assigned it, deadline Friday 20/03/2026, delivered 06/01/2026.
"""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from tests.factories import UserFactory, register_tasks
from tests.web.helpers import task_links, text_of
from tests.workflow.helpers import (
    DELIVERED,
    PDF,
    act_url,
    detail_html,
    detail_text,
    exe_upload,
    form_error,
    pdf_upload,
    press,
    section,
    snapshot,
    success,
)

from vic.core import clock
from vic.tasks import actions
from vic.tasks.actions import Resolution
from vic.tasks.models import (
    DeadlineChange,
    EventKind,
    Submission,
    SubmissionKind,
    SubmissionState,
    Task,
    TaskEvent,
    TaskFile,
    TaskPart,
)
from vic.tasks.permissions import Act, can
from vic.tasks.status import Status

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db

CONTENT = "Báo cáo kết quả giải ngân vốn đầu tư công quý I năm 2026"


def at(day: str, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(D(day), datetime.time(hour, minute)))


@pytest.fixture
def task(clerk, users, tree, leader, today) -> Task:
    (task,) = register_tasks(
        clerk,
        tree.stc,
        content=CONTENT,
        coordinating_units=[tree.tam_duong],
        monitoring_department=tree.th,
        monitoring_officers=[users.monitoring_officer],
        assigning_leader=leader,
        deadline=D("2026-03-20"),
        deliver_on=DELIVERED,
    )
    return task


@pytest.fixture
def district_task(clerk, users, tree, leader, today) -> Task:
    """UBND huyện Tam Đường leads; deadline Thursday 30/04/2026 (a holiday: runs to Monday 04/05)."""
    (task,) = register_tasks(
        clerk,
        tree.tam_duong,
        content="Giải phóng mặt bằng dự án đường nối thành phố Lai Châu với cao tốc Nội Bài - Lào Cai",
        monitoring_department=tree.th,
        assigning_leader=leader,
        deadline=D("2026-04-30"),
        deliver_on=DELIVERED,
    )
    return task


@pytest.fixture
def approving_district(tree):
    """UBND huyện Tam Đường requires its head's approval of what it sends (R-6.3)."""
    tree.tam_duong.requires_head_approval = True
    tree.tam_duong.save()
    return tree.tam_duong


def listed(client, **params) -> list[int]:
    response = client.get(reverse("tasks:list"), params)
    assert response.status_code == 200
    return task_links(response.content.decode())


def pending_sections(client) -> dict[str, str]:
    html = client.get(reverse("tasks:pending")).content.decode()
    return {name: section(html, name) for name in ("to-decide", "to-approve", "mine") if f'"{name}"' in html}


def kinds(task) -> list[str]:
    return list(TaskEvent.objects.filter(task=task).order_by("at", "id").values_list("kind", flat=True))


def fresh(task) -> Task:
    return Task.objects.get(pk=task.pk)


# ---------------------------------------------------------------------------------------------------
# 1. Receive and acknowledge
# ---------------------------------------------------------------------------------------------------


def test_lead_and_coordinator_acknowledge_and_the_office_sees_who_has_not(client, clerk, users, tree, task):
    (other,) = register_tasks(clerk, tree.skhdt, content="Rà soát danh mục dự án chậm", deliver_on=DELIVERED)
    client.force_login(clerk)
    assert sorted(listed(client, scope="unacknowledged")) == sorted([task.pk, other.pk])
    assert "Đơn vị chủ trì xác nhận đã nhận: chưa" in detail_text(client, task)

    client.force_login(users.stc_officer)
    assert 'data-act="nhan"' in detail_html(client, task)
    with clock.at(at("2026-03-02", 8, 15)):
        assert success(press(client, task, "nhan")) == ["Đã xác nhận đã nhận nhiệm vụ."]
    task.refresh_from_db()
    assert task.acknowledged_by == users.stc_officer
    assert task.acknowledged_at == at("2026-03-02", 8, 15)
    assert 'data-act="nhan"' not in detail_html(client, task)

    client.force_login(clerk)
    assert listed(client, scope="unacknowledged") == [other.pk]
    assert f"Đơn vị chủ trì xác nhận đã nhận: 02/03/2026 08:15 ({users.stc_officer})" in detail_text(
        client, task
    )
    states = section(detail_html(client, task), "coordinator-states")
    assert "Ủy ban nhân dân huyện Tam Đường — — —" in states  # the coordinator has not acknowledged yet

    client.force_login(users.district_officer)
    with clock.at(at("2026-03-03", 14, 0)):
        assert success(press(client, task, "nhan")) == ["Đã xác nhận đã nhận nhiệm vụ."]
    coordination = task.coordinations.get()
    assert coordination.acknowledged_at == at("2026-03-03", 14, 0)
    assert fresh(task).acknowledged_by == users.stc_officer  # the lead's receipt is the lead's
    client.force_login(clerk)
    assert "Ủy ban nhân dân huyện Tam Đường 03/03/2026 — —" in section(
        detail_html(client, task), "coordinator-states"
    )
    acks = task.events.filter(kind=EventKind.ACKNOWLEDGED).order_by("at")
    assert [(e.actor, e.note) for e in acks] == [
        (users.stc_officer, "Sở Tài chính"),
        (users.district_officer, "Ủy ban nhân dân huyện Tam Đường"),
    ]

    # Pressing again (a page left open) records nothing new.
    client.force_login(users.stc_officer)
    before = snapshot()
    press(client, task, "nhan")
    assert snapshot() == before


def test_a_unit_that_reports_has_received_the_task(client, clerk, users, tree, task):
    """Reporting without pressing "Xác nhận đã nhận" first: the report is the receipt (the task left the
    Office's "chưa nhận" list and the unit's inbox mark for good), journaled once, by the lead or the
    coordinator that wrote; the Office entering a paper report acknowledges nothing."""
    with clock.at(at("2026-03-02", 10, 0)):
        actions.record_progress(clerk, task, "Văn phòng nhập báo cáo giấy của Sở")
    assert fresh(task).acknowledged_at is None
    with clock.at(at("2026-03-02", 10, 30)):
        actions.submit(users.stc_officer, task, SubmissionKind.PROGRESS, "Đã giao phòng chuyên môn")
        actions.submit(users.district_officer, task, SubmissionKind.CONTRIBUTION, "Huyện đã gửi số liệu")
    row = fresh(task)
    assert (row.acknowledged_by, row.acknowledged_at) == (users.stc_officer, at("2026-03-02", 10, 30))
    assert task.coordinations.get().acknowledged_at == at("2026-03-02", 10, 30)
    client.force_login(clerk)
    assert task.pk not in listed(client, scope="unacknowledged")
    acks = task.events.filter(kind=EventKind.ACKNOWLEDGED).order_by("at", "id")
    assert [(e.actor, e.note) for e in acks] == [
        (users.stc_officer, "Sở Tài chính — khi gửi “Báo cáo tiến độ”"),
        (
            users.district_officer,
            "Ủy ban nhân dân huyện Tam Đường — khi gửi “Ý kiến, kết quả của đơn vị phối hợp”",
        ),
    ]
    with clock.at(at("2026-03-03", 9, 0)):
        actions.submit(users.stc_officer, task, SubmissionKind.PROGRESS, "Báo cáo lần hai")
    assert task.events.filter(kind=EventKind.ACKNOWLEDGED).count() == 2


# ---------------------------------------------------------------------------------------------------
# 2. Progress, attachments (issue 3 §11)
# ---------------------------------------------------------------------------------------------------


def test_the_first_progress_starts_the_task_and_keeps_the_paper_report_and_its_file(
    client, users, task, today, media_root
):
    assert task.status(today) == Status.NOT_STARTED_WITHIN
    client.force_login(users.stc_officer)

    response = client.post(
        act_url(task, "bao-cao"),
        {
            "bao-cao-text": "Đã giải ngân 45% kế hoạch vốn",
            "bao-cao-paper_number": "25/BC-STC",
            "bao-cao-paper_date": "27/02/2026",
            "bao-cao-files": [pdf_upload("bao-cao-25.pdf")],
        },
    )

    assert success(response) == ["Đã gửi báo cáo tiến độ."]
    task.refresh_from_db()
    assert task.started_on == today
    assert task.status(today) == Status.IN_PROGRESS_WITHIN
    report = task.submissions.get()
    assert (report.kind, report.state, report.unit, report.author) == (
        SubmissionKind.PROGRESS,
        SubmissionState.SUBMITTED,
        task.lead_unit,
        users.stc_officer,
    )
    assert (report.paper_number, report.paper_date, report.reported_on) == (
        "25/BC-STC",
        D("2026-02-27"),
        today,
    )
    stored = report.files.get()
    digest = hashlib.sha256(PDF).hexdigest()
    assert (stored.original_name, stored.size, stored.sha256, stored.task) == (
        "bao-cao-25.pdf",
        len(PDF),
        digest,
        task,
    )
    assert stored.uploaded_by == users.stc_officer
    assert (media_root / stored.file.name).read_bytes() == PDF
    assert stored.file.name == f"tasks/{task.pk}/{digest[:2]}/{digest}"
    page = detail_text(client, task)
    assert "Đang thực hiện trong hạn" in page
    assert "Văn bản báo cáo: 25/BC-STC ngày 27/02/2026" in page
    assert "bao-cao-25.pdf" in page
    assert kinds(task)[-1] == EventKind.PROGRESS

    # A later report does not move the start.
    with clock.at(D("2026-03-09")):
        assert success(press(client, task, "bao-cao", text="Đã giải ngân 60%")) == ["Đã gửi báo cáo tiến độ."]
    assert fresh(task).started_on == today
    assert task.submissions.count() == 2


def test_an_attachment_is_served_only_to_who_sees_the_task(client, clerk, users, tree, task):
    actions.record_progress(users.stc_officer, task, "Kèm báo cáo", uploads=[pdf_upload("bc-quy-1.pdf")])
    record = TaskFile.objects.get()
    url = reverse("tasks:file", args=[record.pk])
    seers = [
        users.stc_officer,  # lead
        users.district_officer,  # coordinator
        clerk,
        users.monitoring_officer,
        users.provincial_leader,
    ]
    for user in seers:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"] == 'attachment; filename="bc-quy-1.pdf"'
    client.force_login(UserFactory(unit_officer=True, unit=tree.skhdt))
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            exe_upload("setup.exe"),
            "Tệp “setup.exe” không thuộc định dạng được phép (pdf, doc, docx, xls, xlsx, odt, ods, jpg, jpeg, png).",
        ),
        (
            exe_upload("bao-cao.pdf"),
            "Nội dung tệp “bao-cao.pdf” không đúng định dạng .pdf (tệp hỏng hoặc bị đổi tên).",
        ),
    ],
    ids=["exe", "exe-renamed-pdf"],
)
def test_a_refused_file_gets_a_vietnamese_message_and_nothing_is_saved(
    client, users, task, media_root, upload, message
):
    client.force_login(users.stc_officer)
    before = snapshot()

    response = client.post(
        act_url(task, "bao-cao"), {"bao-cao-text": "Đã giải ngân 45%", "bao-cao-files": [upload]}
    )

    assert message in form_error(response)
    assert "Đã giải ngân 45%" in response.content.decode()  # what was typed stays on the page
    assert snapshot() == before
    assert not media_root.exists() or [p for p in media_root.rglob("*") if p.is_file()] == []


def test_a_report_without_text_is_refused(client, users, task):
    client.force_login(users.stc_officer)
    before = snapshot()
    assert "Trường này là bắt buộc." in form_error(press(client, task, "bao-cao", text="  "))
    assert snapshot() == before


# ---------------------------------------------------------------------------------------------------
# 3. Completion: proposed by the unit, confirmed or sent back by the Office
# ---------------------------------------------------------------------------------------------------


def propose_completion(client, user, task, day="2026-03-18"):
    client.force_login(user)
    with clock.at(D(day)):
        response = client.post(
            act_url(task, "de-xuat-hoan-thanh"),
            {
                "de-xuat-hoan-thanh-text": "Đã hoàn thành, gửi kèm Báo cáo số 40/BC-STC",
                "de-xuat-hoan-thanh-paper_number": "40/BC-STC",
                "de-xuat-hoan-thanh-paper_date": "17/03/2026",
                "de-xuat-hoan-thanh-files": [pdf_upload("40-BC-STC.pdf")],
            },
        )
        assert success(response) == ["Đã gửi đề xuất hoàn thành."]
    return task.submissions.get(kind=SubmissionKind.COMPLETION)


@pytest.mark.parametrize(
    ("confirmed", "status", "label"),
    [
        ("2026-03-20", Status.DONE_ON_TIME, "Hoàn thành đúng hạn"),
        ("2026-03-23", Status.DONE_LATE, "Hoàn thành quá hạn"),
    ],
)
def test_completion_proposed_then_confirmed_counts_from_the_confirmation_day(
    client, users, task, confirmed, status, label
):
    proposal = propose_completion(client, users.stc_officer, task)
    task.refresh_from_db()
    assert task.completed_on is None
    assert task.started_on == D("2026-03-18")  # the proposal is news of progress too
    assert task.status(D("2026-03-18")) == Status.IN_PROGRESS_WITHIN
    client.force_login(users.monitoring_officer)
    with clock.at(D("2026-03-19")):
        assert "Đề xuất hoàn thành" in pending_sections(client)["to-decide"]

    with clock.at(D(confirmed)):
        response = press(client, task, "xac-nhan-hoan-thanh", note="Đạt yêu cầu")
        assert success(response) == ["Đã xác nhận hoàn thành nhiệm vụ."]
        page = detail_text(client, task)

    task.refresh_from_db()
    assert task.completed_on == D(confirmed)  # the confirmation, not the proposal, dates the completion
    assert task.status(D(confirmed)) == status
    assert Task.objects.with_status(D("2026-06-30")).get(pk=task.pk).status == status
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by, proposal.decision_note) == (
        SubmissionState.ACCEPTED,
        users.monitoring_officer,
        "Đạt yêu cầu",
    )
    assert label in page
    assert f"Hoàn thành (Văn phòng xác nhận): {D(confirmed):%d/%m/%Y}" in page
    assert kinds(task)[-1] == EventKind.COMPLETED


def test_completion_sent_back_with_a_reason_counts_as_not_done(client, users, task):
    proposal = propose_completion(client, users.stc_officer, task)
    client.force_login(users.monitoring_officer)
    with clock.at(D("2026-03-19")):
        assert "Trường này là bắt buộc." in form_error(press(client, task, "tra-lai-de-xuat", reason=""))
        response = press(client, task, "tra-lai-de-xuat", reason="Thiếu số liệu của huyện Tam Đường")
        assert success(response) == ["Đã trả lại đề xuất hoàn thành."]

    proposal.refresh_from_db()
    assert (proposal.state, proposal.decision_note, proposal.decided_by) == (
        SubmissionState.REJECTED,
        "Thiếu số liệu của huyện Tam Đường",
        users.monitoring_officer,
    )
    task.refresh_from_db()
    assert task.completed_on is None
    assert task.status(D("2026-03-19")) == Status.IN_PROGRESS_WITHIN
    assert task.status(D("2026-03-23")) == Status.IN_PROGRESS_OVERDUE  # not done, and now late
    client.force_login(users.stc_officer)
    with clock.at(D("2026-03-19")):
        html = detail_html(client, task)
    assert "Không chấp nhận" in text_of(html) and "Thiếu số liệu của huyện Tam Đường" in text_of(html)
    assert 'data-act="de-xuat-hoan-thanh"' in html  # the unit may propose again
    assert EventKind.SENT_BACK in kinds(task)


# ---------------------------------------------------------------------------------------------------
# 4. Return to the Office and its resolution
# ---------------------------------------------------------------------------------------------------

RETURN_REASON = "Nội dung thuộc chức năng của Sở Kế hoạch và Đầu tư, không thuộc Sở Tài chính"


def return_task(client, user, task):
    client.force_login(user)
    assert success(press(client, task, "tra-lai", text=RETURN_REASON)) == ["Đã trả lại nhiệm vụ."]
    return task.submissions.get(kind=SubmissionKind.RETURN)


def test_a_returned_task_shows_returned_and_leaves_the_counts(client, clerk, users, task, today):
    assert Task.objects.counted().filter(pk=task.pk).exists()
    return_task(client, users.stc_officer, task)

    task.refresh_from_db()
    assert task.returned_on == today
    assert task.status(today) == Status.RETURNED
    page = detail_html(client, task)
    assert 'data-status="returned"' in page and "Đã trả lại" in text_of(page)
    assert not Task.objects.counted().filter(pk=task.pk).exists()
    client.force_login(clerk)
    assert task.pk not in listed(client, scope="counted")
    assert listed(client, status="returned") == [task.pk]
    assert "Trả lại nhiệm vụ" in pending_sections(client)["to-decide"]
    assert RETURN_REASON in detail_text(client, task)
    # While the Office decides, the unit reports nothing on it.
    client.force_login(users.stc_officer)
    error = form_error(press(client, task, "bao-cao", text="Đã làm"))
    assert "Nhiệm vụ đang được trả lại Văn phòng, chờ Văn phòng xử lý." in error
    # Nor is it offered buttons that would only be refused (explain, urge a coordinator).
    page = detail_html(client, task)
    assert 'data-testid="form-giai-trinh"' not in page and 'data-testid="form-don-doc"' not in page


def test_resolved_by_edit_the_task_goes_back_to_the_unit_corrected(client, clerk, users, task, today):
    submission = return_task(client, users.stc_officer, task)
    client.force_login(clerk)
    assert "Cần ghi ý kiến xử lý." in form_error(
        press(client, task, "xu-ly-tra-lai", resolution="edit", note="")
    )

    actions.resolve_return(
        clerk,
        task,
        Resolution.EDIT,
        "Sửa nội dung cho đúng chức năng của Sở Tài chính",
        changes={"content": "Báo cáo tình hình thanh toán vốn đầu tư công quý I năm 2026"},
    )

    task.refresh_from_db()
    assert task.returned_on is None
    assert task.content == "Báo cáo tình hình thanh toán vốn đầu tư công quý I năm 2026"
    assert task.status(today) == Status.NOT_STARTED_WITHIN
    assert Task.objects.counted().filter(pk=task.pk).exists()
    submission.refresh_from_db()
    assert (submission.state, submission.decided_by) == (SubmissionState.ACCEPTED, clerk)
    page = detail_text(client, task)
    assert (
        f"nội dung nhiệm vụ: “{CONTENT}” → “Báo cáo tình hình thanh toán vốn đầu tư công quý I năm 2026”"
        in page
    )
    assert "Văn phòng xử lý nhiệm vụ bị trả lại" in page


def test_resolved_by_edit_through_the_page(client, clerk, users, task, today):
    return_task(client, users.stc_officer, task)
    client.force_login(clerk)
    response = press(
        client, task, "xu-ly-tra-lai", resolution="edit", note="Đã trao đổi, Sở tiếp tục thực hiện"
    )
    assert success(response) == ["Đã xử lý nhiệm vụ bị trả lại."]
    assert fresh(task).status(today) == Status.NOT_STARTED_WITHIN
    assert task.submissions.get().state == SubmissionState.ACCEPTED


def test_resolved_by_reassign_the_new_lead_has_it_and_the_old_lead_no_longer(
    client, clerk, users, tree, task
):
    skhdt_officer = UserFactory(username="skhdt_daumoi", unit_officer=True, unit=tree.skhdt)
    actions.acknowledge(users.stc_officer, task)
    with clock.at(D("2026-02-10")):
        actions.record_progress(users.stc_officer, task, "Đã rà soát")
    return_task(client, users.stc_officer, task)
    client.force_login(clerk)
    error = form_error(press(client, task, "xu-ly-tra-lai", resolution="reassign", note="Giao lại"))
    assert "Chọn đơn vị chủ trì mới, khác đơn vị đã trả lại." in error

    with clock.at(at("2026-03-03", 10, 0)):
        response = press(
            client,
            task,
            "xu-ly-tra-lai",
            resolution="reassign",
            new_lead=tree.skhdt.pk,
            note="Giao Sở KH&ĐT chủ trì",
        )
        assert success(response) == ["Đã xử lý nhiệm vụ bị trả lại."]

    task.refresh_from_db()
    assert task.lead_unit == tree.skhdt
    assert (task.delivered_on, task.delivered_at) == (D("2026-03-03"), at("2026-03-03", 10, 0))
    assert (task.acknowledged_at, task.started_on, task.returned_on) == (None, None, None)
    assert task.status(D("2026-03-03")) == Status.NOT_STARTED_WITHIN
    client.force_login(skhdt_officer)
    assert task.pk in listed(client)
    assert 'data-act="nhan"' in detail_html(client, task)
    client.force_login(users.stc_officer)
    assert task.pk not in listed(client)
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 404
    client.force_login(clerk)
    page = detail_text(client, task)
    assert "Giao lại cho đơn vị khác" in page
    assert "đơn vị chủ trì: “Sở Tài chính” → “Sở Kế hoạch và Đầu tư”" in page
    assert "Giao Sở KH&ĐT chủ trì" in page


def test_resolved_by_withdraw(client, clerk, users, task, today):
    return_task(client, users.stc_officer, task)
    client.force_login(clerk)
    response = press(
        client, task, "xu-ly-tra-lai", resolution="withdraw", note="Nhiệm vụ không còn cần thiết"
    )
    assert success(response) == ["Đã xử lý nhiệm vụ bị trả lại."]
    task.refresh_from_db()
    assert (task.withdrawn_on, task.returned_on) == (today, None)
    assert task.status(today) == Status.WITHDRAWN
    assert "Đã thu hồi" in detail_text(client, task)
    assert not Task.objects.counted().filter(pk=task.pk).exists()
    assert {EventKind.WITHDRAWN, EventKind.RETURN_RESOLVED} <= set(kinds(task))


@pytest.mark.parametrize("resolution", ["reassign", "withdraw"])
def test_the_monitoring_officer_offered_the_resolution_can_complete_it(client, users, tree, task, resolution):
    """The matrix lets the task's monitoring officer resolve a return: every resolution must then work
    (actions/common.py require_editable admits whoever may resolve the return while it is returned)."""
    return_task(client, users.stc_officer, task)
    client.force_login(users.monitoring_officer)
    assert can(users.monitoring_officer, Act.RESOLVE_RETURN, task)
    assert 'data-act="xu-ly-tra-lai"' in detail_html(client, task)

    response = press(
        client, task, "xu-ly-tra-lai", resolution=resolution, new_lead=tree.skhdt.pk, note="Văn phòng xử lý"
    )

    assert success(response) == ["Đã xử lý nhiệm vụ bị trả lại."]


@pytest.mark.parametrize("resolution", ["edit", "reassign", "withdraw"])
def test_another_departments_officer_cannot_resolve_the_return(
    client, users, tree, kt_officer, task, resolution
):
    return_task(client, users.stc_officer, task)
    client.force_login(kt_officer)
    assert 'data-act="xu-ly-tra-lai"' not in detail_html(client, task)
    before = snapshot()
    response = press(
        client, task, "xu-ly-tra-lai", resolution=resolution, new_lead=tree.skhdt.pk, note="Xử lý"
    )
    assert response.status_code == 403
    assert client.post(reverse("tasks:withdraw", args=[task.pk]), {"reason": "Thu hồi"}).status_code == 403
    assert snapshot() == before


def test_after_reassign_the_old_leads_sub_unit_no_longer_sees_the_task(
    client, clerk, users, tree, sub_unit, sub_officer
):
    (task,) = register_tasks(clerk, tree.tam_duong, content="Kiểm kê đất công", deliver_on=DELIVERED)
    actions.pass_down(users.district_officer, task, "Kiểm kê đất công xã Bình Lư", assignee_unit=sub_unit)
    actions.submit(users.district_officer, task, SubmissionKind.RETURN, "Không thuộc thẩm quyền của huyện")
    actions.resolve_return(
        clerk, task, Resolution.REASSIGN, "Giao Sở Tài nguyên và Môi trường", new_lead=tree.stnmt
    )

    assert not Task.objects.visible_to(sub_officer).filter(pk=task.pk).exists()


# ---------------------------------------------------------------------------------------------------
# 5. Explanation of a delay
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def overdue(clerk, tree, leader, today) -> Task:
    """Deadline Friday 20/02/2026, a Tết day: runs to Monday 23/02; never started, so overdue today."""
    (task,) = register_tasks(
        clerk,
        tree.stc,
        content="Báo cáo quyết toán ngân sách năm 2025",
        deadline=D("2026-02-20"),
        assigning_leader=leader,
        deliver_on=DELIVERED,
    )
    assert task.status(today) == Status.NOT_STARTED_OVERDUE
    return task


@pytest.mark.parametrize("slug", ["bao-cao", "de-xuat-hoan-thanh"])
def test_updating_an_overdue_task_without_an_explanation_is_refused(client, users, overdue, slug):
    client.force_login(users.stc_officer)
    before = snapshot()
    error = form_error(press(client, overdue, slug, text="Đã tổng hợp xong số liệu"))
    assert "Nhiệm vụ đã quá hạn: cần giải trình lý do chậm (Điều 11)." in error
    assert snapshot() == before


def test_an_explanation_is_kept_with_the_update_and_listed(client, clerk, users, overdue, today):
    client.force_login(users.stc_officer)
    response = press(
        client,
        overdue,
        "bao-cao",
        text="Đã tổng hợp 80% số liệu",
        explanation="Chờ số liệu của Kho bạc Nhà nước tỉnh",
    )
    assert success(response) == ["Đã gửi báo cáo tiến độ."]
    with clock.at(D("2026-03-04")):
        response = press(
            client, overdue, "giai-trinh", text="Kho bạc gửi số liệu chậm do chuyển đổi hệ thống"
        )
        assert success(response) == ["Đã gửi giải trình."]

    overdue.refresh_from_db()
    assert overdue.started_on == today
    assert overdue.status(today) == Status.IN_PROGRESS_OVERDUE
    kept = [
        (s.reported_on, s.explanation or s.text)
        for s in overdue.submissions.filter(
            kind__in=[SubmissionKind.PROGRESS, SubmissionKind.EXPLANATION]
        ).order_by("created_at")
    ]
    assert kept == [
        (today, "Chờ số liệu của Kho bạc Nhà nước tỉnh"),
        (D("2026-03-04"), "Kho bạc gửi số liệu chậm do chuyển đổi hệ thống"),
    ]
    client.force_login(clerk)
    listing = section(detail_html(client, overdue), "submissions")
    assert "Giải trình: Chờ số liệu của Kho bạc Nhà nước tỉnh" in listing
    assert "Giải trình — STC" in listing and "Kho bạc gửi số liệu chậm do chuyển đổi hệ thống" in listing
    progress = overdue.events.get(kind=EventKind.PROGRESS)
    assert progress.note == "Đã tổng hợp 80% số liệu\nGiải trình: Chờ số liệu của Kho bạc Nhà nước tỉnh"
    assert overdue.events.filter(kind=EventKind.EXPLAINED).count() == 1


# ---------------------------------------------------------------------------------------------------
# 6. Extension proposal and its decision
# ---------------------------------------------------------------------------------------------------


def propose_extension(client, user, task, proposed="25/04/2026", day="2026-03-10"):
    client.force_login(user)
    with clock.at(D(day)):
        response = press(
            client,
            task,
            "de-xuat-gia-han",
            text="Chờ ý kiến thẩm định của Bộ Tài chính",
            proposed_deadline=proposed,
        )
        assert success(response) == ["Đã gửi đề xuất gia hạn."]
    return task.submissions.get(kind=SubmissionKind.EXTENSION)


@pytest.mark.parametrize("proposed", ["20/02/2026", "25/02/2026", "01/03/2026", "02/03/2026"])
def test_a_proposed_deadline_must_be_after_the_deadline_in_force_and_today(
    client, clerk, users, tree, today, proposed
):
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-02-25"), deliver_on=DELIVERED)
    client.force_login(users.stc_officer)
    before = snapshot()
    error = form_error(press(client, task, "de-xuat-gia-han", text="Xin gia hạn", proposed_deadline=proposed))
    assert "Thời hạn đề xuất phải sau thời hạn hiện hành (25/02/2026) và sau hôm nay." in error
    assert snapshot() == before
    response = press(client, task, "de-xuat-gia-han", text="Xin gia hạn", proposed_deadline="03/03/2026")
    assert success(response) == ["Đã gửi đề xuất gia hạn."]


def test_extension_approved_by_the_assigning_leader_becomes_the_deadline_in_force(
    client, users, task, leader
):
    proposal = propose_extension(client, users.stc_officer, task)
    client.force_login(leader.user)
    with clock.at(D("2026-03-11")):
        assert "Đề xuất gia hạn" in pending_sections(client)["to-decide"]
        html = detail_html(client, task)
        assert "Sở Tài chính đề xuất gia hạn đến 25/04/2026 (thời hạn hiện hành 20/03/2026)" in text_of(html)
        response = press(
            client, task, "quyet-dinh-gia-han", decision="approve", note="Đồng ý gia hạn", new_deadline=""
        )
        assert success(response) == ["Đã đồng ý gia hạn; thời hạn mới 25/04/2026."]
        page = detail_text(client, task)

    task.refresh_from_db()
    assert task.deadline == D("2026-04-25")  # Saturday
    assert task.effective_deadline == D(
        "2026-04-28"
    )  # over the weekend and the Hùng Kings day off (Mon 27/04)
    assert task.original_deadline == D("2026-03-20")
    change = DeadlineChange.objects.get(task=task)
    assert (change.old_deadline, change.new_deadline, change.decided_by, change.submission) == (
        D("2026-03-20"),
        D("2026-04-25"),
        leader.user,
        proposal,
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == (SubmissionState.ACCEPTED, leader.user)
    # Status uses the deadline in force: no longer overdue after 20/03, overdue after 28/04.
    assert task.status(D("2026-03-24")) == Status.NOT_STARTED_WITHIN
    assert task.status(D("2026-04-28")) == Status.NOT_STARTED_WITHIN
    assert task.status(D("2026-04-29")) == Status.NOT_STARTED_OVERDUE
    assert Task.objects.with_status(D("2026-03-24")).get(pk=task.pk).status == Status.NOT_STARTED_WITHIN
    assert "25/04/2026 (ngày nghỉ, tính đến 28/04/2026)" in page
    assert "Thời hạn ban đầu: 20/03/2026" in page
    history = section(detail_html(client, task), "deadline-history")
    assert f"20/03/2026 → 25/04/2026 — {leader.user}, 11/03/2026: Đồng ý gia hạn" in history
    assert task.events.get(kind=EventKind.EXTENSION_APPROVED).changes == {
        "deadline": ["2026-03-20", "2026-04-25"]
    }


def test_the_leader_may_approve_another_date_than_proposed(client, users, task, leader):
    propose_extension(client, users.stc_officer, task)
    client.force_login(leader.user)
    response = press(
        client,
        task,
        "quyet-dinh-gia-han",
        decision="approve",
        note="Chỉ gia hạn đến 10/04",
        new_deadline="10/04/2026",
    )
    assert success(response) == ["Đã đồng ý gia hạn; thời hạn mới 10/04/2026."]
    task.refresh_from_db()
    assert (task.deadline, task.effective_deadline, task.original_deadline) == (
        D("2026-04-10"),
        D("2026-04-10"),
        D("2026-03-20"),
    )


def test_extension_rejected_keeps_the_deadline(client, users, task, leader):
    proposal = propose_extension(client, users.stc_officer, task)
    client.force_login(leader.user)
    error = form_error(press(client, task, "quyet-dinh-gia-han", decision="reject", note=""))
    assert "Cần ghi lý do không đồng ý gia hạn." in error
    response = press(
        client, task, "quyet-dinh-gia-han", decision="reject", note="Đề nghị khẩn trương hoàn thành"
    )
    assert success(response) == ["Đã không đồng ý gia hạn; thời hạn giữ nguyên."]

    task.refresh_from_db()
    assert (task.deadline, task.effective_deadline, task.original_deadline) == (D("2026-03-20"),) * 3
    assert not DeadlineChange.objects.exists()
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decision_note) == (
        SubmissionState.REJECTED,
        "Đề nghị khẩn trương hoàn thành",
    )
    assert EventKind.EXTENSION_REJECTED in kinds(task)
    assert "Đề nghị khẩn trương hoàn thành" in detail_text(client, task)


def test_a_provincial_leader_who_did_not_assign_it_cannot_decide(
    client, users, task, other_provincial_leader
):
    propose_extension(client, users.stc_officer, task)
    assert not can(other_provincial_leader, Act.DECIDE_EXTENSION, task)
    client.force_login(other_provincial_leader)
    assert "to-decide" not in pending_sections(client)
    assert 'data-act="quyet-dinh-gia-han"' not in detail_html(client, task)
    before = snapshot()

    response = press(
        client, task, "quyet-dinh-gia-han", decision="approve", note="Đồng ý", new_deadline="25/04/2026"
    )

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        actions.decide_extension(other_provincial_leader, task, approve=True, note="Đồng ý")
    assert snapshot() == before


def test_the_office_leader_decides_as_the_offices_designee(client, users, task):
    propose_extension(client, users.stc_officer, task)
    client.force_login(users.office_leader)
    response = press(
        client, task, "quyet-dinh-gia-han", decision="approve", note="Theo ủy quyền", new_deadline=""
    )
    assert success(response) == ["Đã đồng ý gia hạn; thời hạn mới 25/04/2026."]
    assert fresh(task).deadline == D("2026-04-25")


# ---------------------------------------------------------------------------------------------------
# 7. Coordination
# ---------------------------------------------------------------------------------------------------


def test_a_coordinator_posts_its_contribution_and_the_lead_urges_it(client, users, task):
    client.force_login(users.district_officer)
    with clock.at(at("2026-03-04", 10, 30)):
        response = press(client, task, "phoi-hop", text="Huyện đã giải ngân 12,5 tỷ đồng, đạt 52%")
        assert success(response) == ["Đã gửi ý kiến, kết quả phối hợp cho đơn vị chủ trì."]
    coordination = task.coordinations.get()
    assert coordination.last_contribution_at == at("2026-03-04", 10, 30)

    client.force_login(users.stc_officer)
    html = detail_html(client, task)
    # Its contribution is its receipt too.
    assert "Ủy ban nhân dân huyện Tam Đường 04/03/2026 04/03/2026 —" in section(html, "coordinator-states")
    assert "Huyện đã giải ngân 12,5 tỷ đồng, đạt 52%" in section(html, "submissions")
    with clock.at(at("2026-03-09", 8, 0)):
        response = press(
            client,
            task,
            "don-doc",
            coordination=coordination.pk,
            note="Đề nghị gửi số liệu tháng 3 trước 15/3",
        )
        assert success(response) == ["Đã đôn đốc đơn vị phối hợp."]
    coordination.refresh_from_db()
    assert coordination.last_urged_at == at("2026-03-09", 8, 0)
    assert "Ủy ban nhân dân huyện Tam Đường 04/03/2026 04/03/2026 09/03/2026" in section(
        detail_html(client, task), "coordinator-states"
    )
    urged = task.events.get(kind=EventKind.URGED)
    assert (urged.actor, urged.note) == (
        users.stc_officer,
        "Ủy ban nhân dân huyện Tam Đường: Đề nghị gửi số liệu tháng 3 trước 15/3",
    )
    assert task.events.get(kind=EventKind.CONTRIBUTED).actor == users.district_officer

    # Each to its role: the coordinator does not urge, the lead does not contribute.
    before = snapshot()
    client.force_login(users.district_officer)
    assert press(client, task, "don-doc", coordination=coordination.pk, note="x").status_code == 403
    client.force_login(users.stc_officer)
    assert press(client, task, "phoi-hop", text="x").status_code == 403
    assert snapshot() == before


# ---------------------------------------------------------------------------------------------------
# 8. Passing work down
# ---------------------------------------------------------------------------------------------------


def test_a_part_passed_to_a_sub_unit_is_seen_reported_and_rolls_up(
    client, users, sub_unit, sub_officer, district_task
):
    client.force_login(sub_officer)
    assert client.get(reverse("tasks:detail", args=[district_task.pk])).status_code == 404
    client.force_login(users.district_officer)
    response = press(
        client,
        district_task,
        "giao-cap-duoi",
        content="Tổng hợp số liệu kiểm đếm của các xã",
        assignee_unit=sub_unit.pk,
        deadline="15/04/2026",
    )
    assert success(response) == ["Đã giao phần việc cho cấp dưới."]
    part = district_task.parts.get()
    assert (part.assignee_unit, part.assignee, part.deadline, part.assigned_by) == (
        sub_unit,
        None,
        D("2026-04-15"),
        users.district_officer,
    )

    client.force_login(sub_officer)
    assert listed(client) == [district_task.pk]
    html = detail_html(client, district_task)
    assert 'data-act="bao-cao-phan-viec"' in html
    assert 'data-act="bao-cao"' not in html  # the whole task's progress is the lead unit's
    with clock.at(D("2026-03-05")):
        response = press(client, district_task, "bao-cao-phan-viec", part=part.pk, text="Đã kiểm đếm 5/10 xã")
        assert success(response) == ["Đã báo cáo phần việc."]
    district_task.refresh_from_db()
    assert district_task.started_on == D("2026-03-05")
    assert district_task.status(D("2026-03-05")) == Status.IN_PROGRESS_WITHIN
    with clock.at(D("2026-03-10")):
        response = press(
            client, district_task, "bao-cao-phan-viec", part=part.pk, text="Đã kiểm đếm xong", done="on"
        )
        assert success(response) == ["Đã báo cáo phần việc."]
    part.refresh_from_db()
    assert (part.started_on, part.done_on, part.last_report) == (
        D("2026-03-05"),
        D("2026-03-10"),
        "Đã kiểm đếm xong",
    )
    assert fresh(district_task).started_on == D("2026-03-05")

    client.force_login(users.district_officer)
    parts = section(detail_html(client, district_task), "parts")
    assert "Tổng hợp số liệu kiểm đếm của các xã — Phòng Tài chính - Kế hoạch huyện Tam Đường" in parts
    assert "hoàn thành 10/03/2026" in parts
    events = district_task.events.filter(kind__in=[EventKind.PASSED_DOWN, EventKind.PART_REPORTED]).order_by(
        "at", "id"
    )
    assert [(e.kind, e.actor, e.note) for e in events] == [
        (
            EventKind.PASSED_DOWN,
            users.district_officer,
            "Phòng Tài chính - Kế hoạch huyện Tam Đường: Tổng hợp số liệu kiểm đếm của các xã",
        ),
        (
            EventKind.PART_REPORTED,
            sub_officer,
            "Tổng hợp số liệu kiểm đếm của các xã — đang thực hiện: Đã kiểm đếm 5/10 xã",
        ),
        (
            EventKind.PART_REPORTED,
            sub_officer,
            "Tổng hợp số liệu kiểm đếm của các xã — hoàn thành: Đã kiểm đếm xong",
        ),
    ]


def test_a_part_passed_to_a_staff_member(client, users, district_staff, sub_officer, district_task):
    client.force_login(users.district_officer)
    for person in (district_staff, sub_officer):
        response = press(
            client, district_task, "giao-cap-duoi", content=f"Phần việc của {person}", assignee=person.pk
        )
        assert success(response) == ["Đã giao phần việc cho cấp dưới."]
    assert [p.assignee for p in district_task.parts.order_by("pk")] == [district_staff, sub_officer]

    client.force_login(sub_officer)  # seen because the part is the person's
    assert listed(client) == [district_task.pk]
    part = district_task.parts.get(assignee=sub_officer)
    response = press(client, district_task, "bao-cao-phan-viec", part=part.pk, text="Đang làm")
    assert success(response) == ["Đã báo cáo phần việc."]
    # Another person's part is not theirs to report.
    other = district_task.parts.get(assignee=district_staff)
    before = snapshot()
    assert press(client, district_task, "bao-cao-phan-viec", part=other.pk, text="x").status_code == 403
    assert snapshot() == before


def test_passing_down_outside_the_lead_units_own_team_is_refused(client, users, tree, district_task):
    client.force_login(users.district_officer)
    before = snapshot()
    error = form_error(
        press(client, district_task, "giao-cap-duoi", content="Phần việc", assignee_unit=tree.stc.pk)
    )
    assert "Lựa chọn này không có trong danh sách chọn; hãy chọn lại." in error
    assert snapshot() == before
    refusals = [
        ({"assignee_unit": tree.city}, "assignee_unit", "Đơn vị này không trực thuộc đơn vị chủ trì."),
        (
            {"assignee": users.stc_officer},
            "assignee",
            "Cán bộ này không thuộc đơn vị chủ trì hoặc đơn vị trực thuộc.",
        ),
        ({}, "__all__", "Chọn đơn vị cấp dưới hoặc cán bộ được giao."),
    ]
    for kwargs, field, message in refusals:
        with pytest.raises(ValidationError) as refused:
            actions.pass_down(users.district_officer, district_task, "Phần việc", **kwargs)
        assert (
            refused.value.message_dict == {field: [message]}
            if field != "__all__"
            else refused.value.messages == [message]
        )
    assert not TaskPart.objects.exists()


def test_a_parts_deadline_cannot_be_after_the_tasks(client, users, sub_unit, district_task):
    client.force_login(users.district_officer)
    error = form_error(
        press(
            client,
            district_task,
            "giao-cap-duoi",
            content="Phần việc",
            assignee_unit=sub_unit.pk,
            deadline="05/05/2026",
        )
    )
    assert "Thời hạn phần việc không được sau thời hạn của nhiệm vụ." in error
    assert not TaskPart.objects.exists()


def test_no_part_work_on_a_withdrawn_task(clerk, users, sub_unit, sub_officer, district_task):
    part = actions.pass_down(users.district_officer, district_task, "Kiểm đếm", assignee_unit=sub_unit)
    actions.withdraw_task(clerk, district_task, "Dự án dừng triển khai")
    before = snapshot()
    # Withdrawing ends the part too, so its sub-unit is refused outright.
    with pytest.raises((ValidationError, PermissionDenied)):
        actions.report_part(sub_officer, part, "Đã kiểm đếm xong", done=True)
    with pytest.raises(ValidationError):
        actions.pass_down(users.district_officer, fresh(district_task), "Việc mới", assignee_unit=sub_unit)
    assert snapshot() == before


# ---------------------------------------------------------------------------------------------------
# 9. The unit head's approval
# ---------------------------------------------------------------------------------------------------


def test_an_officers_progress_waits_for_the_head_then_takes_effect(
    client, users, district_head, approving_district, district_task
):
    client.force_login(users.district_officer)
    with clock.at(D("2026-03-03")):
        response = press(client, district_task, "bao-cao", text="Đã kiểm đếm 60% diện tích")
        assert success(response) == [
            "Đã lưu “Báo cáo tiến độ”; đang chờ thủ trưởng đơn vị duyệt rồi mới gửi Văn phòng."
        ]
    report = district_task.submissions.get()
    assert report.state == SubmissionState.AWAITING_HEAD
    district_task.refresh_from_db()
    assert district_task.started_on is None
    assert district_task.status(D("2026-03-03")) == Status.NOT_STARTED_WITHIN
    assert "Chờ thủ trưởng đơn vị duyệt" in section(detail_html(client, district_task), "submissions")
    assert kinds(district_task)[-1] == EventKind.SUBMITTED

    client.force_login(district_head)
    with clock.at(D("2026-03-04")):
        assert "Đã kiểm đếm 60% diện tích" in pending_sections(client)["to-approve"]
        response = press(client, district_task, "duyet", submission=report.pk, decision="approve", note="")
        assert success(response) == ["Đã duyệt và gửi Văn phòng “Báo cáo tiến độ”."]
        assert "to-approve" not in pending_sections(client)

    report.refresh_from_db()
    assert (report.state, report.approved_by, report.approved_at) == (
        SubmissionState.SUBMITTED,
        district_head,
        at("2026-03-04"),
    )
    district_task.refresh_from_db()
    assert district_task.started_on == D("2026-03-03")  # the day of the unit's report
    assert district_task.status(D("2026-03-04")) == Status.IN_PROGRESS_WITHIN
    assert kinds(district_task)[-3:] == [EventKind.SUBMITTED, EventKind.APPROVED, EventKind.PROGRESS]
    # The report's line names who wrote it, and who let it go out.
    *_, approved, progress = district_task.events.order_by("at", "id")
    assert (approved.actor, progress.actor) == (district_head, users.district_officer)
    assert progress.note.endswith(f"duyệt: {district_head}")


def test_declining_needs_a_reason_and_the_report_has_no_effect(
    client, users, district_head, approving_district, district_task, today
):
    actions.record_progress(users.district_officer, district_task, "Đã kiểm đếm 60% diện tích")
    report = district_task.submissions.get()
    client.force_login(district_head)
    error = form_error(
        press(client, district_task, "duyet", submission=report.pk, decision="decline", note="")
    )
    assert "Cần ghi lý do không duyệt." in error
    assert fresh_submission(report).state == SubmissionState.AWAITING_HEAD

    response = press(
        client,
        district_task,
        "duyet",
        submission=report.pk,
        decision="decline",
        note="Số liệu chưa khớp với biên bản",
    )

    assert success(response) == ["Đã không duyệt “Báo cáo tiến độ”; người soạn được báo lý do."]
    report.refresh_from_db()
    assert (report.state, report.decision_note) == (
        SubmissionState.DECLINED_BY_HEAD,
        "Số liệu chưa khớp với biên bản",
    )
    assert fresh(district_task).started_on is None
    assert fresh(district_task).status(today) == Status.NOT_STARTED_WITHIN
    assert EventKind.DECLINED in kinds(district_task) and EventKind.PROGRESS not in kinds(district_task)
    assert "to-approve" not in pending_sections(client)


def fresh_submission(submission) -> Submission:
    return Submission.objects.get(pk=submission.pk)


def test_the_heads_own_submissions_go_straight_out(
    client, district_head, approving_district, district_task, today
):
    client.force_login(district_head)
    assert success(press(client, district_task, "bao-cao", text="Đã kiểm đếm xong")) == [
        "Đã gửi báo cáo tiến độ."
    ]
    assert district_task.submissions.get().state == SubmissionState.SUBMITTED
    assert fresh(district_task).started_on == today


def test_without_the_requirement_an_officers_report_goes_straight_out(client, users, district_task, today):
    client.force_login(users.district_officer)
    assert success(press(client, district_task, "bao-cao", text="Đã kiểm đếm")) == ["Đã gửi báo cáo tiến độ."]
    assert district_task.submissions.get().state == SubmissionState.SUBMITTED
    assert fresh(district_task).started_on == today


def test_the_pending_page_lists_what_waits_for_each_person(
    client, clerk, users, leader, district_head, approving_district, district_task
):
    officer = users.district_officer
    actions.submit(officer, district_task, SubmissionKind.COMPLETION, "Đã bàn giao mặt bằng")
    actions.submit(
        officer,
        district_task,
        SubmissionKind.EXTENSION,
        "Vướng 3 hộ chưa nhận tiền",
        proposed_deadline=D("2026-06-30"),
    )
    client.force_login(district_head)
    waiting = pending_sections(client)["to-approve"]
    assert "Đề xuất hoàn thành" in waiting and "Đề xuất gia hạn" in waiting
    for office_person in (users.monitoring_officer, clerk, leader.user):
        client.force_login(office_person)
        assert "to-decide" not in pending_sections(client), office_person  # not out of the unit yet

    for submission in district_task.submissions.all():
        actions.approve_submission(district_head, submission, approve=True)

    client.force_login(users.monitoring_officer)
    to_decide = pending_sections(client)["to-decide"]
    assert "Đề xuất hoàn thành" in to_decide and "Đề xuất gia hạn" not in to_decide
    client.force_login(leader.user)
    to_decide = pending_sections(client)["to-decide"]
    assert "Đề xuất gia hạn" in to_decide and "Đề xuất hoàn thành" not in to_decide
    client.force_login(officer)
    mine = pending_sections(client)["mine"]
    assert "Đề xuất hoàn thành" in mine and "Đề xuất gia hạn" in mine
    client.force_login(district_head)
    assert "to-approve" not in pending_sections(client)


def test_a_report_waiting_for_the_head_has_not_reached_the_office(
    client, clerk, users, tree, approving_district, district_head, district_task
):
    actions.record_progress(users.district_officer, district_task, "Số liệu nháp chưa kiểm tra")
    declined = actions.record_progress(users.district_officer, district_task, "Báo cáo thứ hai")
    actions.approve_submission(district_head, declined, approve=False, note="Lý do nội bộ của huyện")
    for outsider in (clerk, users.monitoring_officer):
        client.force_login(outsider)
        listing = section(detail_html(client, district_task), "submissions")
        assert "Số liệu nháp chưa kiểm tra" not in listing
        assert "Báo cáo thứ hai" not in listing and "Lý do nội bộ của huyện" not in listing


def test_a_file_waiting_for_the_head_is_not_served_outside_the_unit(
    client, clerk, users, tree, approving_district, district_head, district_task
):
    """Regression: file ids are sequential; the download must hide what the task page hides (R-6.3)."""
    report = actions.record_progress(
        users.district_officer, district_task, "Biên bản nháp", uploads=[pdf_upload("bien-ban.pdf")]
    )
    url = reverse("tasks:file", args=[report.files.get().pk])
    for outsider in (clerk, users.monitoring_officer):
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider
    for insider in (users.district_officer, district_head):
        client.force_login(insider)
        assert client.get(url).status_code == 200, insider
    actions.approve_submission(district_head, report, approve=True)
    client.force_login(users.monitoring_officer)
    assert client.get(url).status_code == 200


# ---------------------------------------------------------------------------------------------------
# Two people at once: the second is told, nothing is lost
# ---------------------------------------------------------------------------------------------------


def test_two_confirmations_of_one_task_the_second_is_told(client, clerk, users, task):
    propose_completion(client, users.stc_officer, task)
    # Both open the task page with the confirm button.
    for person in (users.monitoring_officer, clerk):
        client.force_login(person)
        assert 'data-act="xac-nhan-hoan-thanh"' in detail_html(client, task)
    client.force_login(users.monitoring_officer)
    with clock.at(D("2026-03-19")):
        assert success(press(client, task, "xac-nhan-hoan-thanh", note="")) == [
            "Đã xác nhận hoàn thành nhiệm vụ."
        ]
    client.force_login(clerk)
    before = snapshot()
    with clock.at(D("2026-03-20")):
        error = form_error(press(client, task, "xac-nhan-hoan-thanh", note="Đạt"))

    assert "Nhiệm vụ đã được xác nhận hoàn thành." in error
    assert snapshot() == before
    assert fresh(task).completed_on == D("2026-03-19")
    assert task.events.filter(kind=EventKind.COMPLETED).count() == 1


def test_two_decisions_on_one_extension_the_second_is_told(client, users, task, leader):
    propose_extension(client, users.stc_officer, task)
    client.force_login(leader.user)
    assert success(
        press(client, task, "quyet-dinh-gia-han", decision="approve", note="Đồng ý", new_deadline="")
    ) == ["Đã đồng ý gia hạn; thời hạn mới 25/04/2026."]
    client.force_login(users.office_leader)
    before = snapshot()

    error = form_error(press(client, task, "quyet-dinh-gia-han", decision="reject", note="Không đồng ý"))

    assert "Không có đề xuất nào đang chờ xử lý (có thể người khác vừa xử lý)." in error
    assert snapshot() == before
    assert fresh(task).deadline == D("2026-04-25")
    assert DeadlineChange.objects.count() == 1


# ---------------------------------------------------------------------------------------------------
# Accountability: the journal cannot be edited or deleted
# ---------------------------------------------------------------------------------------------------


def test_the_journal_cannot_be_edited_or_deleted(users, task):
    actions.record_progress(users.stc_officer, task, "Đã giải ngân 45%")
    rows = list(TaskEvent.objects.order_by("id").values())
    event = task.events.get(kind=EventKind.PROGRESS)
    attempts = {
        "save": lambda: (setattr(event, "note", "Đã giải ngân 90%"), event.save()),
        "delete": event.delete,
        "queryset update": lambda: TaskEvent.objects.filter(task=task).update(note="sửa"),
        "queryset delete": lambda: TaskEvent.objects.filter(task=task).delete(),
        "related update": lambda: task.events.update(note="sửa"),
        "related delete": lambda: task.events.all().delete(),
        "bulk update": lambda: TaskEvent.objects.bulk_update([event], ["note"]),
    }
    for name, attempt in attempts.items():
        with pytest.raises(ValidationError) as refused, transaction.atomic():
            attempt()
        assert refused.value.messages in (["Nhật ký không được sửa."], ["Nhật ký không được xóa."]), name
    assert list(TaskEvent.objects.order_by("id").values()) == rows


# ---------------------------------------------------------------------------------------------------
# The Office enters a unit's paper report
# ---------------------------------------------------------------------------------------------------


def test_the_office_enters_a_units_paper_report(client, clerk, task, today):
    client.force_login(clerk)
    response = press(client, task, "bao-cao", text="Theo Báo cáo số 25/BC-STC", paper_number="25/BC-STC")
    assert success(response) == ["Đã gửi báo cáo tiến độ."]
    report = task.submissions.get()
    assert (report.author, report.state) == (clerk, SubmissionState.SUBMITTED)
    assert fresh(task).started_on == today


def test_an_administrator_without_a_unit_enters_a_report_without_a_server_error(client, users, task, today):
    """The matrix lets an administrator (and any superuser, often without a unit) enter a paper report;
    actions/submit.py once read user.unit.requires_head_approval and failed with a server error."""
    client.force_login(users.admin)
    assert users.admin.unit is None and can(users.admin, Act.REPORT_PROGRESS, task)
    response = press(client, task, "bao-cao", text="Nhập hộ theo Báo cáo số 25/BC-STC")
    assert success(response) == ["Đã gửi báo cáo tiến độ."]
    report = task.submissions.get()
    assert (report.author, report.state) == (users.admin, SubmissionState.SUBMITTED)
    assert fresh(task).started_on == today


def test_a_return_waiting_for_the_head_cannot_be_sent_twice(
    client, users, district_head, approving_district, district_task
):
    client.force_login(users.district_officer)
    response = press(client, district_task, "tra-lai", text="Không thuộc thẩm quyền của huyện")
    assert success(response) == [
        "Đã lưu “Trả lại nhiệm vụ”; đang chờ thủ trưởng đơn vị duyệt rồi mới gửi Văn phòng."
    ]
    assert 'data-act="tra-lai"' not in detail_html(client, district_task)
    before = snapshot()
    error = form_error(press(client, district_task, "tra-lai", text="Gửi lại lần nữa"))
    assert "Đã có một đề xuất cùng loại đang chờ xử lý." in error
    assert snapshot() == before


def test_the_leaders_pending_page_shows_the_dates_an_extension_is_about(client, users, task, leader):
    propose_extension(client, users.stc_officer, task)
    client.force_login(leader.user)
    with clock.at(D("2026-03-11")):
        assert (
            "Xin gia hạn đến 25/04/2026 (thời hạn hiện hành 20/03/2026)"
            in pending_sections(client)["to-decide"]
        )


def test_a_report_longer_than_ten_thousand_characters_is_refused(client, users, task):
    client.force_login(users.stc_officer)
    error = form_error(press(client, task, "bao-cao", text="Nội dung rất dài. " * 600))
    assert "Tối đa 10000 ký tự" in error
    assert not task.submissions.exists()


def test_a_part_goes_to_a_sub_unit_or_a_person_not_both(
    client, users, district_staff, sub_unit, district_task
):
    client.force_login(users.district_officer)
    response = press(client, district_task, "giao-cap-duoi", content="Kiểm kê", assignee_unit=sub_unit.pk,
                     assignee=district_staff.pk)  # fmt: skip
    assert "Chọn đơn vị cấp dưới hoặc cán bộ, không chọn cả hai." in form_error(response)
    assert not district_task.parts.exists()


def test_an_extension_must_move_the_working_day_that_counts(client, clerk, users, tree, today):
    """Deadline Sat 28/03/2026 counts to Mon 30/03: proposing Sun 29/03 or Mon 30/03 changes nothing."""
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-28"), deliver_on=DELIVERED)
    assert task.effective_deadline == D("2026-03-30")
    client.force_login(users.stc_officer)
    for proposed in ("29/03/2026", "30/03/2026"):
        error = form_error(
            press(client, task, "de-xuat-gia-han", text="Xin gia hạn", proposed_deadline=proposed)
        )
        assert "Thời hạn đề xuất phải sau thời hạn hiện hành (30/03/2026) và sau hôm nay." in error
    blank = form_error(press(client, task, "de-xuat-gia-han", text="Xin gia hạn", proposed_deadline=""))
    assert "Nhập thời hạn đề xuất (dd/mm/yyyy)." in blank
    response = press(client, task, "de-xuat-gia-han", text="Xin gia hạn", proposed_deadline="31/03/2026")
    assert success(response) == ["Đã gửi đề xuất gia hạn."]
