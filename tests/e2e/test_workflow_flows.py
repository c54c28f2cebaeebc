"""A unit works its tasks through the task page's "Thao tác" panel, and the Office and leaders answer (issue 3).

Acknowledge → progress with a file → completion proposal → the monitoring officer confirms; a return
that the clerk resolves by giving the task to another unit; an overdue update that needs an
explanation (R-11.2); an extension the assigning Vice Chairman approves; a unit whose head approves
before anything goes out (R-6.3). Each test builds its small province through the actions.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from tests.e2e.helpers import PASSWORD, dmy, login, register, spec, submit

from vic.core import clock
from vic.tasks.models import Task
from vic.units.models import Leader, LeaderPosition, Role, Unit, UnitKind, User

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

DONE = "Tham mưu điều chuyển vốn đầu tư công của các dự án giải ngân chậm"
RETURNED = "Xây dựng đề án phát triển du lịch sinh thái rừng ngập mặn"
EXTENDED = "Rà soát, đề xuất phân bổ nguồn tăng thu ngân sách năm 2026"
HEAD = "Báo cáo tình hình thu, chi ngân sách quý III"
OVERDUE = "Tổng hợp nhu cầu vốn đối ứng các dự án ODA"
# A submission writes files and several rows; on a busy machine it may take longer than a click.
NAVIGATION_TIMEOUT = 30_000


@dataclass
class Team:
    """Who acts in these tests besides the province fixture's clerk and STC officer."""

    budget: Unit  # Phòng Ngân sách, sub-unit of Sở Tài chính
    monitor: User  # monitoring officer of Phòng Tổng hợp
    stc_head: User  # unit head of Sở Tài chính
    skhdt_officer: User  # unit officer of Sở Kế hoạch và Đầu tư
    vice_chairman: User  # provincial leader, the Leader who assigns the tasks
    leader: Leader


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # attachments of these tests never reach var/media


@pytest.fixture
def team(province) -> Team:
    def user(username, role, unit, full_name):
        return User.objects.create_user(
            username, password=PASSWORD, role=role, unit=unit, full_name=full_name
        )

    vice = user("pct_e2e", Role.PROVINCIAL_LEADER, province.province, "Nguyễn Văn Minh")
    return Team(
        budget=Unit.objects.create(
            name="Phòng Ngân sách", code="stc-ns", kind=UnitKind.SUB_UNIT, parent=province.stc, order=1
        ),
        monitor=user("theodoi_e2e", Role.MONITORING_OFFICER, province.th, "Đỗ Thị Theo Dõi"),
        stc_head=user("gd_stc_e2e", Role.UNIT_HEAD, province.stc, "Võ Văn Giám"),
        skhdt_officer=user("skhdt_e2e", Role.UNIT_OFFICER, province.skhdt, "Huỳnh Thị Kế"),
        vice_chairman=vice,
        leader=Leader.objects.create(
            name="Nguyễn Văn Minh", position=LeaderPosition.VICE_CHAIRMAN, user=vice
        ),
    )


@pytest.fixture
def tasks(province, team) -> dict[str, Task]:
    """Four tasks of Sở Tài chính due in the future, delivered two days ago, and one overdue."""
    today = clock.today()
    days = datetime.timedelta

    def task(content, deadline):
        return spec(
            province.stc,
            content,
            deadline,
            monitoring_department=province.th,
            monitoring_officers=[team.monitor],
            assigning_leader=team.leader,
        )

    register(
        province.clerk,
        "912",
        [
            task(DONE, today + days(20)),
            task(RETURNED, today + days(25)),
            task(EXTENDED, today + days(10)),
            task(HEAD, today + days(15)),
        ],
        on=today - days(2),
    )
    register(
        province.clerk,
        "640",
        [task(OVERDUE, today - days(10))],
        on=today - days(40),
        abstract="Về việc chuẩn bị vốn đối ứng các dự án ODA",
    )
    return {t.content: t for t in Task.objects.all()}


def pdf(path: Path) -> Path:
    """A small but real one-page PDF (with a correct cross-reference table)."""
    content = b"BT /F1 18 Tf 72 760 Td (Bao cao tien do) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


# --- the page, as a person uses it ------------------------------------------------------------------


