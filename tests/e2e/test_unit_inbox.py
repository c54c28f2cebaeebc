"""A unit officer sees the tasks delivered to the unit, and only those (R-6.1, SCREENS.md "Nhiệm vụ mới nhận")."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.helpers import login, register, spec

from vic.core import clock
from vic.tasks.models import Task

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

LEAD = "Tham mưu điều chuyển vốn đầu tư công của các dự án giải ngân chậm"
COORDINATE = "Rà soát danh mục dự án khởi công mới năm 2027"
OTHER = "Đẩy nhanh giải phóng mặt bằng tuyến đường Cà Mau - U Minh"
DRAFT = "Báo cáo tình hình thu ngân sách quý IV"


@pytest.fixture
def delivered(province):
    """Delivered: one task led by STC, one led by SKHĐT with STC coordinating, one of U Minh; and a draft."""
    today = clock.today()
    directive = register(
        province.clerk,
        "846",
        [
            spec(province.stc, LEAD, today + datetime.timedelta(days=20)),
            spec(
                province.skhdt,
                COORDINATE,
                today + datetime.timedelta(days=25),
                coordinating_units=[province.stc],
            ),
            spec(
                province.u_minh,
                OTHER,
                today + datetime.timedelta(days=30),
                coordinating_units=[province.skhdt],
            ),
        ],
        on=today - datetime.timedelta(days=2),
    )
    register(
        province.clerk,
        "850",
        [spec(province.stc, DRAFT, today + datetime.timedelta(days=15))],
        on=today - datetime.timedelta(days=1),
        deliver=False,
        abstract="Về việc báo cáo thu ngân sách",
    )
    tasks = {t.content: t for t in Task.objects.select_related("lead_unit")}
    assert tasks[LEAD].directive == directive and tasks[DRAFT].delivered_on is None
    return tasks


def test_unit_inbox_shows_own_tasks_only(page: Page, province, delivered):
    login(page, "stc_e2e")
    expect(page.get_by_test_id("current-user")).to_contain_text("STC")
    page.get_by_role("link", name="Nhiệm vụ mới nhận").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Tài chính")
    lead = page.get_by_test_id("inbox-lead").locator("tbody tr")
    expect(lead).to_have_count(1)
    expect(lead).to_contain_text(LEAD)
    coordinate = page.get_by_test_id("inbox-coordinate").locator("tbody tr")
    expect(coordinate).to_have_count(1)
    expect(coordinate).to_contain_text(COORDINATE)
    expect(coordinate).to_contain_text("SKHĐT")
    main = page.get_by_role("main")
    expect(main).not_to_contain_text(OTHER)
    expect(main).not_to_contain_text(DRAFT)


def test_other_units_tasks_and_drafts_are_not_found(page: Page, province, delivered):
    login(page, "stc_e2e")
    for content in [OTHER, DRAFT]:
        response = page.goto(f"/nhiem-vu/{delivered[content].pk}/")
        assert response.status == 404, content
        expect(page.locator("body")).not_to_contain_text(content)
    # The same address works for the unit's own task.
    response = page.goto(f"/nhiem-vu/{delivered[LEAD].pk}/")
    assert response.status == 200
    expect(page.get_by_test_id("task-content")).to_have_text(LEAD)


def test_search_without_diacritics_and_the_task_journal(page: Page, province, delivered):
    login(page, "stc_e2e")
    search = page.get_by_role("searchbox", name="Tìm kiếm")
    search.fill("so tai chinh")
    with page.expect_navigation():
        search.press("Enter")

    expect(page).to_have_url(re.compile(r"/nhiem-vu/\?q=so\+tai\+chinh"))
    rows = page.get_by_test_id("task-table").locator("tbody tr")
    expect(rows).to_have_count(2)  # the task STC leads and the one it coordinates
    expect(page.get_by_test_id("result-count")).to_have_text("2 nhiệm vụ")
    expect(rows.filter(has_text=LEAD)).to_have_count(1)
    expect(rows.filter(has_text=COORDINATE)).to_have_count(1)

    rows.get_by_role("link", name=LEAD).click()
    expect(page).to_have_url(re.compile(rf"/nhiem-vu/{delivered[LEAD].pk}/$"))
    expect(page.get_by_test_id("task-lead")).to_have_text("Sở Tài chính")
    journal = page.get_by_test_id("journal")
    expect(journal.locator("li strong")).to_have_text(["Chuyển giao cho đơn vị", "Nhập nhiệm vụ"])
    expect(journal).to_contain_text("846/UBND-TH")


def test_not_found_page_speaks_vietnamese(page: Page, province, delivered):
    login(page, "stc_e2e")
    response = page.goto(f"/nhiem-vu/{delivered[OTHER].pk}/")
    assert response.status == 404
    body = page.locator("body").inner_text()
    assert "Not Found" not in body and "not found" not in body, body
