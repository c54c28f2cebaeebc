"""On a 390 px phone the frame fits the screen: no sideways scrolling, the bell drawn without an emoji
font, and the menu (☰) holds the user's name and the log-out button (regression: the top bar was 477 px)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.e2e.helpers import login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_the_frame_fits_a_phone_and_logs_out_from_the_menu(page, province):
    login(page, "stc_e2e")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    bell = page.get_by_test_id("bell")
    expect(bell.locator("svg")).to_be_visible()
    box = bell.bounding_box()
    assert box["x"] + box["width"] <= 390
    page.get_by_role("button", name="Mở menu").click()
    menu_user = page.get_by_test_id("menu-user")
    expect(menu_user).to_contain_text("Lê Văn Tài")
    menu_user.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()


PHONE = {"width": 375, "height": 812}
LONG = (
    "Báo cáo tình hình triển khai thực hiện và giải ngân kế hoạch đầu tư công năm 2026 của các dự án trên địa "
    "bàn, gửi báo cáo về Sở Kế hoạch và Đầu tư trước ngày 20 hằng tháng"
)


def fits(page, locator) -> None:
    """Nothing to scroll sideways, and `locator` drawn inside the screen's width."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.fixture
def proposed(province):
    """A task of Sở Tài chính, followed by an officer of Phòng Tổng hợp, with a completion proposal waiting."""
    import datetime

    from tests.e2e.helpers import PASSWORD, register, spec

    from vic.core import clock
    from vic.tasks import actions
    from vic.tasks.models import SubmissionKind
    from vic.units.models import Role, User

    officer = User.objects.create_user(
        "cv_e2e",
        password=PASSWORD,
        role=Role.MONITORING_OFFICER,
        unit=province.th,
        full_name="Đỗ Thị Theo Dõi",
    )
    today = clock.today()
    directive = register(
        province.clerk,
        "1846",
        [spec(province.stc, LONG, today + datetime.timedelta(days=30), monitoring_officers=[officer])],
        on=today - datetime.timedelta(days=3),
    )
    task = directive.tasks.get()
    actions.submit(province.stc_officer, task, SubmissionKind.COMPLETION, LONG)
    return task


def test_the_pending_page_fits_a_phone(page, province, proposed):
    login(page, "cv_e2e")
    page.set_viewport_size(PHONE)
    page.goto("/nhiem-vu/cho-xu-ly/")
    to_decide = page.get_by_test_id("to-decide")
    fits(page, to_decide.get_by_role("link", name=LONG[:40]))
    fits(page, to_decide.get_by_text("STC", exact=True))  # the sending unit, beside no column off-screen


def test_the_notifications_page_fits_a_phone_with_its_buttons(page, province, proposed):
    login(page, "stc_e2e")
    page.set_viewport_size(PHONE)
    page.goto("/thong-bao/")
    note = page.get_by_test_id("notification").first
    fits(page, note.get_by_role("button", name="Xem nhiệm vụ"))
    fits(page, note.get_by_role("button", name="Đã đọc"))
    fits(page, page.get_by_role("button", name="Tạo địa chỉ lịch"))