def switch_user(page: Page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def open_task(page: Page, task: Task) -> None:
    response = page.goto(f"/nhiem-vu/{task.pk}/")
    assert response.status == 200, response.status
    expect(page.get_by_test_id("task-content")).to_have_text(task.content)


def status(page: Page) -> Locator:
    return page.locator("[data-status]").first


def open_action(page: Page, label: str, slug: str) -> Locator:
    """Click a button of the "Thao tác" panel and return the form it unfolds."""
    panel = page.get_by_test_id("action-panel")
    panel.get_by_role("button", name=label, exact=True).click()
    form = page.get_by_test_id(f"form-{slug}")
    expect(form).to_be_visible()
    return form


def send(page: Page, form: Locator, message: str | None = None) -> None:
    """Submit a form and wait for the page that answers (the task page again, with a message or errors)."""
    submit(page, form.get_by_role("button", name="Gửi", exact=True), NAVIGATION_TIMEOUT)
    if message:
        expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()


def submissions(page: Page) -> Locator:
    return page.get_by_test_id("submissions").locator("li")


# --- the flows ----------------------------------------------------------------------------------------


def test_acknowledge_progress_completion_confirmed(page: Page, province, team, tasks, tmp_path):
    task = tasks[DONE]
    login(page, "stc_e2e")
    open_task(page, task)
    expect(status(page)).to_have_text("Chưa thực hiện trong hạn")

    submit(page, page.get_by_test_id("action-panel").get_by_role("button", name="Xác nhận đã nhận nhiệm vụ"))
    expect(page.get_by_role("alert").filter(has_text="Đã xác nhận đã nhận nhiệm vụ.")).to_be_visible()
    receipt = page.locator("div").filter(has=page.get_by_text("Đơn vị chủ trì xác nhận đã nhận:")).last
    expect(receipt).to_contain_text(f"{dmy(clock.today())}")
    expect(receipt).to_contain_text("(Lê Văn Tài)")
    expect(page.get_by_role("button", name="Xác nhận đã nhận nhiệm vụ")).to_have_count(0)

    form = open_action(page, "Báo cáo tiến độ", "bao-cao")
    form.get_by_label("Nội dung").fill(
        "Đã rà soát 12 dự án giải ngân dưới 30%, dự thảo tờ trình điều chuyển."
    )
    form.get_by_label("Số văn bản báo cáo (nếu có)").fill("215/STC-NS")
    form.get_by_label("Tệp đính kèm").set_input_files(pdf(tmp_path / "bao-cao-tien-do.pdf"))
    send(page, form, "Đã gửi báo cáo tiến độ.")
    expect(status(page)).to_have_text("Đang thực hiện trong hạn")
    report = submissions(page).filter(has_text="Đã rà soát 12 dự án")
    expect(report).to_contain_text("215/STC-NS")
    expect(report.get_by_role("link", name="bao-cao-tien-do.pdf")).to_be_visible()
    with page.expect_download() as download:
        report.get_by_role("link", name="bao-cao-tien-do.pdf").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-1.4")

    form = open_action(page, "Đề xuất hoàn thành", "de-xuat-hoan-thanh")
    form.get_by_label("Nội dung").fill(
        "Đã trình UBND tỉnh Tờ trình số 230/TTr-STC; đề nghị xác nhận hoàn thành."
    )
    send(page, form, "Đã gửi đề xuất hoàn thành.")
    expect(submissions(page).filter(has_text="Tờ trình số 230")).to_contain_text("Đã gửi")
    expect(page.get_by_role("button", name="Đề xuất hoàn thành", exact=True)).to_have_count(0)
    expect(status(page)).to_have_text("Đang thực hiện trong hạn")  # only the Office's confirmation counts

    switch_user(page, "theodoi_e2e")
    page.get_by_role("link", name="Chờ xử lý").click()
    expect(page.get_by_test_id("to-decide")).to_contain_text("Đề xuất hoàn thành")
    page.get_by_test_id("to-decide").get_by_role("link", name=DONE).click()
    form = open_action(page, "Xác nhận hoàn thành", "xac-nhan-hoan-thanh")
    expect(form).to_contain_text("Tờ trình số 230")
    form.get_by_label("Ý kiến").fill("Đủ hồ sơ.")
    send(page, form, "Đã xác nhận hoàn thành nhiệm vụ.")
    expect(status(page)).to_have_text("Hoàn thành đúng hạn")
    expect(page.get_by_text("Hoàn thành (Văn phòng xác nhận)")).to_be_visible()
    expect(page.locator(".col-md-4").filter(has_text="Hoàn thành (Văn phòng xác nhận)")).to_contain_text(
        dmy(clock.today())
    )
    expect(submissions(page).filter(has_text="Tờ trình số 230")).to_contain_text("Đã chấp nhận")
    expect(page.get_by_test_id("action-panel")).to_have_count(0)


def test_return_then_reassigned_to_another_unit(page: Page, province, team, tasks):
    task = tasks[RETURNED]
    login(page, "stc_e2e")
    open_task(page, task)
    form = open_action(page, "Trả lại nhiệm vụ", "tra-lai")
    form.get_by_label("Lý do trả lại").fill(
        "Nội dung thuộc chức năng của Sở Kế hoạch và Đầu tư, đề nghị giao lại."
    )
    send(page, form, "Đã trả lại nhiệm vụ.")
    expect(status(page)).to_have_text("Đã trả lại")
    expect(page.get_by_role("button", name="Báo cáo tiến độ", exact=True)).to_have_count(0)

    switch_user(page, "vanthu_e2e")
    open_task(page, task)
    form = open_action(page, "Xử lý nhiệm vụ bị trả lại", "xu-ly-tra-lai")
    expect(form).to_contain_text("Sở Tài chính trả lại nhiệm vụ")
    form.get_by_label("Giao cho đơn vị khác chủ trì").check()
    form.get_by_label("Đơn vị chủ trì mới").select_option(label="Sở Kế hoạch và Đầu tư")
    form.get_by_label("Ý kiến").fill("Giao Sở Kế hoạch và Đầu tư chủ trì theo chức năng.")
    send(page, form, "Đã xử lý nhiệm vụ bị trả lại.")
    expect(page.get_by_test_id("task-lead")).to_have_text("Sở Kế hoạch và Đầu tư")
    expect(status(page)).to_have_text("Chưa thực hiện trong hạn")
    expect(page.get_by_test_id("journal")).to_contain_text("Giao Sở Kế hoạch và Đầu tư chủ trì")

    switch_user(page, "skhdt_e2e")
    page.get_by_role("link", name="Nhiệm vụ mới nhận").click()
    lead = page.get_by_test_id("inbox-lead").locator("tbody tr")
    expect(lead).to_have_count(1)
    expect(lead).to_contain_text(RETURNED)
    lead.get_by_role("link", name=RETURNED).click()
    expect(page.get_by_role("button", name="Xác nhận đã nhận nhiệm vụ")).to_be_visible()

    switch_user(page, "stc_e2e")
    response = page.goto(f"/nhiem-vu/{task.pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(RETURNED)
    page.get_by_role("link", name="Nhiệm vụ mới nhận").click()
    expect(page.get_by_role("main")).not_to_contain_text(RETURNED)


def test_overdue_progress_needs_an_explanation(page: Page, province, team, tasks):
    task = tasks[OVERDUE]
    login(page, "stc_e2e")
    open_task(page, task)
    expect(status(page)).to_have_text("Chưa thực hiện quá hạn")

    text = "Đã tổng hợp nhu cầu vốn đối ứng của 4/6 dự án."
    form = open_action(page, "Báo cáo tiến độ", "bao-cao")
    form.get_by_label("Nội dung").fill(text)
    send(page, form)
    form = page.get_by_test_id("form-bao-cao")
    expect(form).to_be_visible()  # the page came back with the form open
    explanation = form.get_by_label("Giải trình lý do chậm (bắt buộc khi nhiệm vụ đã quá hạn)")
    error = explanation.locator("xpath=..").get_by_test_id("field-error")
    expect(error).to_have_text("Nhiệm vụ đã quá hạn: cần giải trình lý do chậm (Điều 11).")
    expect(form.get_by_label("Nội dung")).to_have_value(text)
    expect(status(page)).to_have_text("Chưa thực hiện quá hạn")
    expect(submissions(page)).to_have_text(["Chưa có báo cáo, đề xuất."])

    explanation.fill("Hai dự án chưa được Bộ Tài chính thông báo hạn mức vốn vay.")
    send(page, form, "Đã gửi báo cáo tiến độ.")
    expect(status(page)).to_have_text("Đang thực hiện quá hạn")
    report = submissions(page).filter(has_text=text)
    expect(report).to_contain_text("Giải trình: Hai dự án chưa được Bộ Tài chính thông báo hạn mức vốn vay.")
    expect(page.get_by_test_id("journal")).to_contain_text("Hai dự án chưa được Bộ Tài chính")


def test_extension_approved_by_the_assigning_vice_chairman(page: Page, province, team, tasks):
    task = tasks[EXTENDED]
    original, proposed = task.deadline, task.deadline + datetime.timedelta(days=21)
    login(page, "stc_e2e")
    open_task(page, task)
    form = open_action(page, "Đề xuất gia hạn", "de-xuat-gia-han")
    expect(form.get_by_label("Giải trình lý do chậm (bắt buộc khi nhiệm vụ đã quá hạn)")).to_have_count(0)
    form.get_by_label("Nội dung").fill("Chờ Bộ Tài chính giao dự toán bổ sung, đề nghị gia hạn.")
    form.get_by_label("Thời hạn đề xuất").fill(dmy(proposed))
    send(page, form, "Đã gửi đề xuất gia hạn.")
    expect(submissions(page).filter(has_text="Chờ Bộ Tài chính")).to_contain_text(
        f"Thời hạn đề xuất: {dmy(proposed)}"
    )
    expect(page.get_by_test_id("task-deadline")).to_have_text(dmy(original))

    switch_user(page, "pct_e2e")
    page.get_by_role("link", name="Chờ xử lý").click()
    to_decide = page.get_by_test_id("to-decide")
    expect(to_decide).to_contain_text("Đề xuất gia hạn")
    to_decide.get_by_role("link", name=EXTENDED).click()
    form = open_action(page, "Quyết định gia hạn", "quyet-dinh-gia-han")
    expect(form).to_contain_text(f"đề xuất gia hạn đến {dmy(proposed)}")
    expect(form.get_by_label("Thời hạn mới")).to_have_value(dmy(proposed))
    form.get_by_label("Đồng ý", exact=True).check()
    form.get_by_label("Ý kiến").fill("Đồng ý gia hạn.")
    send(page, form, f"Đã đồng ý gia hạn; thời hạn mới {dmy(proposed)}.")

    expect(page.get_by_test_id("task-deadline")).to_have_text(dmy(proposed))
    expect(page.get_by_text(f"Thời hạn ban đầu: {dmy(original)}").first).to_be_visible()
    history = page.get_by_test_id("deadline-history")
    expect(history.locator("li").first).to_have_text(f"Thời hạn ban đầu: {dmy(original)}")
    expect(history.locator("li").nth(1)).to_contain_text(f"{dmy(original)} → {dmy(proposed)}")
    expect(history.locator("li").nth(1)).to_contain_text("Nguyễn Văn Minh")
    expect(submissions(page).filter(has_text="Chờ Bộ Tài chính")).to_contain_text("Đã chấp nhận")

    # The unit sees the deadline in force too.
    switch_user(page, "stc_e2e")
    open_task(page, task)
    expect(page.get_by_test_id("task-deadline")).to_have_text(dmy(proposed))


def test_head_approves_before_progress_counts(page: Page, province, team, tasks):
    Unit.objects.filter(pk=province.stc.pk).update(requires_head_approval=True)
    task = tasks[HEAD]
    login(page, "stc_e2e")
    open_task(page, task)
    form = open_action(page, "Báo cáo tiến độ", "bao-cao")
    form.get_by_label("Nội dung").fill("Đã tổng hợp số thu quý III của 9 huyện, thành phố.")
    send(page, form, "Đã lưu “Báo cáo tiến độ”; đang chờ thủ trưởng đơn vị duyệt rồi mới gửi Văn phòng.")
    report = submissions(page).filter(has_text="số thu quý III")
    expect(report).to_contain_text("Chờ thủ trưởng đơn vị duyệt")
    expect(status(page)).to_have_text("Chưa thực hiện trong hạn")
    expect(page.get_by_role("button", name="Duyệt báo cáo, đề xuất")).to_have_count(0)

    switch_user(page, "gd_stc_e2e")
    page.get_by_role("link", name="Chờ xử lý").click()
    to_approve = page.get_by_test_id("to-approve")
    expect(to_approve.locator("tbody tr")).to_have_count(1)
    expect(to_approve).to_contain_text("Lê Văn Tài")
    to_approve.get_by_role("link", name=HEAD).click()
    expect(page).to_have_url(re.compile(rf"/nhiem-vu/{task.pk}/$"))
    form = open_action(page, "Duyệt báo cáo, đề xuất", "duyet")
    expect(form).to_contain_text("số thu quý III")
    form.get_by_label("Duyệt, gửi đi").check()
    send(page, form, "Đã duyệt và gửi Văn phòng “Báo cáo tiến độ”.")

    expect(status(page)).to_have_text("Đang thực hiện trong hạn")
    report = submissions(page).filter(has_text="số thu quý III")
    expect(report).to_contain_text("Đã gửi")
    expect(report).to_contain_text("Thủ trưởng: Võ Văn Giám")
    page.get_by_role("link", name="Chờ xử lý").click()
    expect(page.get_by_test_id("to-approve")).to_have_count(0)
