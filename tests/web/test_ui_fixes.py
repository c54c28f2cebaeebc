"""What the fresh-user walkthrough found on the pages (report-user.md #2, #4, #9, #11, #14–#17, report-adv #8,
review L-1), each checked as the user reads it."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.factories import DirectiveFactory, UnitFactory, UserFactory, docx_bytes, register_tasks
from tests.web.helpers import messages_of, text_of
from tests.web.test_register_page import ROW, RegisterPage

from vic.core import clock
from vic.reporting import actions as reporting
from vic.reporting.periods import parse
from vic.tasks import actions
from vic.tasks.models import Schedule, SubmissionKind, SubmissionState
from vic.tasks.workflow_forms import ResolveReturnForm
from vic.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]


@pytest.fixture
def stc_head(tree):
    return UserFactory(username="gd_stc", full_name="Nguyễn Văn Thành", unit_head=True, unit=tree.stc)


@pytest.fixture
def task(clerk, tree, users):
    (task,) = register_tasks(
        clerk,
        tree.stc,
        directive=DirectiveFactory(issue_date=D("2026-02-02")),
        deadline=D("2026-04-30"),
        monitoring_officers=[users.monitoring_officer],
        deliver_on=D("2026-02-02"),
    )
    return task


def act(client, task, slug, **fields):
    data = {f"{slug}-{k}": v for k, v in fields.items()}
    return client.post(reverse("tasks:act", args=[task.pk, slug]), data)


# --- No officer named: the register page warns (#2) -----------------------------------------------------


def test_saving_tasks_without_an_officer_warns_who_will_be_told(client, clerk, tree, users):
    client.force_login(clerk)
    page = RegisterPage(client)
    officer = str(users.monitoring_officer.pk)
    response = page.post([ROW, {**ROW, "content": "Tổng hợp báo cáo", "monitoring_officer": officer}])
    said = messages_of(response)
    assert said[0] == "Đã lưu và chuyển giao 2 nhiệm vụ."
    assert said[1].startswith(
        "1 nhiệm vụ chưa có chuyên viên theo dõi: báo cáo, đề xuất của đơn vị sẽ được báo"
    )

    response = RegisterPage(client).post([{**ROW, "monitoring_officer": officer}], number="847")
    assert messages_of(response) == ["Đã lưu và chuyển giao 1 nhiệm vụ."]


# --- The late delivery on the task page (#8) ------------------------------------------------------------


def test_the_late_delivery_shows_on_the_task_page_to_the_office_only(client, clerk, tree, users):
    with clock.at(D("2026-02-02")):
        (late,) = register_tasks(
            clerk,
            tree.stc,
            directive=DirectiveFactory(issue_date=D("2026-02-02")),
            deliver_on=D("2026-02-04"),
        )
    client.force_login(clerk)
    office = text_of(html_of(client, reverse("tasks:detail", args=[late.pk])))
    assert "chậm so với hạn 03/02/2026" in office and "Chuyển muộn so với hạn 03/02/2026" in office
    client.force_login(users.stc_officer)
    unit = text_of(html_of(client, reverse("tasks:detail", args=[late.pk])))
    assert "Chuyển giao cho đơn vị" in unit
    assert "chậm so với hạn" not in unit and "Chuyển muộn" not in unit


# --- Tổng quan: the chart per unit (#4) -----------------------------------------------------------------


def chart_data(client) -> dict:
    html = html_of(client, reverse("core:home"))
    match = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no chart on the page"
    return json.loads(match.group(1))


def test_the_chart_draws_the_busiest_units_not_those_with_nothing_counted(client, clerk, tree):
    # 26 units whose only tasks have no deadline: nothing of the six statuses, alphabetically first.
    idle = [UnitFactory(name=f"Ban quản lý {i:02d}", short_name=f"BQL{i:02d}") for i in range(26)]
    register_tasks(clerk, idle, schedule=Schedule.ONGOING, deadline=None, deliver_on=D("2026-02-02"))
    busy = UnitFactory(name="Sở Xây dựng", short_name="SXD")
    for _ in range(3):
        register_tasks(clerk, busy, deadline=D("2026-04-30"), deliver_on=D("2026-02-02"))
    register_tasks(clerk, tree.skhdt, deadline=D("2026-04-30"), deliver_on=D("2026-02-02"))
    register_tasks(clerk, tree.stc, deadline=D("2026-02-20"), deliver_on=D("2026-02-02"))  # overdue
    client.force_login(clerk)

    chart = chart_data(client)

    # Most overdue first, then the most tasks; a unit with nothing to draw gets no bar.
    assert chart["labels"] == ["STC", "SXD", "SKHĐT"]
    by_status = {d["label"]: d["data"] for d in chart["datasets"]}
    assert by_status["Chưa thực hiện quá hạn"] == [1, 0, 0]
    assert by_status["Chưa thực hiện trong hạn"] == [0, 3, 1]
    table = text_of(section(html_of(client, reverse("core:home")), "unit-table"))
    assert "BQL00 0 0 0 0 0 0 1 1" in table  # still in the table, with its task without a deadline


def test_the_chart_keeps_at_most_25_units(client, clerk, tree):
    units = [UnitFactory(name=f"Đơn vị {i:02d}", short_name=f"ĐV{i:02d}") for i in range(27)]
    register_tasks(clerk, units, deadline=D("2026-04-30"), deliver_on=D("2026-02-02"))
    register_tasks(clerk, units[26], deadline=D("2026-04-30"), deliver_on=D("2026-02-02"))
    client.force_login(clerk)
    labels = chart_data(client)["labels"]
    assert len(labels) == 25 and labels[0] == "ĐV26"  # two tasks: the busiest first


# --- Chờ xử lý of a unit head: the periodic report (#16) ----------------------------------------------


def test_the_heads_pending_page_lists_the_report_waiting_for_him(client, users, tree, stc_head):
    report = reporting.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-02"))
    reporting.send_to_head(users.stc_officer, report, {"results": "Thu ngân sách đạt 12%"}, report.revision)
    client.force_login(stc_head)

    html = html_of(client, reverse("tasks:pending"))

    rows = section(html, "reports-to-approve")
    assert f'href="{reverse("reporting:unit_report", args=[report.pk])}"' in rows
    assert "Báo cáo tháng 2 năm 2026 (lần 1)" in text_of(rows)
    assert str(users.stc_officer) in text_of(rows)
    assert "Không có việc nào đang chờ." not in html


def test_the_report_leaves_the_list_once_sent_and_no_one_else_sees_it(client, users, tree, stc_head):
    other_head = UserFactory(username="gd_skhdt", unit_head=True, unit=tree.skhdt)
    report = reporting.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-02"))
    reporting.send_to_head(users.stc_officer, report, {"results": "Thu ngân sách đạt 12%"}, report.revision)
    for someone in (other_head, users.stc_officer, users.office_leader):
        client.force_login(someone)
        assert "reports-to-approve" not in html_of(client, reverse("tasks:pending"))
    reporting.approve_and_submit(stc_head, report, expected_revision=report.revision)
    client.force_login(stc_head)
    assert "reports-to-approve" not in html_of(client, reverse("tasks:pending"))


# --- One date-time format (#9) --------------------------------------------------------------------------


def test_the_unit_report_shows_the_sending_time_date_first(client, users, tree, stc_head):
    report = reporting.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-02"))
    with clock.at(datetime.datetime(2026, 3, 2, 18, 33, tzinfo=datetime.UTC) - datetime.timedelta(hours=7)):
        reporting.approve_and_submit(stc_head, report, expected_revision=report.revision)
    client.force_login(stc_head)
    text = text_of(html_of(client, reverse("reporting:unit_report", args=[report.pk])))
    assert "Gửi lúc: 02/03/2026 18:33 bởi Nguyễn Văn Thành" in text
    assert "Lần 1 — Đã gửi, 02/03/2026 18:33" in text


def test_a_stale_decision_says_when_the_task_moved_date_first(client, users, task):
    seen = task.version
    with clock.at(datetime.datetime(2026, 3, 2, 3, 15, tzinfo=datetime.UTC)):  # 10:15 in Hà Nội
        actions.record_progress(users.stc_officer, task, "Đã họp triển khai")
    client.force_login(users.monitoring_officer)
    response = client.post(
        reverse("tasks:act", args=[task.pk, "xac-nhan-hoan-thanh"]),
        {"seen_version": seen, "xac-nhan-hoan-thanh-note": ""},
    )
    assert response.status_code == 409
    said = f"Sau khi bạn mở trang, nhiệm vụ đã thay đổi lúc 02/03/2026 10:15: “Báo cáo tiến độ” ({users.stc_officer})."
    assert said in text_of(response.content.decode())


def test_a_receipt_or_a_report_waiting_for_its_head_does_not_make_a_decision_stale(client, users, task, tree):
    """Neither changes what the Office decides on (the report has no effect until the head sends it)."""
    tree.stc.requires_head_approval = True
    tree.stc.save()
    seen = task.version
    actions.submit(users.stc_officer, task, SubmissionKind.PROGRESS, "Đang tổng hợp số liệu")
    assert task.submissions.get().state == SubmissionState.AWAITING_HEAD
    client.force_login(users.monitoring_officer)
    response = client.post(
        reverse("tasks:act", args=[task.pk, "xac-nhan-hoan-thanh"]),
        {
            "seen_version": seen,
            "xac-nhan-hoan-thanh-note": "",
            "xac-nhan-hoan-thanh-completed_on": "02/03/2026",
        },
    )
    assert response.status_code != 409


# --- Wording (#11, #15) ---------------------------------------------------------------------------------


def test_the_inbox_title_is_its_menu_item(client, users):
    client.force_login(users.stc_officer)
    html = html_of(client, reverse("tasks:inbox"))
    assert re.search(r"<h1[^>]*>Nhiệm vụ mới nhận — Sở Tài chính</h1>", html)
    assert "Nhiệm vụ đơn vị đang thực hiện" not in html


def test_the_return_form_asks_for_the_reason(client, users, task):
    client.force_login(users.stc_officer)
    html = html_of(client, reverse("tasks:detail", args=[task.pk]))
    form = html.split('data-testid="form-tra-lai"', 1)[1].split("</form>", 1)[0]
    assert re.search(r'<label[^>]*for="id_tra-lai-text"[^>]*>Lý do trả lại</label>', form)
    response = act(client, task, "tra-lai", text="Không thuộc chức năng của Sở")
    assert messages_of(response) == ["Đã trả lại nhiệm vụ."]


def test_the_heads_approval_says_where_it_went(client, users, tree, task, stc_head):
    tree.stc.requires_head_approval = True
    tree.stc.save()
    progress = actions.record_progress(users.stc_officer, task, "Đã họp triển khai")
    client.force_login(stc_head)
    response = act(client, task, "duyet", submission=progress.pk, decision="approve", note="")
    assert messages_of(response) == ["Đã duyệt và gửi Văn phòng “Báo cáo tiến độ”."]


def test_a_coordinators_note_approved_goes_to_the_lead_unit(users, tree):
    from vic.tasks.models import Submission, SubmissionState
    from vic.tasks.workflow_views import STEPS

    note = Submission(kind=SubmissionKind.CONTRIBUTION, state=SubmissionState.SUBMITTED)
    assert (
        STEPS["duyet"].done(note, {})
        == "Đã duyệt và gửi đơn vị chủ trì “Ý kiến, kết quả của đơn vị phối hợp”."
    )


# --- Unit pickers (#14) ---------------------------------------------------------------------------------


def test_pickers_offer_neither_the_office_nor_a_sub_unit_first(tree):
    sub_unit = UnitFactory(name="Phòng Quản lý ngân sách", kind=UnitKind.SUB_UNIT, parent=tree.stc, order=0)
    offered = list(ResolveReturnForm().fields["new_lead"].queryset)
    assert not {tree.office, tree.th, tree.kt, tree.province} & set(offered)
    assert offered.index(sub_unit) > max(offered.index(u) for u in tree.departments | tree.districts)


def test_the_register_page_does_not_offer_the_office_and_refuses_it_typed(client, clerk, tree):
    client.force_login(clerk)
    page = RegisterPage(client)
    names = re.findall(
        r'<option value="([^"]*)">', page.html.split('id="unit-names"', 1)[1].split("</datalist>")[0]
    )
    assert "Sở Tài chính" in names
    assert not {"Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", "Phòng Tổng hợp"} & set(names)
    submitting = page.html.split('name="submitting_unit"', 1)[1].split("</select>", 1)[0]
    assert "Văn phòng Ủy ban nhân dân tỉnh" in submitting  # the Office may still submit a document

    response = page.post([{**ROW, "lead": "VP UBND tỉnh"}], create_external="on")

    assert response.status_code == 200
    assert (
        "“VP UBND tỉnh” không nhận nhiệm vụ chủ trì, phối hợp: UBND tỉnh, Văn phòng và các phòng của Văn phòng "
        "giao và theo dõi nhiệm vụ"
    ) in text_of(response.content.decode())
    assert not Unit.objects.filter(kind=UnitKind.EXTERNAL).exists()  # no namesake made outside the tree


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("VP UBND tỉnh", "“VP UBND tỉnh” không nhận nhiệm vụ chủ trì, phối hợp"),
        ("Së Tµi chÝnh", "gõ bằng phông cũ (TCVN3/ABC hoặc VNI)"),
        ("Bộ Ngoại giao Xứ Sở", "Không tìm thấy đơn vị: Bộ Ngoại giao Xứ Sở."),
    ],
)
def test_the_live_unit_preview_says_what_saving_would_say(client, clerk, tree, typed, said):
    client.force_login(clerk)
    preview = client.get(reverse("directives:resolve_preview"), {"tasks-0-lead": typed}).content.decode()
    assert said in text_of(preview)
    assert "Chưa có trong danh mục" not in preview


# --- A refused form names the files to choose again (report-adv #8) ------------------------------------


def test_a_refused_progress_report_names_the_file_to_choose_again(client, users, task):
    client.force_login(users.stc_officer)
    upload = SimpleUploadedFile("baocao-quy4.docx", docx_bytes("Báo cáo quý IV"))
    response = act(
        client, task, "bao-cao", text="Báo cáo dài giữ lại XYZ", paper_date="31/02/2026", files=upload
    )
    assert response.status_code == 400
    warning = section(response.content.decode(), "reselect-files").split("</div>", 1)[0]
    assert "Tệp đã chọn chưa được lưu (baocao-quy4.docx)" in warning and "hãy chọn lại tệp" in warning


def test_a_refused_file_is_not_asked_for_again(client, users, task):
    client.force_login(users.stc_officer)
    bad = SimpleUploadedFile("chuong-trinh.exe", b"MZ\x90\x00")
    response = act(client, task, "bao-cao", text="Báo cáo", files=bad)
    assert response.status_code == 400
    assert "reselect-files" not in response.content.decode()


def test_a_refused_difficulty_message_names_the_file_to_choose_again(client, users, task):
    from vic.difficulties import actions as difficulty_actions
    from vic.difficulties.models import About

    difficulty = difficulty_actions.raise_difficulty(
        users.stc_officer,
        subject="Thiếu hướng dẫn",
        description="Chưa có mẫu biểu",
        about=About.TASK,
        task=task,
    )
    client.force_login(users.stc_officer)
    upload = SimpleUploadedFile("bieu-mau.docx", docx_bytes("Biểu mẫu"))
    response = client.post(
        reverse("difficulties:act", args=[difficulty.pk, "trao-doi"]),
        {"trao-doi-text": "", "trao-doi-files": upload},
    )
    assert response.status_code == 400
    assert "Tệp đã chọn chưa được lưu (bieu-mau.docx)" in response.content.decode()


# --- A draft shows no overdue hint (review L-1) ---------------------------------------------------------


def test_a_draft_past_its_deadline_shows_no_overdue_hint(client, clerk, tree):
    (draft,) = register_tasks(
        clerk, tree.stc, directive=DirectiveFactory(issue_date=D("2026-02-02")), deadline=D("2026-02-23")
    )
    client.force_login(clerk)
    text = text_of(html_of(client, reverse("tasks:detail", args=[draft.pk])))
    assert "Chưa chuyển giao" in text
    assert "quá hạn" not in text


# --- vic serve --help (#17) -----------------------------------------------------------------------------


def test_serve_help_describes_host_port_and_workers(capsys):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit):
        ManagementUtility(["vic", "serve", "--help"]).execute()
    out = " ".join(capsys.readouterr().out.split())
    assert "--host HOST Địa chỉ máy chủ lắng nghe (mặc định theo VIC_HOST, không có thì 127.0.0.1)." in out
    assert "--port PORT Cổng phục vụ (mặc định theo VIC_PORT, không có thì 8000)." in out
    assert (
        "--workers WORKERS Số tiến trình gunicorn xử lý yêu cầu (mặc định theo VIC_WORKERS, không có thì 3)."
        in out
    )
