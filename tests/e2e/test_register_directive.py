"""The clerk registers a document and delivers its tasks through the registration page (SCREENS.md "Nhập văn bản")."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.helpers import ISSUER, dmy, login, register, spec

from vic.core import clock
from vic.directives.models import Directive
from vic.tasks.models import Task

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

ABSTRACT = "Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026"
ROW1 = "Tham mưu UBND tỉnh điều chuyển vốn của các dự án giải ngân chậm"
ROW2 = "Rà soát, đẩy nhanh giải phóng mặt bằng các dự án trên địa bàn"


def open_register_page(page: Page) -> None:
    page.get_by_role("link", name="Nhập văn bản mới").click()
    expect(page.get_by_role("heading", name="Nhập văn bản giao nhiệm vụ")).to_be_visible()


def fill_directive(page: Page, *, number="846", issue_date: str, secrecy: str | None = None) -> None:
    page.locator("#id_kind").select_option(label="Công văn")
    page.locator("#id_number").fill(number)
    page.locator("#id_symbol").fill("UBND-TH")
    page.locator("#id_issuer").fill(ISSUER)
    page.locator("#id_issue_date").fill(issue_date)
    page.locator("#id_abstract").fill(ABSTRACT)
    if secrecy:
        page.locator("#id_secrecy").select_option(label=secrecy)


def fill_row(page: Page, index: int, *, content: str, lead: str, deadline: str, coordinators: str = ""):
    page.locator(f"#id_tasks-{index}-content").fill(content)
    # Typed key by key like a clerk does: the HTMX preview listens to keyup.
    page.locator(f"#id_tasks-{index}-lead").press_sequentially(lead)
    if coordinators:
        page.locator(f"#id_tasks-{index}-coordinators").press_sequentially(coordinators)
    page.locator(f"#id_tasks-{index}-deadline").fill(deadline)


def remove_blank_rows(page: Page) -> None:
    """Remove, with their "Xóa" button, the task rows left empty (the page opens with a spare one).

    Untouched rows should simply be ignored; until they are (test_untouched_rows_are_ignored), remove them.
    """
    rows = page.get_by_test_id("register-form").locator("[data-task-row]")
    for i in range(rows.count()):
        row = rows.nth(i)
        content = row.locator("textarea[name$='-content']").input_value()
        lead = row.locator("input[name$='-lead']").input_value()
        if row.is_visible() and not content and not lead:
            row.get_by_role("button", name="Xóa").click()
            expect(row).to_be_hidden()


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_register_and_deliver_three_tasks(page: Page, province):
    today = clock.today()
    deadline = dmy(today + datetime.timedelta(days=30))
    login(page, "vanthu_e2e")
    open_register_page(page)

    fill_directive(page, issue_date=dmy(today - datetime.timedelta(days=1)))
    fill_row(page, 0, content=ROW1, lead="Sở Tài chính", deadline=deadline)
    expect(page.locator("#tasks-0-lead-preview")).to_contain_text("→ 1 đơn vị: STC")

    # The page may open with spare empty rows (they are ignored); the added row comes after them.
    rows_before = page.locator("[data-task-row]:visible").count()
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(page.locator("[data-task-row]:visible")).to_have_count(rows_before + 1)
    expect(page.locator("#id_tasks-TOTAL_FORMS")).to_have_value(str(rows_before + 1))
    added = rows_before
    expect(page.locator(f"#id_tasks-{added}-content")).to_be_focused()
    fill_row(
        page,
        added,
        content=ROW2,
        lead="UBND các huyện, thành phố",
        coordinators="Sở Kế hoạch và Đầu tư",
        deadline=deadline,
    )
    preview = page.locator(f"#tasks-{added}-lead-preview")
    expect(preview).to_contain_text("→ 2 đơn vị")
    expect(preview).to_contain_text("UBND huyện U Minh")
    expect(preview).to_contain_text("UBND thành phố Cà Mau")

    remove_blank_rows(page)
    expect(page.locator("[data-task-row]:visible [data-row-number]")).to_have_text(["1", "2"])
    submit(page, "Lưu và chuyển")

    expect(page).to_have_url(re.compile(r"/van-ban/\d+/$"))
    expect(page.get_by_role("alert").first).to_contain_text("Đã lưu và chuyển giao 3 nhiệm vụ.")
    expect(page.get_by_role("alert").nth(1)).to_contain_text("3 nhiệm vụ chưa có chuyên viên theo dõi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Công văn 846/UBND-TH")
    rows = page.get_by_test_id("task-table").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text=ROW1)).to_have_count(1)
    expect(rows.filter(has_text=ROW2)).to_have_count(2)
    expect(rows.locator("[data-status=draft]")).to_have_count(0)

    directive = Directive.objects.get()
    assert page.url.endswith(f"/van-ban/{directive.pk}/")
    assert (directive.number, directive.symbol, directive.issuer) == ("846", "UBND-TH", ISSUER)
    tasks = list(Task.objects.filter(directive=directive).order_by("id"))
    assert len(tasks) == 3
    assert all(t.delivered_on == today and t.delivered_at for t in tasks)
    assert all(t.monitoring_department == province.th for t in tasks)  # from the symbol UBND-TH
    stc_task, *district_tasks = tasks
    assert stc_task.lead_unit == province.stc and stc_task.content == ROW1
    assert {t.lead_unit for t in district_tasks} == {province.u_minh, province.ca_mau}
    assert district_tasks[0].group_id == district_tasks[1].group_id != stc_task.group_id
    for task in district_tasks:
        assert list(task.coordinating_units.all()) == [province.skhdt]


def test_wrong_date_is_explained_and_the_typed_content_kept(page: Page, province):
    deadline = dmy(clock.today() + datetime.timedelta(days=10))
    login(page, "vanthu_e2e")
    open_register_page(page)
    fill_directive(page, issue_date="31/02/2026")
    fill_row(page, 0, content=ROW1, lead="Sở Tài chính", deadline=deadline)

    submit(page, "Lưu và chuyển")

    date_field = page.locator("#id_issue_date")
    error = date_field.locator("xpath=following-sibling::*[@data-testid='field-error'][1]")
    expect(error).to_have_text("Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy, ví dụ 23/05/2026).")
    expect(date_field).to_have_value("31/02/2026")
    expect(page.locator("#id_number")).to_have_value("846")
    expect(page.locator("#id_abstract")).to_have_value(ABSTRACT)
    expect(page.locator("#id_tasks-0-content")).to_have_value(ROW1)
    expect(page.locator("#id_tasks-0-lead")).to_have_value("Sở Tài chính")
    expect(page.locator("#id_tasks-0-deadline")).to_have_value(deadline)
    assert not Directive.objects.exists()
    assert not Task.objects.exists()


def test_duplicate_registration_links_to_the_existing_document(page: Page, province):
    today = clock.today()
    issued = today - datetime.timedelta(days=3)
    existing = register(
        province.clerk,
        "846",
        [spec(province.stc, ROW1, today + datetime.timedelta(days=20))],
        on=issued,
        abstract=ABSTRACT,
    )
    login(page, "vanthu_e2e")
    open_register_page(page)
    fill_directive(page, issue_date=dmy(issued))
    fill_row(page, 0, content=ROW1, lead="Sở Tài chính", deadline=dmy(today + datetime.timedelta(days=20)))
    remove_blank_rows(page)
    submit(page, "Lưu và chuyển")

    error = page.get_by_test_id("form-error")
    expect(error).to_contain_text(f"Văn bản số 846/UBND-TH ngày {dmy(issued)} của {ISSUER} đã được nhập")
    expect(error).to_contain_text(f"(mã #{existing.pk})")
    link = error.get_by_role("link", name="Mở văn bản")
    expect(link).to_have_attribute("href", f"/van-ban/{existing.pk}/")
    assert Directive.objects.count() == 1
    assert Task.objects.count() == 1

    link.click()
    expect(page).to_have_url(re.compile(rf"/van-ban/{existing.pk}/$"))
    expect(page.get_by_test_id("task-table")).to_contain_text(ROW1)


def test_secret_document_is_refused_and_nothing_saved(page: Page, province):
    today = clock.today()
    login(page, "vanthu_e2e")
    open_register_page(page)
    fill_directive(page, issue_date=dmy(today), secrecy="Mật")
    fill_row(page, 0, content=ROW1, lead="Sở Tài chính", deadline=dmy(today + datetime.timedelta(days=5)))
    remove_blank_rows(page)
    submit(page, "Lưu nháp")

    error = page.locator("#id_secrecy").locator("xpath=following-sibling::*[@data-testid='field-error'][1]")
    expect(error).to_contain_text("Văn bản có độ mật (Mật) không được nhập vào hệ thống theo Điều 4 Quy chế")
    expect(page.locator("#id_abstract")).to_have_value(ABSTRACT)
    assert not Directive.objects.exists()
    assert not Task.objects.exists()


def test_untouched_rows_are_ignored(page: Page, province):
    today = clock.today()
    login(page, "vanthu_e2e")
    open_register_page(page)
    fill_directive(page, issue_date=dmy(today))
    fill_row(page, 0, content=ROW1, lead="Sở Tài chính", deadline=dmy(today + datetime.timedelta(days=5)))
    page.get_by_role("button", name="Thêm nhiệm vụ").click()  # and leave it empty

    submit(page, "Lưu nháp")

    assert re.search(r"/van-ban/\d+/$", page.url), page.get_by_test_id("field-error").all_inner_texts()
    assert Task.objects.get().delivered_on is None
